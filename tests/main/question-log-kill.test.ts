// The question log survives SIGKILL: `npm start` as its own process answers a stream of @mentions
// from the stand-in and is killed mid-burst; every answer sent more than a second before the kill
// must have its record in the SQLite file.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../helpers/discord/fixtures.ts';
import { TEST_TOKEN } from '../helpers/discord/harness.ts';
import { cleanEnv, startScript } from '../helpers/discord/process.ts';
import { tempDir } from '../helpers/folders.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-standin/server.ts';

/** The promise: a record of an answer sent this long before the kill is never lost. */
const DURABLE_AFTER_MS = 1_000;
/** Questions in flight at once: enough that the kill lands mid-burst. */
const CONCURRENCY = 4;

let s: DiscordStandIn;
let data: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  s = await startDiscordStandIn({ token: TEST_TOKEN });
  data = await tempDir('footnote-kill-');
});
afterAll(async () => {
  await s?.close();
  await data?.cleanup();
});

it('SIGKILL mid-burst loses no record of an answer sent more than a second before', async () => {
  const bot = startScript('src/main/start.ts', {
    cwd: data.dir,
    timeoutMs: 120_000,
    env: cleanEnv({
      DISCORD_TOKEN: s.token,
      DISCORD_CLIENT_ID: s.applicationId,
      DISCORD_API_URL: s.apiUrl,
      KNOWLEDGE_DIR: FIXTURE_DIR,
      FOOTNOTE_CACHE: 'off',
      FOOTNOTE_DATA_DIR: data.dir,
      FOOTNOTE_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
    }),
  });
  await bot.waitForStderr(/connected to Discord as/u, 60_000);
  await bot.waitForStderr(/knowledge base ready/u, 60_000);

  // When each answer was seen here: never earlier than the bot sent it.
  const answeredAt = new Map<string, number>();
  let asked = 0;
  let killedAt: number | null = null;
  const oldEnough = (now: number) => [...answeredAt.values()].some((at) => at <= now - DURABLE_AFTER_MS);

  async function keepAsking(): Promise<void> {
    while (killedAt === null) {
      const question = `Who keeps the rota? (question ${++asked})`;
      const message = await s.postMessage({ content: `<@${s.botUserId}> ${question}`, authorId: (400000000000000000n + BigInt(asked)).toString() });
      try {
        await s.waitForSent((r) => r.kind === 'message' && r.message.reference?.message_id === message.id, 60_000);
      } catch (error) {
        if (killedAt !== null) return;
        throw error;
      }
      const now = performance.now();
      if (killedAt !== null) return;
      answeredAt.set(question, now);
      // Killed as soon as one answer is old enough to count, with more still coming.
      if (oldEnough(now)) {
        killedAt = performance.now();
        bot.child.kill('SIGKILL');
      }
    }
  }
  await Promise.race([Promise.all(Array.from({ length: CONCURRENCY }, keepAsking)), bot.done]);
  const run = await bot.done;
  expect(run.signal).toBe('SIGKILL');
  expect(killedAt).not.toBeNull();

  const db = new Database(join(data.dir, 'questions.sqlite'), { readonly: true });
  const stored = new Set(db.prepare('SELECT question FROM questions').pluck().all() as string[]);
  db.close();
  const due = [...answeredAt].filter(([, at]) => at <= (killedAt ?? 0) - DURABLE_AFTER_MS).map(([q]) => q);
  expect(due.length).toBeGreaterThan(0);
  expect(due.filter((q) => !stored.has(`<@${s.botUserId}> ${q}`) && !stored.has(q))).toEqual([]);
}, 180_000);
