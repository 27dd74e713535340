import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Responder } from '../../src/discord/reply.ts';
import { notice } from '../../src/present/discord/index.ts';

/** Records which discord.js calls the responder made, with their options. */
function fakeInteraction(component = false) {
  const calls: [string, unknown][] = [];
  const record = (name: string) => async (options?: unknown) => {
    calls.push([name, options]);
  };
  const interaction = {
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
    update: record('update'),
    deferUpdate: record('deferUpdate'),
    isMessageComponent: () => component,
  };
  return { interaction: interaction as unknown as RepliableInteraction, calls };
}

const BODY = { embeds: [{ title: 'answer' }], components: [] };
const NOTICE = notice('Something went wrong (ref abc).');
const EPHEMERAL = MessageFlags.Ephemeral;

describe('Responder', () => {
  it('answers directly, with allowed mentions set', async () => {
    const { interaction, calls } = fakeInteraction();
    const reply = new Responder(interaction);
    await reply.send(BODY, { private: false, mention: '123456789012345678' });
    expect(calls).toEqual([['reply', expect.objectContaining({ content: '<@123456789012345678>', allowedMentions: { parse: [], users: ['123456789012345678'] } })]]);
    expect(calls[0]?.[1]).not.toHaveProperty('flags');
  });

  it('edits the deferred reply, and follows up after that', async () => {
    const { interaction, calls } = fakeInteraction();
    const reply = new Responder(interaction);
    await reply.defer({ private: true });
    await reply.send(BODY, { private: true });
    await reply.send(BODY, { private: true });
    expect(calls.map(([name]) => name)).toEqual(['deferReply', 'editReply', 'followUp']);
    expect(calls[0]?.[1]).toEqual({ flags: EPHEMERAL });
  });

  it.each([
    ['before any response', async (_r: Responder) => {}, ['reply']],
    ['after a private defer', async (r: Responder) => r.defer({ private: true }), ['deferReply', 'editReply']],
    // A public "thinking…" would show the error to everyone: remove it, then tell the asker privately.
    ['after a public defer', async (r: Responder) => r.defer({ private: false }), ['deferReply', 'deleteReply', 'followUp']],
    ['after a reply', async (r: Responder) => r.send(BODY, { private: false }), ['reply', 'followUp']],
  ])('reaches the person privately %s', async (_name, before, expected) => {
    const { interaction, calls } = fakeInteraction();
    const reply = new Responder(interaction);
    await before(reply);
    await reply.notice(NOTICE);
    expect(calls.map(([name]) => name)).toEqual(expected);
    const last = calls[calls.length - 1]?.[1] as { flags?: number; content?: string; allowedMentions?: unknown };
    expect(last.content).toBe('Something went wrong (ref abc).');
    expect(last.allowedMentions).toEqual({ parse: [], users: [] });
    if (expected[expected.length - 1] !== 'editReply') expect(last.flags).toBe(EPHEMERAL);
  });

  it('updates a button message, or edits it after a deferred update', async () => {
    const direct = fakeInteraction(true);
    await new Responder(direct.interaction).update(BODY);
    expect(direct.calls.map(([n]) => n)).toEqual(['update']);
    const deferred = fakeInteraction(true);
    const reply = new Responder(deferred.interaction);
    await reply.deferUpdate();
    await reply.update(BODY);
    await reply.notice(NOTICE);
    expect(deferred.calls.map(([n]) => n)).toEqual(['deferUpdate', 'editReply', 'followUp']);
  });
});
