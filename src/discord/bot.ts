import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { commands as defaultCommands } from '../../commands/index.ts';
import type { Logger } from '../log.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../search/index.ts';
import type { BotConfig } from './config.ts';
import type { BotContext, CommandModule, StoredSearch } from './context.ts';
import { Cooldowns } from './cooldown.ts';
import type { KnowledgeWatcher } from '../knowledge/watch.ts';
import { KnowledgeHolder, type KnowledgeSource } from './knowledge.ts';
import { persistIndex, startLiveReload } from './live-reload.ts';
import { createBotLogger } from './logger.ts';
import { Router } from './router.ts';
import { StateStore } from './state-store.ts';

/**
 * discord.js throttles all of a bot's REST calls to `globalRequestsPerSecond` (default 50), the
 * size of Discord's global rate limit. But Discord exempts interaction endpoints from that limit
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), and nearly all
 * Footnote sends are interaction responses, edits and follow-ups. With the default, a busy server
 * would queue those behind a limit Discord does not apply, and replies would miss the 3-second
 * deadline. A high local ceiling removes the artificial queue; the few calls that do count
 * (fetching the gateway at login) stay far below 50/s, and a real global 429 from Discord is still
 * honoured by discord.js, which then waits as Discord tells it to.
 */
export const REST_GLOBAL_REQUESTS_PER_SECOND = 1_000;

/** How long stop() waits for handlers still answering before it closes the connection. */
const DRAIN_MS = 2_000;

export interface BotDeps {
  /** The logger to use; default: one on stderr with the token as a secret. */
  log?: Logger;
  /** Where the default logger writes (tests capture it). */
  logDestination?: NodeJS.WritableStream;
  /**
   * The knowledge base, a promise of it, or a function that loads it; default: the folder in
   * `config.knowledgeDir`, through the persisted index in `config.cacheDir`.
   */
  knowledge?: KnowledgeSource;
  /** The commands to serve; default: everything in commands/index.ts. */
  commands?: readonly CommandModule[];
  /** The clock (cooldowns, delete windows); tests may move it. */
  now?: () => number;
}

export interface Bot {
  client: Client;
  log: Logger;
  knowledge: KnowledgeHolder;
  context: BotContext;
  /** Starts loading the knowledge base and logs in; resolves once the gateway is ready. */
  start(): Promise<void>;
  /** Waits briefly for handlers in flight, closes the connection and flushes the log. */
  stop(): Promise<void>;
}

function defaultKnowledge(config: BotConfig, log: Logger): () => Promise<KnowledgeBase> {
  return async () => {
    const opened = await openKnowledgeBase({
      knowledgeDir: config.knowledgeDir,
      cacheDir: config.cacheDir,
      onCacheProblem: (message) => log.warn({ knowledgeDir: config.knowledgeDir }, `rebuilding the index: ${message}`),
    });
    for (const s of opened.kb.skipped) log.warn({ file: s.path, reason: s.reason }, `skipped ${s.path}: ${s.reason}`);
    return opened.kb;
  };
}

/**
 * Builds the bot without connecting: the discord.js client (Guilds intent only; Footnote reads no
 * messages), the router with every command, and the knowledge base holder. Tests call this with an
 * injected knowledge base and the stand-in's API URL in `config.apiUrl`.
 */
export function createBot(config: BotConfig, deps: BotDeps = {}): Bot {
  const log = deps.log ?? createBotLogger(config, deps.logDestination);
  const now = deps.now ?? Date.now;
  const commands = deps.commands ?? defaultCommands;
  const persist = persistIndex(config.cacheDir, log);
  const knowledge = new KnowledgeHolder(deps.knowledge ?? defaultKnowledge(config, log), persist ? { persist } : {});
  const context: BotContext = {
    knowledge,
    settings: {
      defaultPrivate: config.defaultPrivate,
      cooldownSeconds: config.cooldownSeconds,
      deleteWindowSeconds: config.deleteWindowSeconds,
      watch: config.watch,
    },
    log,
    now,
    // Search pages stay turnable for an hour; the button's own click brings a fresh token.
    searches: new StateStore<StoredSearch>({ ttlMs: 60 * 60_000, now }),
    commands,
  };
  const router = new Router(commands, context, new Cooldowns(config.cooldownSeconds, now));

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), globalRequestsPerSecond: REST_GLOBAL_REQUESTS_PER_SECOND },
    // A safety net under the reply helper: nothing the client sends may ping by parsing.
    allowedMentions: { parse: [], repliedUser: false },
  });

  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const handled = router.handle(interaction);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, `connected to Discord as ${ready.user.tag}`);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord.js client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, global: info.global, retryAfter: info.retryAfter }, 'rate limited by Discord'));
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (message) => log.trace(message));

  let stopped = false;
  let watcher: KnowledgeWatcher | null = null;
  return {
    client,
    log,
    knowledge,
    context,
    async start() {
      const started = now();
      knowledge.load().then(
        (kb) => {
          log.info({ documents: kb.documents.length, chunks: kb.chunks.length, ms: now() - started }, 'knowledge base ready');
          if (config.watch && !stopped) watcher = startLiveReload(knowledge, kb.dir, log);
        },
        (error: unknown) => log.error({ err: error }, 'could not load the knowledge base; commands will answer with an error'),
      );
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      watcher?.close();
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
        clearTimeout(timer);
      }
      await client.destroy();
      log.info('disconnected from Discord');
      log.flush();
    },
  };
}

/** createBot, then start: the running bot. */
export async function startBot(config: BotConfig, deps: BotDeps = {}): Promise<Bot> {
  const bot = createBot(config, deps);
  try {
    await bot.start();
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot;
}
