import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../src/search/index.ts';
import { startHarness } from '../tests/helpers/discord/harness.ts';
import type { InteractionRecord } from '../tests/support/discord-standin/server.ts';
import { ms, percentiles, row, timeAsync } from './stats.ts';

/** Milliseconds from dispatch to the reply a person sees: the message itself, or its edit after a deferral. */
function completeMs(record: InteractionRecord): number | null {
  const first = record.firstResponse;
  if (!first) return null;
  if (first.type !== 5) return first.atMs;
  return record.history.find((h) => h.kind === 'editOriginal' && h.status < 300)?.atMs ?? null;
}

/**
 * Dispatch-to-reply latency of /ask through the whole stack: the stand-in sends INTERACTION_CREATE
 * over the gateway, the real discord.js client hands it to the bot, and the stand-in times the
 * callback (and the edit, when the bot deferred). Sequential first, then a burst all at once; then
 * @mentions, from the message going out to the bot's reply reaching the stand-in.
 */
export async function benchDiscord(kb: KnowledgeBase, questions: readonly string[], sequential: number, burst: number): Promise<string[]> {
  const h = await startHarness({
    knowledge: kb,
    env: { FOOTNOTE_COOLDOWN_SECONDS: '0', LOG_LEVEL: 'warn' },
    standIn: { heartbeatIntervalMs: 5_000 },
  });
  const s = h.s;
  let user = 400000000000000000n;
  const ask = (i: number) =>
    s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: (user++).toString(), options: { question: questions[i % questions.length] ?? 'AI' } });
  const settle = (r: InteractionRecord) => s.waitFor(r.id, (x) => completeMs(x) !== null, 10_000);
  const lines: string[] = [];
  try {
    for (let i = 0; i < 10; i++) await settle(await ask(i)); // warm-up
    const first: number[] = [];
    const complete: number[] = [];
    for (let i = 0; i < sequential; i++) {
      const done = await settle(await ask(i));
      first.push(done.firstResponse?.atMs ?? NaN);
      complete.push(completeMs(done) ?? NaN);
    }
    const [records, burstMs] = await timeAsync(async () => {
      const dispatched = await Promise.all(Array.from({ length: burst }, (_, i) => ask(i)));
      return Promise.all(dispatched.map(settle));
    });
    const burstFirst = records.map((r) => r.firstResponse?.atMs ?? NaN);
    const late = burstFirst.filter((t) => !(t < 3000)).length;
    const deferred = records.filter((r) => r.firstResponse?.type === 5).length;
    // A mention: the stand-in posts the message over the gateway, the bot replies to it by REST.
    const mentionMs: number[] = [];
    for (let i = 0; i < sequential; i++) {
      const started = performance.now();
      const question = await s.postMessage({ content: `<@${s.botUserId}> ${questions[i % questions.length] ?? 'AI'}`, authorId: (user++).toString() });
      await s.waitForSent((r) => r.kind === 'message' && r.message.reference?.message_id === question.id, 10_000);
      mentionMs.push(performance.now() - started);
    }
    const widths = [30, 6, 8, 8, 8, 8];
    lines.push(row(['/ask dispatch → (ms)', 'n', 'p50', 'p95', 'p99', 'max'], widths));
    for (const [name, samples] of [
      ['first response, sequential', first],
      ['reply seen, sequential', complete],
      [`first response, burst ${burst}`, burstFirst],
      [`reply seen, burst ${burst}`, records.map((r) => completeMs(r) ?? NaN)],
      ['@mention → reply, sequential', mentionMs],
    ] as const) {
      const p = percentiles(samples);
      lines.push(row([name, p.n, ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)], widths));
    }
    lines.push(
      '',
      `burst of ${burst}: all answered in ${ms(burstMs)} ms; ${deferred} deferred; ${late} first responses later than 3 s; ${s.violations.length} limit violations`,
    );
  } finally {
    await h.close();
  }
  return lines;
}
