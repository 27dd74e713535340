import type { Logger } from '../log.ts';
import { logSkipped } from '../open-knowledge.ts';
import type { KnowledgeBase } from '../search/index.ts';
import type { BotConfig } from './config.ts';
import type { CommandModule } from './context.ts';
import { createBotLogger } from './logger.ts';
import { installProcessHandlers } from './process.ts';
import { logReload } from './live-reload.ts';
import { isReloadNotice, reloadNotice } from './shard-messages.ts';
import { handleShutdown, loadBotConfig, startOrExit, type SignalEvents } from './start.ts';

/**
 * One shard of `npm run start:sharded`: a child process the ShardingManager (sharded.ts) forks with
 * SHARDS and SHARD_COUNT set. It is `npm start` with three differences:
 * - discord.js's Client reads SHARDS/SHARD_COUNT itself, so the bot identifies as that shard and
 *   Discord sends it only the guilds of that shard;
 * - it loads the persisted index the manager has just built (building it only if the files
 *   changed in between), and says which it did;
 * - a second SIGINT/SIGTERM does not force an exit: with Ctrl-C the terminal signals every
 *   process of the group and the manager forwards the signal too, so a shard gets it twice.
 *   The manager decides when to force (it kills shards that outlast its timeout).
 * Every log line carries the shard id.
 */

/** The shard this process is, from what the ShardingManager passes (SHARDS is one id for a process shard). */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): { id: number; count: number } | null {
  const id = Number(env['SHARDS']);
  const count = Number(env['SHARD_COUNT']);
  if (env['SHARDING_MANAGER'] === undefined || !Number.isInteger(id) || !Number.isInteger(count) || id < 0 || count < 1) return null;
  return { id, count };
}

/**
 * `signals` that pass on the first SIGINT or SIGTERM only; later ones (copies from the terminal's
 * process group or the manager) are logged and ignored.
 */
export function firstSignalOnly(target: SignalEvents, log: Pick<Logger, 'info'>): SignalEvents {
  let seen: string | null = null;
  const wrapped = new Map<() => void, () => void>();
  return {
    on(event, listener) {
      const once = (): void => {
        if (seen !== null) {
          log.info(`${event} while already stopping (after ${seen}); ignored, the manager stops what outlasts its timeout`);
          return;
        }
        seen = event;
        listener();
      };
      wrapped.set(listener, once);
      target.on(event, once);
    },
    off(event, listener) {
      const once = wrapped.get(listener);
      if (once) target.off(event, once);
    },
  };
}

/** The knowledge base from the persisted index (see the manager's prepareIndex), logging where it came from. */
function persistedKnowledge(config: BotConfig, log: Logger): () => Promise<KnowledgeBase> {
  return async () => {
    const { openConfiguredKnowledge } = await import('./bot.ts');
    const opened = await openConfiguredKnowledge(config, log, false);
    const ms = Math.round(opened.ms);
    if (opened.from === 'cache') {
      log.info({ ms }, 'loaded the persisted index');
    } else {
      // The files changed after the manager built it, or there is no cache (FOOTNOTE_CACHE=off).
      log.warn({ reason: opened.reason, ms }, `built the index in this shard: ${opened.reason ?? 'no persisted index'}`);
      logSkipped(log, opened.kb.skipped);
    }
    return opened.kb;
  };
}

/** One shard of `npm run start:sharded`, serving `commands`. */
export async function runShard(commands: readonly CommandModule[]): Promise<void> {
  const shard = shardFromEnv();
  if (shard === null || typeof process.send !== 'function') {
    process.stderr.write('src/main/shard.ts is started by `npm run start:sharded` (one process per shard); to run the bot as one process use `npm start`.\n');
    process.exitCode = 1;
    return;
  }
  const config = loadBotConfig();
  if (!config) {
    process.exitCode = 1;
    return;
  }
  const log: Logger = createBotLogger(config).child({ shard: shard.id });
  let shutdown: ((reason: string, code?: number) => Promise<void>) | null = null;
  const uninstall = installProcessHandlers(log, process, {
    onFatal: () => {
      if (shutdown) void shutdown('uncaught exception', 1);
      else process.exit(1);
    },
  });
  log.info({ shardCount: shard.count }, 'starting Footnote shard');
  const { createBot } = await import('./bot.ts');
  const send = process.send.bind(process);
  const bot = createBot(config, {
    commands,
    log,
    knowledge: persistedKnowledge(config, log),
    // Every shard reloads the same folder; one writing the index is enough.
    persistReloads: shard.id === 0,
    announceReload: () => send(reloadNotice(shard.id)),
  });
  process.on('message', (message) => {
    if (!isReloadNotice(message)) return;
    void bot.knowledge.reload().then((outcome) => logReload(log, outcome, `/reload on shard ${message.shard}`));
  });
  shutdown = handleShutdown({ bot, log, cleanup: uninstall, signals: firstSignalOnly(process, log) });
  // The manager is gone (killed, or crashed): a shard on its own would never be stopped or
  // replaced, and a new manager would start a second copy of it.
  process.once('disconnect', () => void shutdown?.('the shard manager went away'));

  await startOrExit(bot, log);
}
