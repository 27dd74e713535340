import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../src/search/index.ts';
import { startHarness } from '../tests/helpers/discord/harness.ts';
import type { DiscordStandIn, InteractionRecord } from '../tests/support/discord-standin/server.ts';
import { ms, percentiles, row, timeAsync } from './stats.ts';

/** Milliseconds from dispatch to the reply a person sees: the message itself, or its edit after a deferral. */
function completeMs(record: InteractionRecord): number | null {
  const first = record.firstResponse;
  if (!first) return null;
  if (first.type !== 5) return first.atMs;
  return record.history.find((h) => h.kind === 'editOriginal' && h.status < 300)?.atMs ?? null;
}

/** Who asks what: every interaction and mention comes from a new person, so no cooldown applies. */
class Askers {
  #user = 400000000000000000n;

  constructor(
    readonly s: DiscordStandIn,
    readonly questions: readonly string[],
  ) {}

  nextUser(): string {
    return (this.#user++).toString();
  }

  question(i: number): string {
    return this.questions[i % this.questions.length] ?? 'AI';
  }

  ask(i: number): Promise<InteractionRecord> {
    return this.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: this.nextUser(), options: { question: this.question(i) } });
  }

  settle(r: InteractionRecord): Promise<InteractionRecord> {
    return this.s.waitFor(r.id, (x) => completeMs(x) !== null, 10_000);
  }
}

interface DiscordSamples {
  first: number[];
  complete: number[];
  burst: { records: InteractionRecord[]; ms: number };
  mentionMs: number[];
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
  const askers = new Askers(h.s, questions);
  try {
    for (let i = 0; i < 10; i++) await askers.settle(await askers.ask(i)); // warm-up
    const { first, complete } = await askInTurn(askers, sequential);
    const burstRun = await askAtOnce(askers, burst);
    const mentionMs = await mentionInTurn(askers, sequential);
    return formatDiscord({ first, complete, burst: burstRun, mentionMs }, burst, h.s.violations.length);
  } finally {
    await h.close();
  }
}

async function askInTurn(askers: Askers, count: number): Promise<Pick<DiscordSamples, 'first' | 'complete'>> {
  const first: number[] = [];
  const complete: number[] = [];
  for (let i = 0; i < count; i++) {
    const done = await askers.settle(await askers.ask(i));
    first.push(done.firstResponse?.atMs ?? NaN);
    complete.push(completeMs(done) ?? NaN);
  }
  return { first, complete };
}

async function askAtOnce(askers: Askers, count: number): Promise<DiscordSamples['burst']> {
  const [records, ms] = await timeAsync(async () => {
    const dispatched = await Promise.all(Array.from({ length: count }, (_, i) => askers.ask(i)));
    return Promise.all(dispatched.map((r) => askers.settle(r)));
  });
  return { records, ms };
}

/** A mention: the stand-in posts the message over the gateway, the bot replies to it by REST. */
async function mentionInTurn(askers: Askers, count: number): Promise<number[]> {
  const { s } = askers;
  const mentionMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const question = await s.postMessage({ content: `<@${s.botUserId}> ${askers.question(i)}`, authorId: askers.nextUser() });
    await s.waitForSent((r) => r.kind === 'message' && r.message.reference?.message_id === question.id, 10_000);
    mentionMs.push(performance.now() - started);
  }
  return mentionMs;
}

function formatDiscord(samples: DiscordSamples, burst: number, violations: number): string[] {
  const { records } = samples.burst;
  const burstFirst = records.map((r) => r.firstResponse?.atMs ?? NaN);
  const late = burstFirst.filter((t) => !(t < 3000)).length;
  const deferred = records.filter((r) => r.firstResponse?.type === 5).length;
  const widths = [30, 6, 8, 8, 8, 8];
  const lines = [row(['/ask dispatch → (ms)', 'n', 'p50', 'p95', 'p99', 'max'], widths)];
  for (const [name, values] of [
    ['first response, sequential', samples.first],
    ['reply seen, sequential', samples.complete],
    [`first response, burst ${burst}`, burstFirst],
    [`reply seen, burst ${burst}`, records.map((r) => completeMs(r) ?? NaN)],
    ['@mention → reply, sequential', samples.mentionMs],
  ] as const) {
    const p = percentiles(values);
    lines.push(row([name, p.n, ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)], widths));
  }
  lines.push(
    '',
    `burst of ${burst}: all answered in ${ms(samples.burst.ms)} ms; ${deferred} deferred; ${late} first responses later than 3 s; ${violations} limit violations`,
  );
  return lines;
}
