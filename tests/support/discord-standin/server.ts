// Entry point: a local stand-in for Discord's REST API v10 and Gateway that the real discord.js
// Client can log in to, on 127.0.0.1 only. Tests dispatch interactions through it and assert on
// what the bot answered (and on any Discord limit the answers break).
//
// Sharding works as on Discord: IDENTIFY may carry `shard: [id, count]`; each shard's READY and
// GUILD_CREATEs carry only its guilds ((guild_id >> 22) % count === id), and an interaction goes to
// the connection of the shard that owns its guild. `recommendedShards` and `maxConcurrency` set
// what GET /gateway/bot answers; `guildCount` makes guilds that take turns across shards.
//
//   const standIn = await startDiscordStandIn({ heartbeatIntervalMs: 200 });
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl } });
//   await client.login(standIn.token);
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ChannelMessages, type ForumPostInput, type SentRecord, type ThreadInfo, type UserMessageInput } from './channel-messages.ts';
import { Gateway } from './gateway.ts';
import { InteractionStore } from './interactions.ts';
import { DEFAULT_APPLICATION_ID, DEFAULT_GUILD_ID, generateGuildIds } from './payloads.ts';
import { createRequestHandler, defaultFailureBody } from './rest.ts';
import { shardOfGuild } from './snowflake.ts';
import type {
  DelayRule,
  FailRule,
  GatewayLogEntry,
  IdentifyRecord,
  InteractionInput,
  InteractionRecord,
  MessageState,
  RegisteredCommand,
  RequestLog,
  ResponseRecord,
  StandInOptions,
} from './types.ts';
import { World } from './world.ts';
import { STANDIN_WAIT_MS } from './waits.ts';

export type * from './types.ts';
export type { ForumPostInput, SentRecord, ThreadInfo, UserMessageInput } from './channel-messages.ts';
export { Intent } from './channel-messages.ts';

export interface DiscordStandIn {
  /** http://127.0.0.1:PORT/api — pass as `rest: { api }`; the client appends /v10. */
  apiUrl: string;
  /** ws://127.0.0.1:PORT — what GET /gateway/bot hands out. */
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  guildIds: string[];
  /** The guilds a bot with `shardCount` shards receives on shard `shardId` ((id >> 22) % count). */
  guildsOfShard(shardId: number, shardCount: number): string[];
  /** The user interactions come from unless a test says otherwise. */
  defaultUserId: string;
  /** The text channel of a guild (default: the first). */
  textChannelId(guildId?: string): string;
  /** A guild's channels by role: text, help (a second text channel), forum and voice (default: the first guild). */
  channelIds(guildId?: string): { text: string; help: string; forum: string; voice: string };
  /** The bot's own managed role in a guild (mentioning it is not mentioning the bot). */
  botRoleId(guildId?: string): string;

  /**
   * A person (or a bot, or a webhook) posts a message: MESSAGE_CREATE goes out, filtered by the
   * bot's intents as Discord filters it. Resolves once it was dispatched (or withheld).
   */
  postMessage(input: UserMessageInput): Promise<MessageState>;
  /** A new post in the guild's forum: THREAD_CREATE, then its starter message. */
  postInForum(input: ForumPostInput): Promise<{ thread: ThreadInfo; message: MessageState }>;
  /** The DM channel between the bot and a user. */
  dmChannelId(userId: string): string;
  /** Everything the bot sent outside interactions (channel messages, threads it started), in order. */
  sent: readonly SentRecord[];
  /** Resolves with the first sent record (already, or later) that matches. */
  waitForSent(match: (r: SentRecord) => boolean, timeoutMs?: number): Promise<SentRecord>;
  /** Threads the stand-in knows (forum posts, threads the bot started), by id. */
  threads: ReadonlyMap<string, ThreadInfo>;

  /** Builds and dispatches an INTERACTION_CREATE over the gateway. */
  dispatchInteraction(input: InteractionInput): Promise<InteractionRecord>;
  /** Resolves with the interaction's first response, or rejects after timeoutMs (default 5000). */
  waitForFirstResponse(id: string, timeoutMs?: number): Promise<ResponseRecord>;
  /** Resolves once predicate(record) holds (checked after every change), or rejects after timeoutMs. */
  waitFor(id: string, predicate: (r: InteractionRecord) => boolean, timeoutMs?: number): Promise<InteractionRecord>;
  interactions: ReadonlyMap<string, InteractionRecord>;
  /** Every message the stand-in knows (replies, follow-ups, made-up user messages), by id. */
  messages: ReadonlyMap<string, MessageState>;

  commands: { global: RegisteredCommand[]; guild: Map<string, RegisteredCommand[]> };
  requests: RequestLog[];
  violations: string[];
  /** Gateway payloads both ways (op, t, s; never the data). */
  gatewayLog: GatewayLogEntry[];
  /** Every IDENTIFY, with the shard it asked for and the guilds its READY listed. */
  identifies: IdentifyRecord[];
  /** Resolves when the first client (or shard) has IDENTIFIED and got READY + its GUILD_CREATEs. */
  ready: Promise<void>;
  /**
   * Resolves at the first payload with `op` received from a client, looking at log entries from
   * index `fromIndex` on (default: entries received after this call).
   */
  waitForGatewayOp(op: number, options?: { fromIndex?: number; timeoutMs?: number }): Promise<GatewayLogEntry>;

  /**
   * The next `times` (default 1) requests matching `routePattern` get `status` and `body` instead
   * of being handled. A string matches when the path contains it or "METHOD path" starts with it;
   * a RegExp is tested against "METHOD path". A 429 carries Retry-After from body.retry_after.
   */
  failNext(routePattern: string | RegExp, status: number, body?: unknown, times?: number): void;
  /**
   * Like failNext, but each matching request is handled first and takes effect; only its answer is
   * replaced by `status`. A 5xx after Discord applied the request: the client cannot tell.
   */
  failAfterApplying(routePattern: string | RegExp, status: number, times?: number): void;
  /**
   * The next `times` (default 1; Infinity for all) requests matching `routePattern` are held `ms`
   * before they are handled. A client that gives up waiting does not stop the request: it is
   * still handled (and takes effect) when the time is up, as on a real server.
   */
  delayNext(routePattern: string | RegExp, ms: number, times?: number): void;
  /**
   * The connections open now stop acknowledging heartbeats (op 11), as a half-dead connection
   * does; the client should notice, close it and RESUME on a new one, which is acknowledged again.
   */
  stopHeartbeatAcks(): void;
  /** Closes gateway sockets abruptly (no close frame); the client should RESUME. */
  dropConnections(): void;
  /** op 7 RECONNECT. */
  sendReconnect(): void;
  /** op 9 INVALID_SESSION. */
  sendInvalidSession(resumable: boolean): void;
  close(): Promise<void>;
}

const DEFAULTS = {
  token: 'standin-bot-token.MTIzNDU2Nzg5.not-a-real-token',
  firstResponseDeadlineMs: 3_000,
  interactionTokenLifetimeMs: 15 * 60_000,
  // Discord's own interval; tests should pass something small.
  heartbeatIntervalMs: 41_250,
  allowedPrivilegedIntents: 0,
} as const;

export async function startDiscordStandIn(options: StandInOptions = {}): Promise<DiscordStandIn> {
  const token = options.token ?? DEFAULTS.token;
  if (options.guildIds !== undefined && options.guildCount !== undefined) throw new Error('stand-in: pass guildIds or guildCount, not both');
  for (const [name, value] of [['recommendedShards', options.recommendedShards], ['maxConcurrency', options.maxConcurrency]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`stand-in: ${name} must be a positive integer, got ${value}`);
  }
  const guildIds = options.guildIds ?? (options.guildCount === undefined ? [DEFAULT_GUILD_ID] : generateGuildIds(options.guildCount));
  const world = new World(options.applicationId ?? DEFAULT_APPLICATION_ID, guildIds);
  const violations: string[] = [];
  const requests: RequestLog[] = [];
  const failRules: FailRule[] = [];
  const delayRules: DelayRule[] = [];
  const gatewayLog: GatewayLogEntry[] = [];
  const identifies: IdentifyRecord[] = [];
  const channels = new ChannelMessages(world, violations);
  const store = new InteractionStore(world, {
    firstResponseDeadlineMs: options.firstResponseDeadlineMs ?? DEFAULTS.firstResponseDeadlineMs,
    tokenLifetimeMs: options.interactionTokenLifetimeMs ?? DEFAULTS.interactionTokenLifetimeMs,
    violations,
  });

  let port = 0;
  const gatewayUrl = (): string => `ws://127.0.0.1:${port}`;
  const server = createServer(
    createRequestHandler({
      world,
      store,
      channels,
      token,
      requests,
      failRules,
      delayRules,
      violations,
      identifies,
      gatewayUrl,
      recommendedShards: options.recommendedShards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
    }),
  );
  // The client and the stand-in share one event loop. When a test blocks it for longer than the
  // keep-alive timeout (an index build on a busy machine), Node's timer would close an idle socket
  // at the same moment the client reuses it, and the request fails with ECONNRESET. Idle sockets
  // are left to the client to close; close() ends them all.
  server.keepAliveTimeout = 0;
  const gateway = new Gateway(server, {
    world,
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
    allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? DEFAULTS.allowedPrivilegedIntents,
    url: gatewayUrl,
    log: gatewayLog,
    identifies,
  });
  channels.attach(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    token,
    applicationId: world.applicationId,
    botUserId: world.botUser.id,
    guildIds: world.guilds.map((g) => g.id),
    guildsOfShard: (shardId, shardCount) => world.guilds.map((g) => g.id).filter((id) => shardOfGuild(id, shardCount) === shardId),
    defaultUserId: world.defaultUserId,
    textChannelId(guildId) {
      const guild = guildId === undefined ? world.guilds[0] : world.guild(guildId);
      if (guild === undefined) throw new Error(`stand-in: unknown guild ${String(guildId)}`);
      return guild.textChannelId;
    },
    channelIds(guildId) {
      const guild = guildId === undefined ? world.guilds[0] : world.guild(guildId);
      if (guild === undefined) throw new Error(`stand-in: unknown guild ${String(guildId)}`);
      return { text: guild.textChannelId, help: guild.helpChannelId, forum: guild.forumChannelId, voice: guild.voiceChannelId };
    },
    botRoleId(guildId) {
      const guild = guildId === undefined ? world.guilds[0] : world.guild(guildId);
      if (guild === undefined) throw new Error(`stand-in: unknown guild ${String(guildId)}`);
      return guild.botRoleId;
    },
    postMessage: (input) => channels.post(input),
    postInForum: (input) => channels.forumPost(input),
    dmChannelId: (userId) => channels.dmChannelId(userId),
    sent: channels.sent,
    waitForSent: (match, timeoutMs) => channels.waitForSent(match, timeoutMs),
    threads: channels.threads,

    async dispatchInteraction(input) {
      const record = store.create(input);
      // Delivered on the connection of the shard that owns the interaction's guild.
      await gateway.dispatch('INTERACTION_CREATE', record.payload, { guildId: record.payload.guild_id ?? null });
      // The response deadline runs from the moment the interaction went out.
      record.dispatchedAt = performance.now();
      return record;
    },
    waitForFirstResponse: (id, timeoutMs) => store.waitForFirstResponse(id, timeoutMs),
    waitFor: (id, predicate, timeoutMs) => store.waitFor(id, predicate, timeoutMs),
    interactions: store.records,
    messages: world.messages,

    commands: world.commands,
    requests,
    violations,
    gatewayLog,
    identifies,
    ready: gateway.ready,
    waitForGatewayOp(op, { fromIndex = gatewayLog.length, timeoutMs = STANDIN_WAIT_MS } = {}) {
      const probe = (): GatewayLogEntry | undefined =>
        gatewayLog.slice(fromIndex).find((e) => e.direction === 'in' && e.op === op);
      return pollUntil(probe, timeoutMs, `gateway op ${op}`);
    },

    failNext(routePattern, status, body, times = 1) {
      failRules.push({ pattern: routePattern, status, body: body ?? defaultFailureBody(status), remaining: times });
    },
    failAfterApplying(routePattern, status, times = 1) {
      failRules.push({ pattern: routePattern, status, body: defaultFailureBody(status), remaining: times, applied: true });
    },
    delayNext(routePattern, ms, times = 1) {
      delayRules.push({ pattern: routePattern, ms, remaining: times });
    },
    stopHeartbeatAcks: () => gateway.stopHeartbeatAcks(),
    dropConnections: () => gateway.dropConnections(),
    sendReconnect: () => gateway.sendReconnect(),
    sendInvalidSession: (resumable) => gateway.sendInvalidSession(resumable),
    close() {
      closed ??= (async () => {
        store.abortAll('closed');
        await gateway.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}

/** Polls `probe` every few ms; the gateway log is a plain array, so this keeps it simple. */
function pollUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const tick = (): void => {
      const found = probe();
      if (found !== undefined) resolve(found);
      else if (performance.now() - started > timeoutMs) {
        reject(new Error(`stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
      }
      else setTimeout(tick, 5);
    };
    tick();
  });
}
