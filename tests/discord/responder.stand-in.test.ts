// REST faults with the whole bot: rate limits (429 with Retry-After and the X-RateLimit headers
// Discord sends), 5xx on interaction callbacks (applied or not), slow answers and timeouts.
// The rule under test (src/discord/reply.ts): Discord accepts at most one first response, so a
// callback whose outcome is unknown is checked and sent at most once more; edits are idempotent
// and repeated; nobody gets two answers, and what the bot gave up is logged with the interaction id.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REST_RETRIES, REST_TIMEOUT_MS } from '../../src/discord/client.ts';
import type { InteractionRecord } from '../support/discord-standin/server.ts';
import { acceptedCallbacks, ANSWERABLE, answered, callbackAttempts, LOADING, logLinesFor, startGatedHarness, webhookStatuses } from '../helpers/discord/faults.ts';
import { customIdOf, embedOf, EPHEMERAL, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';

const RATE_LIMITED = (seconds: number) => ({ message: 'You are being rate limited.', retry_after: seconds, global: false });

/** Every interaction of a test: none may show an error notice, a limit violation or a token in the log. */
function expectClean(h: Harness, ...records: InteractionRecord[]): void {
  expect(h.s.violations).toEqual([]);
  for (const r of records) {
    const texts = [r.original, ...r.followups].map((m) => m?.content ?? '');
    expect(texts.some((t) => /Something went wrong/u.test(t))).toBe(false);
  }
  expect(h.log.text()).not.toContain(TEST_TOKEN);
}

describe('the REST client is configured deliberately', () => {
  it('discord.js does not retry on its own; the reply helper decides; requests time out after 5 s', () => {
    expect(REST_RETRIES).toBe(0);
    expect(REST_TIMEOUT_MS).toBe(5_000);
  });
});

describe('429 rate limits', () => {
  it('on the edit of a deferred answer (PATCH @original): waits Retry-After, then the answer lands', async () => {
    const { h, release } = await startGatedHarness();
    try {
      const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
      expect(record.firstResponse?.type).toBe(5);
      h.s.failNext('PATCH /webhooks/', 429, RATE_LIMITED(0.3));
      release();
      await h.s.waitFor(record.id, answered);
      expect(webhookStatuses(h, record, 'PATCH', '/messages/@original')).toEqual([429, 200]);
      const [limited, landed] = h.s.requests.filter((r) => r.method === 'PATCH');
      // discord.js waited as Discord asked before trying again.
      expect((landed?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(250);
      expect(embedOf(record.original).description).toContain('every Monday');
      expect(acceptedCallbacks(record)).toBe(1);
      // discord.js emits no `rateLimited` for a 429 that comes back; the bot logs it from the response.
      const line = h.log.lines().find((l) => l['msg'] === 'rate limited by Discord');
      expect(line).toMatchObject({ level: 40, method: 'PATCH', retryAfterMs: 300, global: false });
      expect(String(line?.['route'])).not.toContain(record.token);
      expectClean(h, record);
    } finally {
      await h.close();
    }
  });

  it('on a follow-up (POST /webhooks): "Send to channel" still posts once, after the wait', async () => {
    const h = await startHarness();
    try {
      const user = h.newUser();
      const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: user, options: { question: ANSWERABLE, private: true } });
      h.s.failNext('POST /webhooks/', 429, RATE_LIMITED(0.2));
      const click = await h.run({ kind: 'button', userId: user, messageId: answer.original?.id ?? '', customId: customIdOf(answer.original, 'Send to channel') });
      await h.s.waitFor(click.id, (r) => r.followups.length > 0);
      expect(webhookStatuses(h, click, 'POST', '')).toEqual([429, 200]);
      expect(click.followups).toHaveLength(1);
      expect(click.followups[0]?.flags).toBe(0);
      expect(click.followups[0]?.embeds).toEqual(answer.original?.embeds);
      expectClean(h, answer, click);
    } finally {
      await h.close();
    }
  });
});

describe('5xx on the interaction callback', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.s.violations).toEqual([]);
  });
  const ask = () => h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });

  it('502 that Discord did not apply: the bot checks, finds no response, sends it once more, and it lands', async () => {
    h.s.failNext('/callback', 502);
    const record = await ask();
    await h.s.waitFor(record.id, answered);
    expect(callbackAttempts(h, record)).toEqual([502, 204]);
    // It looked before sending again: no response existed.
    expect(webhookStatuses(h, record, 'GET', '/messages/@original')).toEqual([404]);
    expect(acceptedCallbacks(record)).toBe(1);
    expect(record.errors.filter((e) => e.code === 40060)).toEqual([]);
    expect(embedOf(record.original).title).toBe(ANSWERABLE);
    await h.handled(record.id);
    expect(logLinesFor(h, record.id).map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['reply failed (HTTP 502); Discord may or may not have applied it', 'reply: sent on the second attempt']),
    );
    expectClean(h, record);
  });

  it('500 after Discord applied it: the bot finds its answer there and does not answer again', async () => {
    h.s.failAfterApplying('/callback', 500);
    const record = await ask();
    await h.s.waitFor(record.id, answered);
    // Once the bot is done with it, a wrong second attempt or an error notice would have been sent.
    await h.handled(record.id);
    expect(callbackAttempts(h, record)).toEqual([500]);
    expect(acceptedCallbacks(record)).toBe(1);
    expect(record.errors).toEqual([]);
    expect(record.followups).toEqual([]);
    expect(embedOf(record.original).title).toBe(ANSWERABLE);
    expect(logLinesFor(h, record.id).map((l) => l['msg'])).toContain('reply: Discord had applied it; carrying on without sending it again');
    expectClean(h, record);
  });

  it('502 twice, and Discord cannot be asked: the bot gives up, logs it with the interaction id, and sends nothing more', async () => {
    h.s.failNext('/callback', 502, undefined, 2);
    h.s.failNext('GET /webhooks/', 502);
    const record = await ask();
    await h.handled(record.id);
    expect(callbackAttempts(h, record)).toEqual([502, 502]);
    expect(acceptedCallbacks(record)).toBe(0);
    // No error notice on top: it would be a second answer if the first had been applied after all.
    expect(h.s.requests.filter((r) => r.path.includes(record.token))).toHaveLength(3);
    const gaveUp = h.log.lines().find((l) => l['interaction'] === record.id && /^gave up answering/u.test(String(l['msg'])));
    expect(gaveUp).toMatchObject({ level: 50, step: 'reply', command: 'ask', msg: `gave up answering interaction ${record.id}: reply failed twice (last: HTTP 502); not sending anything more for this interaction` });
    // The interaction token (it can edit the reply for 15 minutes) is not in the log either.
    expect(h.log.text()).not.toContain(record.token);
  });

  it('a deferral that got a 500 but was applied: the bot carries on and edits the answer in', async () => {
    const gated = await startGatedHarness();
    try {
      gated.h.s.failAfterApplying('/callback', 500);
      const record = await gated.h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: gated.h.newUser(), options: { question: ANSWERABLE } });
      await gated.h.s.waitForFirstResponse(record.id);
      expect(record.firstResponse?.type).toBe(5);
      gated.release();
      await gated.h.s.waitFor(record.id, answered);
      expect(callbackAttempts(gated.h, record)).toEqual([500]);
      expect(record.original?.flags).toBe(0);
      expect(embedOf(record.original).description).toContain('every Monday');
      expectClean(gated.h, record);
    } finally {
      await gated.h.close();
    }
  });

  it('a button update that got a 500 but was applied: the repeat is refused (40060), read as done, and no error follows', async () => {
    const asker = h.newUser();
    const search = await h.run({ kind: 'chatInput', name: 'search', userId: asker, options: { query: 'team' } });
    h.s.failAfterApplying('/callback', 500);
    const click = await h.s.dispatchInteraction({ kind: 'button', userId: asker, messageId: search.original?.id ?? '', customId: customIdOf(search.original, 'Next ▶') });
    await h.handled(click.id);
    expect(logLinesFor(h, click.id).some((l) => /already acknowledged/u.test(String(l['msg'])))).toBe(true);
    // A button's @original is the message it is on, so there is nothing to look up: the same
    // update is sent again, and Discord's refusal says the first one had been applied.
    expect(callbackAttempts(h, click)).toEqual([500, 400]);
    expect(acceptedCallbacks(click)).toBe(1);
    expect(click.errors.map((e) => e.code)).toEqual([40060]);
    expect(embedOf(search.original).footer?.text).toMatch(/^Page 2 of/u);
    expect(click.followups).toEqual([]);
    expectClean(h, search, click);
  });
});

describe('slow answers from Discord', () => {
  it('a callback that Discord takes 1 s to answer is sent once, and accepted', async () => {
    const h = await startHarness();
    try {
      h.s.delayNext('/callback', 1_000);
      const record = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
      await h.s.waitFor(record.id, answered);
      await h.handled(record.id);
      // The stand-in refuses a first response past Discord's deadline: accepted means in time.
      expect(callbackAttempts(h, record)).toEqual([204]);
      expect(acceptedCallbacks(record)).toBe(1);
      expect(record.errors).toEqual([]);
      expectClean(h, record);
    } finally {
      await h.close();
    }
  });

  it('an edit slower than the REST timeout is sent again; the answer stays (the late first edit has the same content)', async () => {
    const { h, release } = await startGatedHarness({ bot: { restTimeoutMs: 400 } });
    try {
      const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
      expect(record.firstResponse?.type).toBe(5);
      // The first PATCH reaches Discord but is handled only after the bot stopped waiting.
      h.s.delayNext('PATCH /webhooks/', 900);
      release();
      await h.s.waitFor(record.id, (r) => r.history.filter((e) => e.kind === 'editOriginal' && e.status === 200).length === 2, 5_000);
      const edits = record.history.filter((e) => e.kind === 'editOriginal');
      expect(JSON.stringify(edits[0]?.body)).toBe(JSON.stringify(edits[1]?.body));
      expect(record.original?.deleted).toBe(false);
      expect((record.original?.flags ?? 0) & LOADING).toBe(0);
      expect(embedOf(record.original).description).toContain('every Monday');
      expect(record.followups).toEqual([]);
      expect(logLinesFor(h, record.id).map((l) => l['msg'])).toContain('edit the reply failed (no answer within the REST timeout); trying again in 250 ms');
      expectClean(h, record);
    } finally {
      await h.close();
    }
  });

  it('a callback that times out but is applied late: one answer is accepted, the late duplicate refused', async () => {
    const h = await startHarness({ bot: { restTimeoutMs: 400 } });
    try {
      h.s.delayNext('/callback', 900);
      const record = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE, private: true } });
      await h.s.waitFor(record.id, answered);
      // The held first attempt arrives after the second one was accepted.
      await h.s.waitFor(record.id, (r) => r.errors.some((e) => e.code === 40060));
      expect(acceptedCallbacks(record)).toBe(1);
      // 10015: the bot's look at @original found no response yet; 40060: the late first attempt.
      expect(record.errors.map((e) => e.code)).toEqual([10015, 40060]);
      expect(record.original?.flags).toBe(EPHEMERAL);
      expect(embedOf(record.original).title).toBe(ANSWERABLE);
      expect(record.followups).toEqual([]);
      expectClean(h, record);
    } finally {
      await h.close();
    }
  });
});
