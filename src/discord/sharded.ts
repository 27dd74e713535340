import type { ChildProcess } from 'node:child_process';
import type { RESTGetAPIGatewayBotResult, Shard, ShardingManager } from 'discord.js';
import { z } from 'zod';
import { ConfigError, describeIssues, loadEnvFile, withoutEmpty } from '../config.ts';
import type { Logger } from '../log.ts';
import { readBotConfig, TOKEN_REFUSED, type BotConfig } from './config.ts';
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

/** The scripts the manager forks, passed in by its composition root (src/main/sharded.ts). */
export interface ManagerEntries {
  /** One process per shard. */
  shard: string;
  /** Forked once, before the shards, to build the index. */
  prepareIndex: string;
}

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
  if (status === 401) return TOKEN_REFUSED;
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
async function prepareIndex(config: BotConfig, log: Logger, entry: string, track: (child: ChildProcess) => void): Promise<void> {
  if (config.cacheDir === null) {
    log.warn('FOOTNOTE_CACHE=off: there is no persisted index to share, so every shard builds the index itself');
    return;
  }
  const { fork } = await import('node:child_process');
  const child = fork(entry, [], { execArgv: shardExecArgv(), env: process.env });
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

/** `npm run start:sharded`: the settings, then the manager. */
export async function runShardManager(entries: ManagerEntries): Promise<void> {
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
  await runManager(config.value, settings.value, entries);
}

function attempt<T>(read: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * A shard that keeps dying is not started again for ever: each start uses one of Discord's
 * session starts. Counts a shard's exits within the last `windowMs`.
 */
export class CrashWindow {
  readonly #exits = new Map<number, number[]>();
  constructor(
    readonly limit: number = CRASH_LIMIT,
    readonly windowMs: number = CRASH_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an exit of `shard`; returns how many it had within the window, this one included. */
  record(shard: number): number {
    const at = this.now();
    const recent = [...(this.#exits.get(shard) ?? []), at].filter((t) => at - t < this.windowMs);
    this.#exits.set(shard, recent);
    return recent.length;
  }

  exceeded(exits: number): boolean {
    return exits > this.limit;
  }
}

/**
 * The child processes the manager started (the index builder, the shards), and stopping them:
 * every child gets the signal this process got (so a shard sees what `npm start` would), and the
 * manager exits once they are all gone, 0 when each shut down cleanly. A child started while
 * stopping (the spawn loop or a respawn got there first) is stopped as it starts.
 */
export class ShardProcesses {
  readonly #live = new Set<ChildProcess>();
  #stopping: { signal: NodeJS.Signals; failed: boolean } | null = null;
  /** Called when stopping begins (the manager turns off respawning). */
  onStop: () => void = () => undefined;

  constructor(
    private readonly log: Logger,
    private readonly exit: (code: number) => void,
  ) {}

  get stopping(): boolean {
    return this.#stopping !== null;
  }

  /** Counts a child as running until it exits. */
  track(child: ChildProcess): void {
    this.#live.add(child);
    child.once('exit', (code, signal) => {
      this.#live.delete(child);
      // A child stopped by our signal before it could handle it had nothing to answer yet.
      if (this.#stopping && code !== 0 && signal !== this.#stopping.signal) this.#stopping.failed = true;
      this.#exitWhenAllGone();
    });
    if (this.#stopping) child.kill(this.#stopping.signal);
  }

  /** Stops every child with `signal`; asked twice, kills them at once and exits 1. */
  stop(reason: string, signal: NodeJS.Signals = 'SIGTERM', code = 0): void {
    if (this.#stopping) {
      this.log.warn({ running: this.#live.size }, `${reason} again; killing the shards now`);
      this.#killAll();
      this.exit(1);
      return;
    }
    this.#stopping = { signal, failed: code !== 0 };
    this.onStop();
    this.log.info({ running: this.#live.size }, `${reason}: stopping the shards`);
    for (const child of this.#live) child.kill(signal);
    const timer = setTimeout(() => {
      this.log.error({ running: this.#live.size }, `shards still running after ${STOP_TIMEOUT_MS} ms; killing them`);
      this.#killAll();
      this.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    this.#exitWhenAllGone();
  }

  #killAll(): void {
    for (const child of this.#live) child.kill('SIGKILL');
  }

  #exitWhenAllGone(): void {
    if (!this.#stopping || this.#live.size > 0) return;
    if (this.#stopping.failed) this.log.warn('stopped; exiting with 1 (a shard failed, or did not shut down cleanly)');
    else this.log.info('all shards stopped');
    this.exit(this.#stopping.failed ? 1 : 0);
  }
}

interface ShardPlan {
  count: number;
  delayMs: number;
  maxConcurrency: number;
}

/**
 * The token, the shard count and the session budget, checked once, here: a mistake is one clear
 * message instead of every shard failing (and being started again) on its own. Null after logging
 * why the manager cannot start.
 */
async function planShards(config: BotConfig, settings: ShardingSettings, log: Logger): Promise<ShardPlan | null> {
  let gateway: RESTGetAPIGatewayBotResult;
  try {
    gateway = await fetchGatewayBot(config);
  } catch (error) {
    log.fatal({ err: errorForLog(error) }, describeGatewayError(error));
    return null;
  }
  const count = settings.shards === 'auto' ? gateway.shards : settings.shards;
  if (count < gateway.shards) {
    log.warn({ shards: count, recommended: gateway.shards }, `FOOTNOTE_SHARDS=${count} is below the ${gateway.shards} shards Discord recommends; Discord refuses a shard with more than 2,500 guilds`);
  }
  const limit = gateway.session_start_limit;
  if (limit.remaining < count) {
    // Past the limit Discord resets the bot's token and ends every session.
    log.fatal({ remaining: limit.remaining, resetAfterMs: limit.reset_after, shards: count }, `Discord allows ${limit.remaining} more session starts for now; starting ${count} shards would exceed it. Try again after the limit resets.`);
    return null;
  }
  return { count, delayMs: settings.spawnDelayMs ?? spawnDelayFor(limit.max_concurrency), maxConcurrency: limit.max_concurrency };
}

/** What the manager does with each shard's events: log them, pass /reload on, stop a crash loop. */
function superviseShard(shard: Shard, manager: ShardingManager, processes: ShardProcesses, crashes: CrashWindow, log: Logger): void {
  shard.on('spawn', (spawned) => {
    const child = spawned as ChildProcess;
    log.info({ shard: shard.id, shardPid: child.pid }, 'shard process started');
    processes.track(child);
  });
  shard.on('ready', () => log.info({ shard: shard.id }, 'shard ready'));
  // /reload reaches the one shard whose guild it came from; the manager passes it on.
  shard.on('message', (message: unknown) => {
    if (!isReloadNotice(message)) return;
    log.info({ shard: shard.id }, '/reload ran on one shard; passing it on to the others');
    for (const other of manager.shards.values()) {
      if (other.id === shard.id) continue;
      other.send(message).catch((error: unknown) => log.warn({ shard: other.id, err: errorForLog(error) }, 'could not pass /reload on to a shard'));
    }
  });
  shard.on('death', (dead) => {
    if (processes.stopping) return;
    const child = dead as ChildProcess;
    const exits = crashes.record(shard.id);
    if (crashes.exceeded(exits)) {
      log.fatal({ shard: shard.id, exits }, `shard ${shard.id} exited ${exits} times within ${crashes.windowMs / 1000} s; stopping instead of starting it again (each start uses one of Discord's session starts)`);
      processes.stop('crash loop', 'SIGTERM', 1);
      return;
    }
    log.warn({ shard: shard.id, code: child.exitCode, signal: child.signalCode }, 'shard process exited; starting it again');
  });
  // discord.js emits this when a shard started again does not become ready; it must have a listener.
  shard.on('error', (error) => {
    if (!processes.stopping) log.warn({ shard: shard.id, err: errorForLog(error) }, 'shard did not become ready after starting again');
  });
}

async function runManager(config: BotConfig, settings: ShardingSettings, entries: ManagerEntries): Promise<void> {
  const log = createBotLogger(config).child({ role: 'manager' });
  const exit = (code: number): void => {
    log.flush();
    process.exit(code);
  };
  const processes = new ShardProcesses(log, exit);
  process.on('SIGINT', () => processes.stop('SIGINT', 'SIGINT'));
  process.on('SIGTERM', () => processes.stop('SIGTERM', 'SIGTERM'));
  installProcessHandlers(log, process, { onFatal: () => processes.stop('uncaught exception', 'SIGTERM', 1) });

  log.info({ knowledgeDir: config.knowledgeDir, shards: settings.shards }, 'starting Footnote (sharded)');
  const plan = await planShards(config, settings, log);
  if (plan === null) return exit(1);

  await prepareIndex(config, log, entries.prepareIndex, (child) => processes.track(child));
  if (processes.stopping) return;

  const { ShardingManager } = await import('discord.js');
  const manager = new ShardingManager(entries.shard, { totalShards: plan.count, token: config.token, mode: 'process', respawn: true, execArgv: shardExecArgv() });
  processes.onStop = () => {
    manager.respawn = false;
  };
  const crashes = new CrashWindow();
  manager.on('shardCreate', (shard: Shard) => superviseShard(shard, manager, processes, crashes, log));

  log.info({ shards: plan.count, spawnDelayMs: plan.delayMs, maxConcurrency: plan.maxConcurrency }, `starting ${plan.count} shard(s)`);
  try {
    await manager.spawn({ amount: plan.count, delay: plan.delayMs, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    if (processes.stopping) return;
    log.fatal({ err: errorForLog(error) }, 'a shard did not start; stopping (a process manager should start Footnote again)');
    processes.stop('start-up failed', 'SIGTERM', 1);
    return;
  }
  if (!processes.stopping) log.info({ shards: plan.count }, 'all shards ready');
}
