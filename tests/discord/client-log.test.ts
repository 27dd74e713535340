// Gateway faults with the whole bot: the connection drops, Discord asks for a reconnect, the
// session is invalidated (resumable or not), the connection goes quiet (no heartbeat ACKs). After
// each, the bot is connected again and answers /ask; an interaction Discord sent while the
// connection was down is replayed on RESUME and answered too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../support/discord-standin/gateway.ts';
import { ANSWERABLE, answered } from '../helpers/discord/faults.ts';
import { embedOf, NO_IDENTIFY_WAIT, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';

let h: Harness;

beforeAll(async () => {
  // Heartbeats every 250 ms: a silent connection is noticed within about half a second.
  h = await startHarness({ standIn: { heartbeatIntervalMs: 250 }, bot: { ws: NO_IDENTIFY_WAIT } });
});
afterAll(async () => {
  await h?.close();
  expect(h.log.text()).not.toContain(TEST_TOKEN);
});
afterEach(() => {
  expect(h.s.violations).toEqual([]);
});

/** Dispatches /ask and waits until the person can read the answer. */
async function askAndWait(): Promise<void> {
  const record = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
  await h.s.waitFor(record.id, answered);
  expect(embedOf(record.original).description).toContain('The on-**call** **rota** **changes** every Monday');
}

/** Log messages from index `from` on. */
const messagesSince = (from: number) => h.log.lines().slice(from).map((l) => String(l['msg']));

describe('gateway faults', () => {
  it('a dropped connection is resumed, and an interaction sent while it was down is replayed and answered', async () => {
    const identifies = h.s.identifies.length;
    const from = h.s.gatewayLog.length;
    const logFrom = h.log.lines().length;

    h.s.dropConnections();
    // Sent into the session while no socket is connected: Discord keeps it for the RESUME.
    const record = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
    await h.s.waitFor(record.id, answered);

    const log = h.s.gatewayLog.slice(from);
    const resumeAt = log.findIndex((e) => e.direction === 'in' && e.op === Op.Resume);
    const deliveredAt = log.findIndex((e) => e.direction === 'out' && e.t === 'INTERACTION_CREATE');
    expect(resumeAt).toBeGreaterThanOrEqual(0);
    // The interaction went out only after the client came back, as a replay.
    expect(deliveredAt).toBeGreaterThan(resumeAt);
    expect(h.s.identifies).toHaveLength(identifies);
    expect(record.firstResponse?.type).toBe(4);
    expect(embedOf(record.original).title).toBe(ANSWERABLE);
    expect(messagesSince(logFrom)).toContain('gateway resumed');
  });

  it('RECONNECT (op 7): resumes and answers', async () => {
    const identifies = h.s.identifies.length;
    const from = h.s.gatewayLog.length;
    h.s.sendReconnect();
    await h.s.waitForGatewayOp(Op.Resume, { fromIndex: from });
    await askAndWait();
    expect(h.s.identifies).toHaveLength(identifies);
  });

  it('a resumable INVALID_SESSION (op 9, true): resumes and answers', async () => {
    const identifies = h.s.identifies.length;
    const from = h.s.gatewayLog.length;
    h.s.sendInvalidSession(true);
    await h.s.waitForGatewayOp(Op.Resume, { fromIndex: from });
    await askAndWait();
    expect(h.s.identifies).toHaveLength(identifies);
  });

  it('a non-resumable INVALID_SESSION (op 9, false): identifies again, logs it, and answers', async () => {
    const identifies = h.s.identifies.length;
    const from = h.s.gatewayLog.length;
    const logFrom = h.log.lines().length;
    h.s.sendInvalidSession(false);
    await h.s.waitForGatewayOp(Op.Identify, { fromIndex: from });
    await askAndWait();
    expect(h.s.identifies).toHaveLength(identifies + 1);
    expect(messagesSince(logFrom)).toContain('gateway session started again (the old one could not be resumed)');
  });

  it('heartbeat ACKs stop: the silent connection is closed, the session resumed on a new one, and the bot answers', async () => {
    const identifies = h.s.identifies.length;
    const from = h.s.gatewayLog.length;
    h.s.stopHeartbeatAcks();
    // discord.js notices the missing op 11 at its next heartbeat, closes, reconnects and RESUMEs.
    const resume = await h.s.waitForGatewayOp(Op.Resume, { fromIndex: from, timeoutMs: 10_000 });
    // Between the stop and the RESUME: heartbeats sent, none acknowledged.
    const silent = h.s.gatewayLog.slice(from, h.s.gatewayLog.indexOf(resume));
    expect(silent.filter((e) => e.direction === 'in' && e.op === Op.Heartbeat).length).toBeGreaterThan(0);
    expect(silent.some((e) => e.direction === 'out' && e.op === Op.HeartbeatAck)).toBe(false);
    await askAndWait();
    expect(h.s.identifies).toHaveLength(identifies);
    // The new connection is acknowledged again.
    const ackFrom = h.s.gatewayLog.length;
    await h.s.waitForGatewayOp(Op.Heartbeat, { fromIndex: ackFrom, timeoutMs: 10_000 });
    await expect.poll(() => h.s.gatewayLog.slice(ackFrom).some((e) => e.direction === 'out' && e.op === Op.HeartbeatAck), { timeout: 10_000 }).toBe(true);
  });
});

describe('rate limits', () => {
  it('a 429 that Discord sends back is logged, with where and how long, and the answer still lands', async () => {
    h.s.failNext('/callback', 429, { message: 'You are being rate limited.', retry_after: 0.05, global: false });
    const record = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
    await h.s.waitFor(record.id, answered);
    const line = await h.log.waitFor((l) => l['msg'] === 'rate limited by Discord');
    expect(line).toMatchObject({ level: 40, method: 'POST', retryAfterMs: 50, global: false });
    expect(String(line['route'])).toMatch(/^\/interactions\//u);
    expect(JSON.stringify(line)).not.toContain(record.token);
    expect(h.s.requests.filter((r) => r.path.startsWith(`/interactions/${record.id}/`)).map((r) => r.status)).toEqual([429, 204]);
  });
});
