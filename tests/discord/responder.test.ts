// The Responder carrying out the table (response-state.ts) over a recorded transport: which
// request each operation becomes, with which body, from each state.
import { describe, expect, it } from 'vitest';
import { Responder } from '../../src/discord/responder.ts';
import { notice } from '../../src/present/discord/index.ts';
import { fakeTransport } from '../helpers/discord/fake-transport.ts';

const BODY = { embeds: [{ title: 'answer' }], components: [] };
const NOTICE = notice('Something went wrong (ref abc).');

describe('Responder', () => {
  it('answers directly, with allowed mentions set to the chosen user only', async () => {
    const { transport, calls } = fakeTransport();
    const reply = new Responder(transport);
    await reply.send(BODY, { private: false, mention: '123456789012345678' });
    expect(calls).toEqual([
      { call: 'reply', ephemeral: false, body: expect.objectContaining({ content: '<@123456789012345678>', allowed_mentions: { parse: [], users: ['123456789012345678'] } }) },
    ]);
    expect(reply.state).toBe('replied');
  });

  it('a private answer pings nobody, even with a mention', async () => {
    const { transport, calls } = fakeTransport();
    await new Responder(transport).send(BODY, { private: true, mention: '123456789012345678' });
    expect(calls[0]).toMatchObject({ call: 'reply', ephemeral: true, body: { content: '', allowed_mentions: { parse: [], users: [] } } });
  });

  it('edits the deferred reply, and follows up after that', async () => {
    const { transport, names, calls } = fakeTransport();
    const reply = new Responder(transport);
    await reply.defer({ private: true });
    expect(reply.state).toBe('deferred');
    await reply.send(BODY, { private: true });
    await reply.send(BODY, { private: true });
    expect(names()).toEqual(['deferReply', 'editOriginal', 'followUp']);
    expect(calls[0]).toEqual({ call: 'deferReply', body: null, ephemeral: true });
  });

  it.each([
    ['before any response', async (_r: Responder) => {}, ['reply']],
    ['after a private defer', async (r: Responder) => r.defer({ private: true }), ['deferReply', 'editOriginal']],
    // A public "thinking…" would show the error to everyone: remove it, then tell the asker privately.
    ['after a public defer', async (r: Responder) => r.defer({ private: false }), ['deferReply', 'deleteOriginal', 'followUp']],
    ['after a reply', async (r: Responder) => r.send(BODY, { private: false }), ['reply', 'followUp']],
  ])('reaches the person privately %s', async (_name, before, expected) => {
    const { transport, calls, names } = fakeTransport();
    const reply = new Responder(transport);
    await before(reply);
    await reply.notice(NOTICE);
    expect(names()).toEqual(expected);
    const last = calls[calls.length - 1];
    expect(last && 'body' in last ? last.body : null).toMatchObject({ content: 'Something went wrong (ref abc).', allowed_mentions: { parse: [], users: [] } });
    if (last?.call !== 'editOriginal') expect(last && 'ephemeral' in last ? last.ephemeral : null).toBe(true);
  });

  it('updates a button message, or edits it after a deferred update', async () => {
    const direct = fakeTransport({ button: true });
    await new Responder(direct.transport).update(BODY);
    expect(direct.names()).toEqual(['update']);
    const deferred = fakeTransport({ button: true });
    const reply = new Responder(deferred.transport);
    await reply.deferUpdate();
    await reply.update(BODY);
    await reply.notice(NOTICE);
    expect(deferred.names()).toEqual(['deferUpdate', 'editOriginal', 'followUp']);
  });

  it('refuses button-only operations on a command, sending nothing', async () => {
    const { transport, calls } = fakeTransport();
    const reply = new Responder(transport);
    await expect(reply.update(BODY)).rejects.toThrow(/only for buttons/u);
    await expect(reply.deferUpdate()).rejects.toThrow(/only for buttons/u);
    expect(calls).toEqual([]);
    expect(reply.state).toBe('fresh');
  });

  it('shutdown tells a person still waiting, and drops what the handler sends afterwards', async () => {
    const { transport, names } = fakeTransport();
    const reply = new Responder(transport);
    await reply.defer({ private: true });
    expect(await reply.interrupt(NOTICE)).toBe(true);
    await expect(reply.send(BODY, { private: true })).rejects.toThrow(/shutting down/u);
    expect(names()).toEqual(['deferReply', 'editOriginal']);
  });

  it('shutdown leaves a person who has an answer alone, and cannot answer past the first-response deadline', async () => {
    const answered = fakeTransport();
    const reply = new Responder(answered.transport);
    await reply.send(BODY, { private: false });
    expect(await reply.interrupt(NOTICE)).toBe(false);
    expect(answered.names()).toEqual(['reply']);

    let now = 0;
    const late = fakeTransport();
    const waiting = new Responder(late.transport, { now: () => now });
    now = 3_001;
    expect(await waiting.interrupt(NOTICE)).toBe(false);
    expect(late.calls).toEqual([]);
  });
});
