import { Client, Events, GatewayIntentBits, Options, type Interaction, type WebSocketOptions } from 'discord.js';
import { commands as defaultCommands } from '../../commands/index.ts';
import type { Logger } from '../log.ts';
import { openKnowledgeBase, prepareWords, type KnowledgeBase, type Opened } from '../search/index.ts';
import type { BotConfig } from './config.ts';
import type { BotContext, CommandModule, StoredSearch } from './context.ts';
import { Cooldowns } from './cooldown.ts';
import type { KnowledgeWatcher } from '../knowledge/watch.ts';
import { KnowledgeHolder, type KnowledgeSource } from './knowledge.ts';
import { persistIndex, startLiveReload } from './live-reload.ts';
import { restartNotice } from '../present/discord/index.ts';
import { createBotLogger, errorForLog } from './logger.ts';
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

/**
 * discord.js's REST client repeats a request that failed with a 5xx, a timeout or a reset
 * connection, up to `retries` times (default 3), whatever the request. For Footnote's requests
 * that is wrong in both directions:
 * - an interaction callback that got a 5xx or timed out may have been applied by Discord; sent
 *   again it is refused (40060) and discord.js reports that refusal as the failure, so the bot
 *   would believe it never answered and send an error on top of the answer;
 * - a follow-up that may have been posted would be posted twice;
 * - edits and deletes are idempotent and can be repeated, but better after a pause than at once.
 * So discord.js does not retry (0), and the reply helper (reply.ts) decides per kind of request:
 * it checks and at most repeats a callback once, repeats edits and deletes after pauses, and
 * never repeats a follow-up. 429s are not affected: discord.js always waits for Retry-After and
 * retries them, as Discord asks. (The one other request, GET /gateway/bot at login, then fails
 * at once on a 5xx; start-up exits 1 and the process manager starts it again.)
 */
export const REST_RETRIES = 0;

/**
 * How long a REST request may take before it counts as failed (discord.js default: 15 s). Discord
 * answers interaction requests in well under a second, and a first response has 3 s to arrive: a
 * request still open after 5 s has failed for the person, and waiting longer only holds the
 * handler (and shutdown). The reply helper then finds out what happened, as after a 5xx.
 */
export const REST_TIMEOUT_MS = 5_000;

/** How long stop() keeps answering before it closes the connection (see drainAndClose). */
const DRAIN_MS = 2_000;
/** With nothing in flight, how long stop() waits for interactions already on their way. */
const QUIET_MS = 100;
/** How long telling the unanswered that the bot is restarting may take. */
const INTERRUPT_MS = 3_000;

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
  /** Gateway options for discord.js (tests pass an identify throttler that does not wait 5 s). */
  ws?: WebSocketOptions;
  /** Override REST_TIMEOUT_MS (tests). */
  restTimeoutMs?: number;
  /** Override how long stop() keeps answering before it closes the connection (tests). */
  drainMs?: number;
  /** Whether a reloaded index is written to the cache (default true; one shard of several writes it). */
  persistReloads?: boolean;
  /** Under `start:sharded`: how /reload tells the other shards. */
  announceReload?: () => void;
}

/** What the bot holds in memory: every number here must come back down after a burst. */
export interface BotStats {
  /** Interaction handlers still running. */
  inFlight: number;
  /** Interactions the router is answering (what shutdown would have to answer). */
  answering: number;
  cooldowns: number;
  storedSearches: number;
  cachedUsers: number;
  cachedMembers: number;
  cachedChannels: number;
  cachedMessages: number;
  /** discord.js REST queues (one per webhook token used for edits and follow-ups, swept hourly). */
  restHandlers: number;
}

export interface Bot {
  client: Client;
  log: Logger;
  knowledge: KnowledgeHolder;
  context: BotContext;
  /** Starts loading the knowledge base and logs in; resolves once the gateway is ready. */
  start(): Promise<void>;
  /**
   * Answers what is in flight (see drainAndClose), closes the connection and flushes the log.
   * Calling it again returns the same promise.
   */
  stop(): Promise<void>;
  /** Sizes of what the bot keeps in memory (for tests and diagnostics). */
  stats(): BotStats;
}

/** The configured folder's knowledge base, through its persisted index; a cache that cannot be used is logged. */
export function openConfiguredKnowledge(config: BotConfig, log: Logger): Promise<Opened> {
  return openKnowledgeBase({
    knowledgeDir: config.knowledgeDir,
    cacheDir: config.cacheDir,
    onCacheProblem: (message) => log.warn({ knowledgeDir: config.knowledgeDir }, `rebuilding the index: ${message}`),
  });
}

/** One warning per file the loader skipped, naming it and why. */
export function logSkipped(log: Logger, kb: KnowledgeBase): void {
  for (const s of kb.skipped) log.warn({ file: s.path, reason: s.reason }, `skipped ${s.path}: ${s.reason}`);
}

function defaultKnowledge(config: BotConfig, log: Logger): () => Promise<KnowledgeBase> {
  return async () => {
    const opened = await openConfiguredKnowledge(config, log);
    logSkipped(log, opened.kb);
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
  const persist = deps.persistReloads === false ? undefined : persistIndex(config.cacheDir, log);
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
    ...(deps.announceReload ? { announceReload: deps.announceReload } : {}),
  };
  const cooldowns = new Cooldowns(config.cooldownSeconds, now);
  const router = new Router(commands, context, cooldowns);

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      globalRequestsPerSecond: REST_GLOBAL_REQUESTS_PER_SECOND,
      retries: REST_RETRIES,
      timeout: deps.restTimeoutMs ?? REST_TIMEOUT_MS,
    },
    ...(deps.ws ? { ws: deps.ws } : {}),
    // A safety net under the reply helper: nothing the client sends may ping by parsing.
    allowedMentions: { parse: [], repliedUser: false },
    // discord.js caches every user and member an interaction brings, for good: a bot answering
    // thousands of people grows without bound. Footnote reads who asked from the interaction
    // itself and never looks a user or member up, so it keeps only its own.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
    }),
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
  client.on(Events.Error, (error) => log.error({ err: errorForLog(error) }, 'discord.js client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
  // discord.js reports its own close at shutdown as "reconnecting" too: say it only while running.
  client.on(Events.ShardReconnecting, (shard) => {
    if (stopped === null) log.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReady, (shard) => {
    // The first READY is logged as "connected"; a later one is a new session after the old one ended.
    if (client.isReady()) log.info({ shard }, 'gateway session started again (the old one could not be resumed)');
  });
  client.on(Events.ShardError, (error, shard) => log.warn({ err: errorForLog(error), shard }, 'gateway connection error'));
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, global: info.global, retryAfter: info.retryAfter }, 'rate limited by Discord'));
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (message) => log.trace(message));

  /**
   * Shutdown without leaving anyone with "The application did not respond" or an endless
   * "thinking…": the gateway stays open and interactions keep being answered until nothing has
   * been in flight for QUIET_MS (so those already on their way are answered too), for at most
   * DRAIN_MS. Whatever is still unanswered then gets a private "restarting, ask again" notice.
   * Only then is the connection closed.
   */
  async function drainAndClose(): Promise<void> {
    const drainMs = deps.drainMs ?? DRAIN_MS;
    const deadline = Date.now() + drainMs;
    log.info({ inFlight: inFlight.size, drainMs }, 'stopping: answering what is in flight');
    while (Date.now() < deadline) {
      const left = deadline - Date.now();
      if (inFlight.size > 0) {
        await Promise.race([Promise.allSettled([...inFlight]), sleep(left)]);
        continue;
      }
      await sleep(Math.min(QUIET_MS, left));
      if (inFlight.size === 0) break;
    }
    if (router.active > 0) {
      const pending = router.active;
      const told = await Promise.race([router.interruptAll(restartNotice()), sleep(INTERRUPT_MS).then(() => null)]);
      log.warn({ pending, told }, `stopping with ${pending} interaction(s) unanswered; ${told === null ? 'could not tell them all in time' : `${told.length} told to ask again`}`);
    }
    await client.destroy();
    log.info('disconnected from Discord');
    log.flush();
  }

  let stopped: Promise<void> | null = null;
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
          log.info({ documents: kb.documents.length, chunks: kb.chunks.size, ms: now() - started }, 'knowledge base ready');
          // Answering starts now; the typo-correction tree fills on the next turn of the loop.
          setImmediate(() => prepareWords(kb.vocabulary));
          if (config.watch && !stopped) {
            // A folder that cannot be watched (gone, or too many watches) must not take the bot down.
            try {
              watcher = startLiveReload(knowledge, kb.dir, log);
            } catch (error) {
              log.warn({ err: errorForLog(error), dir: kb.dir }, 'cannot watch the knowledge folder; use /reload after changes');
            }
          }
        },
        (error: unknown) => log.error({ err: error }, 'could not load the knowledge base; commands will answer with an error'),
      );
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
    },
    stop() {
      if (stopped === null) {
        watcher?.close();
        stopped = drainAndClose();
      }
      return stopped;
    },
    stats() {
      let cachedMembers = 0;
      for (const guild of client.guilds.cache.values()) cachedMembers += guild.members.cache.size;
      let cachedMessages = 0;
      for (const channel of client.channels.cache.values()) if ('messages' in channel) cachedMessages += channel.messages.cache.size;
      return {
        inFlight: inFlight.size,
        answering: router.active,
        cooldowns: cooldowns.size,
        storedSearches: context.searches.size,
        cachedUsers: client.users.cache.size,
        cachedMembers,
        cachedChannels: client.channels.cache.size,
        cachedMessages,
        restHandlers: client.rest.handlers.size,
      };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });
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
