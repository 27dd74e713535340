// 500 /ask interactions at once against the bot in its own process (started with --expose-gc, so
// what it keeps can be checked after real garbage collections). Counted, not timed: how many got
// exactly one first response and a visible answer (all), and what the bot still holds afterwards
// (nothing in flight, no cache of the people who asked, none of the interactions). How fast a
// burst is answered is the bench's to measure (`npm run bench`).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotStats } from '../../src/discord/bot.ts';
import { startDiscordStandIn, type DiscordStandIn, type InteractionRecord } from '../support/discord-standin/server.ts';
import { acceptedCallbacks, answered } from '../helpers/discord/faults.ts';
import { FIXTURE_DIR, PROJECT } from '../helpers/discord/fixtures.ts';
import { TEST_TOKEN } from '../helpers/discord/harness.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { commandDefinitions, commands } from '../../commands/index.ts';
import { REST } from 'discord.js';

const TSX_LOADER = pathToFileURL(join(PROJECT, 'node_modules/tsx/dist/loader.mjs')).href;
const CHILD = join(PROJECT, 'tests/helpers/discord/scripts/bot-process.ts');
const BURST = 500;
/** A burst before the one measured, so `before` counts what a warmed-up bot holds. */
const WARM_UP = BURST;
interface Measure {
  kind: 'measure';
  /** Interactions still reachable after full collections. */
  retained: number;
  received: number;
  stats: BotStats;
}

const QUESTIONS = [
  'When does the on-call rota change?',
  'Who approves refunds above 200 euros?',
  'How many holiday days does a team member have?',
  'What happens when the on-call engineer cannot fix an incident?',
  'How often does the team meet?',
];

let s: DiscordStandIn;
let child: ChildProcess;
let stderr = '';
let nextUser = 500000000000000000n;

function fromChild<T>(kind: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${kind}" from the bot process; stderr:\n${stderr}`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === kind) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as T);
      }
    };
    child.on('message', onMessage);
  });
}

async function measure(): Promise<Measure> {
  const reply = fromChild<Measure>('measure');
  child.send('measure');
  return reply;
}

/** Dispatches `n` /ask interactions at once, each from its own person, and waits for every answer. */
async function burst(n: number): Promise<InteractionRecord[]> {
  const dispatched = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: (nextUser++).toString(), options: { question: QUESTIONS[i % QUESTIONS.length] ?? '' } }),
    ),
  );
  return Promise.all(dispatched.map((r) => s.waitFor(r.id, answered, 20_000)));
}

beforeAll(async () => {
  // Discord's 3 s for a first response is a matter of speed on a busy test machine: the stand-in
  // waits as long as it takes, and the test counts what was answered.
  s = await startDiscordStandIn({ token: TEST_TOKEN, heartbeatIntervalMs: 5_000, firstResponseDeadlineMs: 10 * 60_000 });
  const env = {
    PATH: process.env['PATH'],
    NODE_NO_WARNINGS: '1',
    DISCORD_TOKEN: s.token,
    DISCORD_CLIENT_ID: s.applicationId,
    DISCORD_API_URL: s.apiUrl,
    KNOWLEDGE_DIR: FIXTURE_DIR,
    FOOTNOTE_CACHE: 'off',
    FOOTNOTE_WATCH: 'false',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
  };
  await deployCommands({ token: s.token, clientId: s.applicationId, guildId: s.guildIds[0] ?? null, apiUrl: s.apiUrl }, commandDefinitions(commands), new REST({ api: s.apiUrl }).setToken(s.token));
  child = spawn(process.execPath, ['--expose-gc', '--import', TSX_LOADER, CHILD], { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await fromChild('ready');
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
  }
  await s?.close();
});

describe(`a burst of ${BURST} /ask at once`, () => {
  it('every one gets exactly one first response and a visible answer; the bot keeps none of them', async () => {
    await burst(WARM_UP);
    const before = await measure();

    const records = await burst(BURST);

    const wrong = records
      .filter((r) => acceptedCallbacks(r) !== 1 || r.errors.length > 0 || !answered(r))
      .map((r) => ({ accepted: acceptedCallbacks(r), errors: r.errors.map((e) => e.code), answered: answered(r) }));
    expect(wrong).toEqual([]);
    expect(records.filter((r) => r.followups.length > 0)).toEqual([]);
    expect(s.violations).toEqual([]);

    const after = await measure();
    // What the bot holds: nothing in flight, no cache of the 1,500 people who asked.
    expect(after.stats.inFlight).toBe(0);
    expect(after.stats.answering).toBe(0);
    expect(after.stats.cachedUsers).toBeLessThanOrEqual(1);
    expect(after.stats.cachedMembers).toBeLessThanOrEqual(s.guildIds.length);
    expect(after.stats.cachedMessages).toBe(0);
    expect(after.stats.storedSearches).toBe(0);
    // (Cooldowns hold one entry per person of the last 3 s and are swept at 1,000: cooldown.test.ts.)
    expect(after.stats.restHandlers).toBeLessThanOrEqual(before.stats.restHandlers + 1);
    // Every interaction of both bursts reached the bot, and none is still reachable.
    expect(after.received).toBe(WARM_UP + BURST);
    expect(after.retained).toBe(0);
    expect(stderr).not.toContain(TEST_TOKEN);
  });
});
