import type { ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RESTGetAPIGatewayBotResult, Shard, ShardingManager } from 'discord.js';
import { z } from 'zod';
import { ConfigError, describeIssues, loadEnvFile, withoutEmpty } from '../config.ts';
import type { Logger } from '../log.ts';
import { readBotConfig, type BotConfig } from './config.ts';
import { createBotLogger, errorForLog } from './logger.ts';
import type { IndexSummary } from './prepare-index.ts';
import { installProcessHandlers } from './process.ts';
import { isReloadNotice } from './shard-messages.ts';

/**
 * `npm run start:sharded`: the bot as several gateway shards, one child process each, under
 * discord.js's ShardingManager. This process (the manager) checks the settings and the token once,
 * has the persisted index built or refreshed once (prepare-index.ts, a short-lived child), then
 * starts the shards; each shard (shard.ts) is the normal bot, logged in as the shard discord.js
 * tells it (the SHARDS and SHARD_COUNT variables the Client reads), loading the index from disk.
 * SIGINT/SIGTERM are passed on to the shards, which answer what is in flight before they exit; a
 * shard that exits on its own is started again (ShardingManager's `respawn`), unless it keeps
 * exiting.
 *
 * Discord requires sharding from 2,500 guilds (one shard may hold at most 2,500); GET /gateway/bot
 * recommends a count (about one shard per 1,000 guilds).
 */

/** Most shards this process starts: each is a process on this machine, with its own copy of the index. */
export const MAX_SHARDS = 256;

/** discord.js's own pause between spawning shards: Discord's 5 s between IDENTIFYs, plus margin. */
const IDENTIFY_SPACING_MS = 5_500;

/** How long a shard has to become ready (spawning and logging in). */
const SHARD_READY_TIMEOUT_MS = 30_000;

/** How long stopping may take: a shard drains within 10 s (start.ts), then exits anyway. */
const STOP_TIMEOUT_MS = 12_000;

/** A shard that exits this often within CRASH_WINDOW_MS is not started again: the manager stops. */
const CRASH_LIMIT = 5;
const CRASH_WINDOW_MS = 60_000;

/** The shard entry the manager forks. */
export const SHARD_ENTRY = fileURLToPath(new URL('./shard.ts', import.meta.url));
/** What the manager forks once, before the shards, to build the index. */
const PREPARE_INDEX_ENTRY = fileURLToPath(new URL('./prepare-index.ts', import.meta.url));

export interface ShardingSettings {
  /** How many shards, or 'auto' for the count Discord recommends (GET /gateway/bot). */
  shards: number | 'auto';
  /** The pause between starting shards; null: derived from Discord's max_concurrency (see spawnDelayFor). */
  spawnDelayMs: number | null;
}

const shardingSchema = z.object({
  FOOTNOTE_SHARDS: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === 'auto' || /^\d+$/u.test(v), {
      error: `must be a whole number of shards (1 to ${MAX_SHARDS}), or auto for the count Discord recommends`,
    })
    .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)))
    .refine((v) => v === 'auto' || (v >= 1 && v <= MAX_SHARDS), {
      error: `must be from 1 to ${MAX_SHARDS} shards (each is a process on this machine), or auto`,
    })
    .default('auto'),
  FOOTNOTE_SHARD_SPAWN_DELAY_MS: z
    .string()
    .trim()
    .regex(/^\d+$/u, { error: 'must be a whole number of milliseconds from 0 to 60000' })
    .transform(Number)
    .pipe(z.number().max(60_000, { error: 'must be at most 60000 ms' }))
    .optional(),
});

/**
 * FOOTNOTE_SHARDS (default auto) and FOOTNOTE_SHARD_SPAWN_DELAY_MS, checked here rather than in
 * config.ts because only `start:sharded` reads them. Throws ConfigError naming every problem.
 */
export function readShardingSettings(rawEnv: NodeJS.ProcessEnv = process.env): ShardingSettings {
  const parsed = shardingSchema.safeParse(withoutEmpty(rawEnv));
  if (!parsed.success) {
    throw new ConfigError(`Footnote cannot start sharded; fix these settings (in .env or the environment):\n${describeIssues(parsed.error)}`);
  }
  return { shards: parsed.data.FOOTNOTE_SHARDS, spawnDelayMs: parsed.data.FOOTNOTE_SHARD_SPAWN_DELAY_MS ?? null };
}

/**
 * The pause between starting shards. Discord lets `max_concurrency` shards IDENTIFY per 5 seconds,
 * one per bucket `shard_id % max_concurrency`; each shard is its own process with its own
 * discord.js throttler, so the spacing between processes is the manager's to keep. Started one
 * after another, shards of one bucket are `max_concurrency` spawns apart, so 5.5 s / max_concurrency
 * between spawns keeps each bucket 5.5 s apart (5.5 s itself, discord.js's default, for the
 * max_concurrency 1 most bots have).
 */
export function spawnDelayFor(maxConcurrency: number): number {
  return Math.ceil(IDENTIFY_SPACING_MS / Math.max(1, maxConcurrency));
}

/** What the children run with: this process's loader (tsx), without a debugger port they would all fight over. */
export function shardExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept = execArgv.filter((arg) => !/^--inspect/u.test(arg));
  return kept.some((arg) => arg.includes('tsx')) ? kept : [...kept, '--import', import.meta.resolve('tsx')];
}

/** GET /gateway/bot failures in words a person can act on. */
export function describeGatewayError(error: unknown): string {
  const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: unknown }).status : null;
  if (status === 401) return 'Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.';
  return `Could not ask Discord how to shard (GET /gateway/bot): ${error instanceof Error ? error.message : String(error)}`;
}

/** Asks Discord (or DISCORD_API_URL) for the recommended shard count and the session limits. */
async function fetchGatewayBot(config: BotConfig): Promise<RESTGetAPIGatewayBotResult> {
  // Not discord.js's fetchRecommendedShardCount: it always asks discord.com, whatever DISCORD_API_URL says.
  const { REST, Routes } = await import('discord.js');
  const rest = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: 1, timeout: 10_000 }).setToken(config.token);
  return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
}

/**
 * Builds the persisted index, or checks that the one on disk is fresh, so that every shard loads
 * it instead of building its own. The work happens in a child process (prepare-index.ts) that
 * exits when done, so the manager, which runs as long as the bot, does not keep the memory that
 * building took. `track` is told of the child, so that stopping meanwhile stops it too.
 */
async function prepareIndex(config: BotConfig, log: Logger, track: (child: ChildProcess) => void): Promise<void> {
  if (config.cacheDir === null) {
    log.warn('FOOTNOTE_CACHE=off: there is no persisted index to share, so every shard builds the index itself');
    return;
  }
  const { fork } = await import('node:child_process');
  const child = fork(PREPARE_INDEX_ENTRY, [], { execArgv: shardExecArgv(), env: process.env });
  track(child);
  const outcome = await new Promise<{ summary: IndexSummary | null; code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let summary: IndexSummary | null = null;
    child.on('message', (message) => {
      summary = message as IndexSummary;
    });
    child.once('error', () => resolve({ summary: null, code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ summary, code, signal }));
  });
  if (outcome.summary !== null && outcome.code === 0) {
    log.info({ ...outcome.summary }, 'index ready');
    return;
  }
  // As with `npm start`: the bot still comes up, and commands answer that the material is unavailable.
  log.error({ code: outcome.code, signal: outcome.signal }, 'could not build the index (see the lines above); each shard will try again on its own');
}

/** `npm run start:sharded`. */
export async function main(): Promise<void> {
  loadEnvFile();
  // Both checked before either is reported: one start shows every problem.
  const config = attempt(() => readBotConfig());
  const settings = attempt(() => readShardingSettings());
  if (!config.ok || !settings.ok) {
    const problems = [config, settings].flatMap((r) => (r.ok ? [] : [r.message]));
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  await runManager(config.value, settings.value);
}

function attempt<T>(read: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
}

async function runManager(config: BotConfig, settings: ShardingSettings): Promise<void> {
  const log = createBotLogger(config).child({ role: 'manager' });
  const live = new Set<ChildProcess>();
  let manager: ShardingManager | null = null;
  let stopping: { signal: NodeJS.Signals; failed: boolean } | null = null;

  const exit = (code: number): void => {
    log.flush();
    process.exit(code);
  };

  /**
   * Stops every shard with `signal` (the one this process got, so a shard sees what `npm start`
   * would), waits until they have all exited, then exits: 0 when each shut down cleanly.
   * Shards are not started again meanwhile, and one being started is stopped as it starts.
   */
  const stop = (reason: string, signal: NodeJS.Signals = 'SIGTERM', code = 0): void => {
    if (stopping) {
      log.warn({ running: live.size }, `${reason} again; killing the shards now`);
      for (const child of live) child.kill('SIGKILL');
      exit(1);
      return;
    }
    stopping = { signal, failed: code !== 0 };
    if (manager) manager.respawn = false;
    log.info({ running: live.size }, `${reason}: stopping the shards`);
    for (const child of live) child.kill(signal);
    const timer = setTimeout(() => {
      log.error({ running: live.size }, `shards still running after ${STOP_TIMEOUT_MS} ms; killing them`);
      for (const child of live) child.kill('SIGKILL');
      exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    maybeDone();
  };
  /**
   * Counts a child process (the index builder, a shard) as running until it exits. One started
   * while stopping (the spawn loop or a respawn got there first) is stopped at once.
   */
  const track = (child: ChildProcess): void => {
    live.add(child);
    child.once('exit', (code, signal) => {
      live.delete(child);
      // A child stopped by our signal before it could handle it had nothing to answer yet.
      if (stopping && code !== 0 && signal !== stopping.signal) stopping.failed = true;
      maybeDone();
    });
    if (stopping) child.kill(stopping.signal);
  };
  const maybeDone = (): void => {
    if (!stopping || live.size > 0) return;
    if (stopping.failed) log.warn('stopped; exiting with 1 (a shard failed, or did not shut down cleanly)');
    else log.info('all shards stopped');
    exit(stopping.failed ? 1 : 0);
  };

  process.on('SIGINT', () => stop('SIGINT', 'SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM', 'SIGTERM'));
  installProcessHandlers(log, process, { onFatal: () => stop('uncaught exception', 'SIGTERM', 1) });

  log.info({ knowledgeDir: config.knowledgeDir, shards: settings.shards }, 'starting Footnote (sharded)');

  // The token, the shard count and the session budget are checked once, here: a mistake is one
  // clear message instead of every shard failing (and being started again) on its own.
  let gateway: RESTGetAPIGatewayBotResult;
  try {
    gateway = await fetchGatewayBot(config);
  } catch (error) {
    log.fatal({ err: errorForLog(error) }, describeGatewayError(error));
    exit(1);
    return;
  }
  const count = settings.shards === 'auto' ? gateway.shards : settings.shards;
  if (count < gateway.shards) {
    log.warn({ shards: count, recommended: gateway.shards }, `FOOTNOTE_SHARDS=${count} is below the ${gateway.shards} shards Discord recommends; Discord refuses a shard with more than 2,500 guilds`);
  }
  const limit = gateway.session_start_limit;
  if (limit.remaining < count) {
    // Past the limit Discord resets the bot's token and ends every session.
    log.fatal({ remaining: limit.remaining, resetAfterMs: limit.reset_after, shards: count }, `Discord allows ${limit.remaining} more session starts for now; starting ${count} shards would exceed it. Try again after the limit resets.`);
    exit(1);
    return;
  }
  const delay = settings.spawnDelayMs ?? spawnDelayFor(limit.max_concurrency);

  await prepareIndex(config, log, track);
  if (stopping) return;

  const { ShardingManager } = await import('discord.js');
  manager = new ShardingManager(SHARD_ENTRY, {
    totalShards: count,
    token: config.token,
    mode: 'process',
    respawn: true,
    execArgv: shardExecArgv(),
  });
  const deaths = new Map<number, number[]>();
  manager.on('shardCreate', (shard: Shard) => {
    shard.on('spawn', (spawned) => {
      const child = spawned as ChildProcess;
      log.info({ shard: shard.id, shardPid: child.pid }, 'shard process started');
      track(child);
    });
    shard.on('ready', () => log.info({ shard: shard.id }, 'shard ready'));
    // /reload reaches the one shard whose guild it came from; the manager passes it on.
    shard.on('message', (message: unknown) => {
      if (!isReloadNotice(message) || !manager) return;
      log.info({ shard: shard.id }, '/reload ran on one shard; passing it on to the others');
      for (const other of manager.shards.values()) {
        if (other.id === shard.id) continue;
        other.send(message).catch((error: unknown) => log.warn({ shard: other.id, err: errorForLog(error) }, 'could not pass /reload on to a shard'));
      }
    });
    shard.on('death', (dead) => {
      if (stopping) return;
      const child = dead as ChildProcess;
      const now = Date.now();
      const recent = [...(deaths.get(shard.id) ?? []), now].filter((at) => now - at < CRASH_WINDOW_MS);
      deaths.set(shard.id, recent);
      if (recent.length > CRASH_LIMIT) {
        log.fatal({ shard: shard.id, exits: recent.length }, `shard ${shard.id} exited ${recent.length} times within ${CRASH_WINDOW_MS / 1000} s; stopping instead of starting it again (each start uses one of Discord's session starts)`);
        stop('crash loop', 'SIGTERM', 1);
        return;
      }
      log.warn({ shard: shard.id, code: child.exitCode, signal: child.signalCode }, 'shard process exited; starting it again');
    });
    // discord.js emits this when a shard started again does not become ready; it must have a listener.
    shard.on('error', (error) => {
      if (!stopping) log.warn({ shard: shard.id, err: errorForLog(error) }, 'shard did not become ready after starting again');
    });
  });

  log.info({ shards: count, spawnDelayMs: delay, maxConcurrency: limit.max_concurrency }, `starting ${count} shard(s)`);
  try {
    await manager.spawn({ amount: count, delay, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    if (stopping) return;
    log.fatal({ err: errorForLog(error) }, 'a shard did not start; stopping (a process manager should start Footnote again)');
    stop('start-up failed', 'SIGTERM', 1);
    return;
  }
  if (!stopping) log.info({ shards: count }, 'all shards ready');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
