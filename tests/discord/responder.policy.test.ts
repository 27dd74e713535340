// The retry policy of the reply helper, call by call, with discord.js's own error classes: which
// failures count as "may have been applied", what is repeated, and what is never sent twice.
import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorForLog, withoutInteractionTokens } from '../../src/discord/logger.ts';
import { GaveUpError, isAmbiguousFailure, Responder } from '../../src/discord/responder.ts';
import { fakeTransport } from '../helpers/discord/fake-transport.ts';

const URL = 'https://discord.com/api/v10/webhooks/123456789012345678/aW50ZXJhY3Rpb246c2VjcmV0/messages/@original';
const http = (status: number) => new HTTPError(status, 'Bad Gateway', 'POST', URL, { body: { secret: 'body' }, files: undefined });
const api = (code: number, status = 400) => new DiscordAPIError({ code, message: `code ${code}` }, code, status, 'POST', URL, { body: { secret: 'body' }, files: undefined });
const abort = () => Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

/** A Responder over a recorded transport whose calls fail with the errors queued for them, then succeed. */
function fake(options: { component?: boolean; failures?: NonNullable<Parameters<typeof fakeTransport>[0]>['failures'] } = {}) {
  const { transport, names } = fakeTransport({ button: options.component === true, ...(options.failures ? { failures: options.failures } : {}) });
  return { reply: new Responder(transport, { retryDelaysMs: [0, 0] }), calls: names };
}

const BODY = { embeds: [{ title: 'answer' }], components: [] };

describe('what counts as "Discord may have applied it"', () => {
  it.each([
    ['HTTP 500', http(500), true],
    ['HTTP 502', http(502), true],
    ['a timeout (AbortError)', abort(), true],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    ['400 Invalid Form Body', api(50035), false],
    ['40060 already acknowledged', api(40060), false],
    ['404 Unknown interaction', api(10062, 404), false],
    ['a bug before any request', new TypeError('x is not a function'), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isAmbiguousFailure(error)).toBe(expected);
  });
});

describe('the first response (callback)', () => {
  it('not applied (the look finds nothing): sent once more', async () => {
    const { reply, calls } = fake({ failures: { reply: [http(502)], fetchOriginal: [api(10015, 404)] } });
    await reply.send(BODY, { private: false });
    expect(calls()).toEqual(['reply', 'fetchOriginal', 'reply']);
    expect(reply.state).toBe('replied');
  });

  it('applied (the look finds it): not sent again, and the answer edits it', async () => {
    const { reply, calls } = fake({ failures: { deferReply: [http(500)] } });
    await reply.defer({ private: true });
    expect(calls()).toEqual(['deferReply', 'fetchOriginal']);
    expect(reply.state).toBe('deferred');
    await reply.send(BODY, { private: true });
    expect(calls()).toEqual(['deferReply', 'fetchOriginal', 'editOriginal']);
  });

  it('a button (nothing to look at): sent once more, and 40060 means the first had been applied', async () => {
    const { reply, calls } = fake({ component: true, failures: { update: [abort(), api(40060)] } });
    await reply.update(BODY);
    expect(calls()).toEqual(['update', 'update']);
    expect(reply.state).toBe('replied');
  });

  it('failing twice: gives up, and nothing more is sent for the interaction, not even an error notice', async () => {
    const { reply, calls } = fake({ failures: { reply: [http(502), http(502)], fetchOriginal: [http(502)] } });
    await expect(reply.send(BODY, { private: false })).rejects.toBeInstanceOf(GaveUpError);
    expect(reply.state).toBe('lost');
    await expect(reply.notice({ content: 'error', embeds: [], components: [] })).rejects.toBeInstanceOf(GaveUpError);
    expect(calls()).toEqual(['reply', 'fetchOriginal', 'reply']);
  });

  it('a clear refusal (4xx) is not repeated', async () => {
    const { reply, calls } = fake({ failures: { reply: [api(50035)] } });
    await expect(reply.send(BODY, { private: false })).rejects.toBeInstanceOf(DiscordAPIError);
    expect(calls()).toEqual(['reply']);
    expect(reply.state).toBe('fresh');
  });
});

describe('after the first response', () => {
  it('an edit is idempotent: repeated up to three attempts in all', async () => {
    const { reply, calls } = fake({ failures: { editOriginal: [http(502), abort()] } });
    await reply.defer({ private: false });
    await reply.send(BODY, { private: false });
    expect(calls()).toEqual(['deferReply', 'editOriginal', 'editOriginal', 'editOriginal']);
    expect(reply.state).toBe('replied');
  });

  it('an edit failing three times is an ordinary failure (the router then tells the person)', async () => {
    const { reply, calls } = fake({ failures: { editOriginal: [http(502), http(502), http(503)] } });
    await reply.defer({ private: true });
    await expect(reply.send(BODY, { private: true })).rejects.toBeInstanceOf(HTTPError);
    expect(calls().filter((c) => c === 'editOriginal')).toHaveLength(3);
  });

  it('a follow-up whose outcome is unknown is not sent again: it may have been posted', async () => {
    const { reply, calls } = fake({ failures: { followUp: [http(502)] } });
    await reply.send(BODY, { private: false });
    await expect(reply.followUp(BODY, { private: false })).rejects.toBeInstanceOf(GaveUpError);
    expect(calls()).toEqual(['reply', 'followUp']);
  });

  it('a repeated delete that finds nothing is done', async () => {
    const { reply, calls } = fake({ component: true, failures: { deleteOriginal: [http(502), api(10008, 404)] } });
    await reply.deferUpdate();
    await reply.deleteOriginal();
    expect(calls()).toEqual(['deferUpdate', 'deleteOriginal', 'deleteOriginal']);
  });
});

describe('errors as logged', () => {
  it('keep status, code and method; mask the interaction token; drop the request body', () => {
    const logged = errorForLog(api(40060)) as unknown as Record<string, unknown>;
    expect(logged).toMatchObject({ status: 400, code: 40060, method: 'POST', url: 'https://discord.com/api/v10/webhooks/123456789012345678/[token]/messages/@original' });
    expect(JSON.stringify(Object.entries(logged))).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
    expect(logged).not.toHaveProperty('requestBody');
    expect(withoutInteractionTokens('POST /interactions/123456789012345678/aW50ZXJhY3Rpb24/callback')).toBe('POST /interactions/123456789012345678/[token]/callback');
  });
});
