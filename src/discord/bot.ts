import { Events, type Client, type Interaction, type Message, type WebSocketOptions } from 'discord.js';
import type { KnowledgeWatcher } from '../knowledge/watch.ts';
import type { Logger } from '../log.ts';
import { openLogged } from '../open-knowledge.ts';
import { prepareWords, type KnowledgeBase, type Opened } from '../search/index.ts';
import { ChannelRate } from './channel-rate.ts';
import { restChannelSender } from './channel-sender.ts';
import { JsonFileSettings, type ChannelSettingsStore } from './channel-settings.ts';
import { createClient } from './client.ts';
import { Conversations } from './conversation.ts';
import { logClientEvents } from './client-log.ts';
import type { BotConfig } from './config.ts';
import type { BotContext, CommandModule, StoredSearch } from './context.ts';
import { Cooldowns } from './cooldown.ts';
import { drainAndClose, InFlight } from './drain.ts';
import { KnowledgeHolder, type KnowledgeSource } from './knowledge.ts';
import { persistIndex, startLiveReload } from './live-reload.ts';
import { createBotLogger, errorForLog } from './logger.ts';
import { RecentMap } from './recent-map.ts';
import { Router } from './router.ts';
import { StateStore } from './state-store.ts';
import { deferredStore, openQuestionStore, QuestionLog, startRetention } from '../store/index.ts';
import { LearnedAnswers } from './learned-answers.ts';

export interface BotDeps {
  /** The commands to serve: the composition root (src/main) passes commands/index.ts. */
  commands: readonly CommandModule[];
  /** The logger to use; default: one on stderr with the token as a secret. */
  log?: Logger;
  /** Where the default logger writes (tests capture it). */
  logDestination?: NodeJS.WritableStream;
  /**
   * The knowledge base, a promise of it, or a function that loads it; default: the folder in
   * `config.knowledgeDir`, through the persisted index in `config.cacheDir`.
   */
  knowledge?: KnowledgeSource;
  /** The clock (cooldowns, delete windows); tests may move it. */
  now?: () => number;
  /** Gateway options for discord.js (tests pass an identify throttler that does not wait 5 s). */
  ws?: WebSocketOptions;
  /** Override the REST timeout (tests). */
  restTimeoutMs?: number;
  /** Override how long stop() keeps answering before it closes the connection (tests). */
  drainMs?: number;
  /** Whether a reloaded index is written to the cache (default true; one shard of several writes it). */
  persistReloads?: boolean;
  /** Under `start:sharded`: how /reload tells the other shards. */
  announceReload?: () => void;
  /** Where server settings are kept; default: a JSON file in `config.dataDir`. */
  channelSettings?: ChannelSettingsStore;
  /** The question log; default: the database in `config.questionLog` (SQLite in the data folder, or DATABASE_URL). */
  questionLog?: QuestionLog;
  /**
   * How late (since Discord created it) an interaction may be handled and still be answered
   * directly rather than deferred first (default: deliver.ts's budget). Tests that count
   * requests set it high, so a busy test machine does not turn a direct answer into a deferred one.
   */
  firstResponseBudgetMs?: number;
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

/** The configured folder's knowledge base, through its persisted index, logged the way every entry point logs it. */
export function openConfiguredKnowledge(config: BotConfig, log: Logger, logSkippedFiles = true): Promise<Opened> {
  return openLogged({ knowledgeDir: config.knowledgeDir, cacheDir: config.cacheDir }, log, logSkippedFiles);
}

function knowledgeHolder(config: BotConfig, deps: BotDeps, log: Logger): KnowledgeHolder {
  const source = deps.knowledge ?? (async (): Promise<KnowledgeBase> => (await openConfiguredKnowledge(config, log)).kb);
  const persist = deps.persistReloads === false ? undefined : persistIndex(config.cacheDir, log);
  return new KnowledgeHolder(source, {
    ...(persist ? { persist } : {}),
    // Answering starts at once; the typo-correction tree fills on the next turn of the loop, for
    // the first knowledge base and each reloaded one alike.
    onServe: (kb) => setImmediate(() => prepareWords(kb.vocabulary)),
  });
}

/** How often votes cast through other shards or hosts are read again. */
export const VOTES_REFRESH_MS = 5 * 60_000;

/**
 * The question log the configuration asks for: off, or a database opened (and migrated) on first
 * use, so the bot answers even while the database is unreachable.
 */
function questionLogFor(config: BotConfig, log: Logger, now: () => number): QuestionLog {
  const settings = config.questionLog;
  if (!settings.enabled) return new QuestionLog(null, { log, now });
  const where = settings.databaseUrl === null ? 'SQLite' : 'PostgreSQL';
  const store = deferredStore(where, async () => {
    const opened = await openQuestionStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
    try {
      await opened.migrate();
    } catch (error) {
      await opened.close().catch(() => undefined);
      throw error;
    }
    log.info({ store: opened.description }, 'question log ready');
    return opened;
  });
  return new QuestionLog(store, { log, now });
}

function botContext(config: BotConfig, deps: BotDeps, knowledge: KnowledgeHolder, log: Logger, now: () => number): BotContext {
  const questions = deps.questionLog ?? questionLogFor(config, log, now);
  return {
    questions,
    learning: new LearnedAnswers({ votes: () => questions.votedAnswers(), log, refreshMs: VOTES_REFRESH_MS }),
    logDays: config.questionLog.logDays,
    knowledge,
    settings: { defaultPrivate: config.defaultPrivate, cooldownSeconds: config.cooldownSeconds, deleteWindowSeconds: config.deleteWindowSeconds, watch: config.watch, messageContent: config.messageContent },
    channels: deps.channelSettings ?? new JsonFileSettings(config.dataDir, log),
    log,
    now,
    // Search pages stay turnable for an hour; the button's own click brings a fresh token.
    searches: new StateStore<StoredSearch>({ ttlMs: 60 * 60_000, now }),
    commands: deps.commands,
    ...(deps.announceReload ? { announceReload: deps.announceReload } : {}),
    ...(deps.firstResponseBudgetMs !== undefined ? { firstResponseBudgetMs: deps.firstResponseBudgetMs } : {}),
  };
}

/** Once the material is ready: watch its folder, unless watching is off or the bot is stopping. */
function watchWhenReady(knowledge: KnowledgeHolder, config: BotConfig, log: Logger, stopping: () => boolean): { close(): void } {
  let watcher: KnowledgeWatcher | null = null;
  const started = Date.now();
  knowledge.load().then(
    (kb) => {
      log.info({ documents: kb.documents.length, chunks: kb.chunks.size, ms: Date.now() - started }, 'knowledge base ready');
      if (!config.watch || stopping()) return;
      // A folder that cannot be watched (gone, or too many watches) must not take the bot down.
      try {
        watcher = startLiveReload(knowledge, kb.dir, log);
      } catch (error) {
        log.warn({ err: errorForLog(error), dir: kb.dir }, 'cannot watch the knowledge folder; use /reload after changes');
      }
    },
    (error: unknown) => log.error({ err: error }, 'could not load the knowledge base; commands will answer with an error'),
  );
  return { close: () => watcher?.close() };
}

/**
 * Builds the bot without connecting: the discord.js client, the router with the commands it is
 * given, and the knowledge base holder. Tests call this with an injected knowledge base and the
 * stand-in's API URL in `config.apiUrl`.
 */
export function createBot(config: BotConfig, deps: BotDeps): Bot {
  const log = deps.log ?? createBotLogger(config, deps.logDestination);
  const now = deps.now ?? Date.now;
  const knowledge = knowledgeHolder(config, deps, log);
  const context = botContext(config, deps, knowledge, log, now);
  const cooldowns = new Cooldowns(config.cooldownSeconds, now);
  const router = new Router(deps.commands, context, cooldowns);
  const client = createClient(config, { ...(deps.ws ? { ws: deps.ws } : {}), ...(deps.restTimeoutMs ? { restTimeoutMs: deps.restTimeoutMs } : {}) });
  const inFlight = new InFlight();
  const lifecycle = new Lifecycle({ client, router, inFlight, knowledge, context, log, now }, config, deps.drainMs);

  client.on(Events.InteractionCreate, (interaction: Interaction) => inFlight.track(router.handle(interaction)));
  const conversations = conversationsFor(client, context, cooldowns, config, now);
  client.on(Events.MessageCreate, (message: Message) => {
    const botUserId = client.user?.id;
    if (botUserId !== undefined) inFlight.track(conversations.handle(message, botUserId));
  });
  logClientEvents(client, log, () => lifecycle.stopping);

  return {
    client,
    log,
    knowledge,
    context,
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    stats: () => statsOf(client, { inFlight: inFlight.size, answering: router.active, cooldowns: cooldowns.size, storedSearches: context.searches.size }),
  };
}

/** What a bot's start and stop act on. */
interface BotParts {
  client: Client;
  router: Router;
  inFlight: InFlight;
  knowledge: KnowledgeHolder;
  context: BotContext;
  log: Logger;
  now: () => number;
}

/** One bot's start and its one stop: what starting set going is what stopping winds down. */
class Lifecycle {
  #stopped: Promise<void> | null = null;
  #watcher: { close(): void } | null = null;
  #retention: { stop(): void } | null = null;

  constructor(
    private readonly parts: BotParts,
    private readonly config: BotConfig,
    private readonly drainMs: number | undefined,
  ) {}

  get stopping(): boolean {
    return this.#stopped !== null;
  }

  async start(): Promise<void> {
    const { client, knowledge, context, log, now } = this.parts;
    this.#watcher = watchWhenReady(knowledge, this.config, log, () => this.stopping);
    context.learning.start();
    this.#retention = startRetention(context.questions, { days: context.logDays, now, logger: log });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.config.token);
    await ready;
  }

  stop(): Promise<void> {
    if (this.#stopped === null) {
      const { client, router, inFlight, context, log } = this.parts;
      this.#watcher?.close();
      context.learning.stop();
      this.#retention?.stop();
      // The log closes last: what was answered while draining is still written.
      this.#stopped = drainAndClose({ client, router, inFlight, log, ...(this.drainMs !== undefined ? { drainMs: this.drainMs } : {}) }).finally(() => context.questions.close());
    }
    return this.#stopped;
  }
}

/** How many answers Footnote gives on its own per channel, and in what window. */
export const AUTO_ANSWERS_PER_WINDOW = 5;
export const AUTO_ANSWER_WINDOW_MS = 60_000;
/** How long a conversation's question is kept for follow-ups, and how many conversations at most. */
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
export const FOLLOW_UP_CONVERSATIONS = 10_000;

function conversationsFor(client: Client, context: BotContext, cooldowns: Cooldowns, config: BotConfig, now: () => number): Conversations {
  return new Conversations({
    knowledge: context.knowledge,
    log: context.log,
    sender: restChannelSender(client.rest),
    cooldowns,
    channels: context.channels,
    questions: context.questions,
    learning: context.learning,
    now,
    rate: new ChannelRate({ perWindow: AUTO_ANSWERS_PER_WINDOW, windowMs: AUTO_ANSWER_WINDOW_MS, now }),
    // Discord replays at most a session's missed events; a day covers any replay.
    seen: new RecentMap<true>({ ttlMs: 24 * 60 * 60_000, max: 50_000, now }),
    context: new RecentMap<string>({ ttlMs: FOLLOW_UP_WINDOW_MS, max: FOLLOW_UP_CONVERSATIONS, now }),
    messageContent: config.messageContent,
  });
}

function statsOf(client: Client, own: Pick<BotStats, 'inFlight' | 'answering' | 'cooldowns' | 'storedSearches'>): BotStats {
  let cachedMembers = 0;
  for (const guild of client.guilds.cache.values()) cachedMembers += guild.members.cache.size;
  let cachedMessages = 0;
  for (const channel of client.channels.cache.values()) if ('messages' in channel) cachedMessages += channel.messages.cache.size;
  return {
    ...own,
    cachedUsers: client.users.cache.size,
    cachedMembers,
    cachedChannels: client.channels.cache.size,
    cachedMessages,
    restHandlers: client.rest.handlers.size,
  };
}

/** createBot, then start: the running bot. */
export async function startBot(config: BotConfig, deps: BotDeps): Promise<Bot> {
  const bot = createBot(config, deps);
  try {
    await bot.start();
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot;
}
