// Gateway v10 over the `ws` package, JSON encoding only. Implements what a bot's connection goes
// through: HELLO -> IDENTIFY -> READY + GUILD_CREATEs, heartbeats, dispatches with sequence numbers,
// RESUME with replay, and the server-initiated RECONNECT / INVALID_SESSION.
//
// Compression: discord.js only asks for `compress=zlib-stream` when the optional `zlib-sync`
// package is installed (it is not here). If a client asks anyway we ignore it and keep sending
// uncompressed text frames; @discordjs/ws parses text frames as plain JSON whatever it negotiated.
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApplicationFlags, GatewayReadyDispatchData } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isRecord } from './limits-check.ts';
import { buildGuildCreate } from './payloads.ts';
import { shardOfGuild } from './snowflake.ts';
import type { GatewayLogEntry, IdentifyRecord } from './types.ts';
import type { World } from './world.ts';
import { STANDIN_WAIT_MS } from './waits.ts';

export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

const Close = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

const GUILDS_INTENT = 1;
/** GuildMembers | GuildPresences | MessageContent. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
/** Every intent bit Discord defines today (0..25). */
const KNOWN_INTENTS = (1 << 26) - 1;
/** How many dispatches a session keeps for RESUME replays (Discord's buffer is finite too). */
const REPLAY_BUFFER = 1_000;

interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Recent dispatches, for replay on RESUME. */
  sent: DispatchPayload[];
  connection: Connection | null;
  shard: [number, number] | null;
  invalid: boolean;
  /** The intents the session identified with: what Discord filters dispatches by. */
  intents: number;
}

/** Sessions are current per shard: a shard's new session replaces its old one. */
function shardKey(shard: [number, number] | null): string {
  return shard === null ? 'unsharded' : `${shard[0]}/${shard[1]}`;
}

/**
 * Whether a session receives a guild's events: an unsharded session gets every guild; a shard
 * gets the guilds with `(guild_id >> 22) % num_shards === shard_id`, and direct messages (no
 * guild) go to shard 0, as on Discord.
 */
function owns(shard: [number, number] | null, guildId: string | null): boolean {
  if (shard === null) return true;
  const [id, count] = shard;
  return guildId === null ? id === 0 : shardOfGuild(guildId, count) === id;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  /** False once the connection plays dead: heartbeats get no op 11. */
  acksHeartbeats: boolean;
}

export interface GatewayOptions {
  world: World;
  token: string;
  heartbeatIntervalMs: number;
  allowedPrivilegedIntents: number;
  /** ws://127.0.0.1:PORT, known once the server listens. */
  url: () => string;
  log: GatewayLogEntry[];
  identifies: IdentifyRecord[];
}

export class Gateway {
  readonly #wss: WebSocketServer;
  readonly #options: GatewayOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();
  /** Callbacks waiting for a session to dispatch into. */
  #sessionWaiters: ((closing?: boolean) => boolean)[] = [];
  /** The live session of each shard, least recently identified first. */
  readonly #current = new Map<string, Session>();
  #resolveReady: () => void = () => {};
  readonly ready: Promise<void>;

  constructor(server: HttpServer, options: GatewayOptions) {
    this.#options = options;
    this.ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket, request) => this.#onConnection(socket, request));
  }

  /**
   * Sends a dispatch to the session of the shard that owns `guildId` (buffered for replay if it is
   * between connections); without a guild, to shard 0. Waits up to `timeoutMs` for that shard to
   * identify.
   */
  async dispatch(t: string, d: unknown, options: { guildId?: string | null; timeoutMs?: number } = {}): Promise<void> {
    const session = await this.#waitForSession(options.guildId ?? null, options.timeoutMs ?? STANDIN_WAIT_MS);
    this.#sendDispatch(session, t, d);
  }

  /**
   * Like dispatch, but what the session receives depends on its intents, as on Discord: `shape`
   * gets them and returns the payload to send, or null when the session is not sent the event.
   * Returns whether it was sent.
   */
  async dispatchFor(t: string, shape: (intents: number) => unknown, options: { guildId?: string | null; timeoutMs?: number } = {}): Promise<boolean> {
    const session = await this.#waitForSession(options.guildId ?? null, options.timeoutMs ?? STANDIN_WAIT_MS);
    const d = shape(session.intents);
    if (d === null) return false;
    this.#sendDispatch(session, t, d);
    return true;
  }

  /** Closes every socket without a close frame (like a network drop); clients should RESUME. */
  dropConnections(): void {
    for (const connection of this.#connections) connection.socket.terminate();
  }

  /** The connections open now stop acknowledging heartbeats; later ones acknowledge again. */
  stopHeartbeatAcks(): void {
    for (const connection of this.#connections) connection.acksHeartbeats = false;
  }

  /** op 7: the client should reconnect and RESUME. */
  sendReconnect(): void {
    for (const connection of this.#connections) {
      if (connection.session !== null) this.#send(connection, { op: Op.Reconnect, d: null, s: null, t: null });
    }
  }

  /** op 9. Not resumable: the session is gone and the client must IDENTIFY again. */
  sendInvalidSession(resumable: boolean): void {
    for (const connection of this.#connections) {
      const session = connection.session;
      if (session === null) continue;
      // The connection is no longer authenticated either way; it may RESUME or IDENTIFY on it.
      connection.session = null;
      session.connection = null;
      if (!resumable) this.#invalidate(session);
      this.#send(connection, { op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  async close(): Promise<void> {
    for (const connection of this.#connections) connection.socket.terminate();
    for (const waiter of this.#sessionWaiters) waiter(true);
    this.#sessionWaiters = [];
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #onConnection(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = { socket, session: null, acksHeartbeats: true };
    this.#connections.add(connection);
    socket.on('close', (code) => this.#onClose(connection, code));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));

    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    const version = query.get('v');
    if (version !== null && version !== '10') {
      socket.close(Close.InvalidApiVersion, 'Invalid API version');
      return;
    }
    const encoding = query.get('encoding');
    if (encoding !== null && encoding !== 'json') {
      socket.close(Close.DecodeError, 'stand-in supports encoding=json only');
      return;
    }
    this.#send(connection, { op: Op.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs }, s: null, t: null });
  }

  #onClose(connection: Connection, code: number): void {
    this.#connections.delete(connection);
    const session = connection.session;
    if (session === null) return;
    session.connection = null;
    // A clean close (1000/1001) ends the session on Discord's side; anything else stays resumable.
    if (code === 1000 || code === 1001) this.#invalidate(session);
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.socket.close(Close.DecodeError, 'Binary (ETF/compressed) payloads are not supported');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(rawToString(data));
    } catch {
      connection.socket.close(Close.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(payload) || typeof payload['op'] !== 'number') {
      connection.socket.close(Close.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = payload['op'];
    const d = payload['d'];
    this.#options.log.push({ direction: 'in', op, at: performance.now() });

    switch (op) {
      case Op.Heartbeat:
        if (connection.acksHeartbeats) this.#send(connection, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        return;
      case Op.Identify:
        this.#identify(connection, d);
        return;
      case Op.Resume:
        this.#resume(connection, d);
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
      case Op.RequestSoundboardSounds:
        // Accepted and ignored: nothing in the stand-in depends on them.
        if (connection.session === null) connection.socket.close(Close.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        connection.socket.close(Close.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #checkToken(connection: Connection, token: unknown): boolean {
    const given = typeof token === 'string' ? token.replace(/^Bot\s+/i, '') : null;
    if (given !== this.#options.token) {
      connection.socket.close(Close.AuthenticationFailed, 'Authentication failed.');
      return false;
    }
    return true;
  }

  /** The checks IDENTIFY and RESUME share; the payload when they pass, null after closing the socket. */
  #authenticate(connection: Connection, d: unknown): Record<string, unknown> | null {
    if (connection.session !== null) {
      connection.socket.close(Close.AlreadyAuthenticated, 'Already authenticated.');
      return null;
    }
    if (!isRecord(d)) {
      connection.socket.close(Close.DecodeError, 'Error while decoding payload.');
      return null;
    }
    if (!this.#checkToken(connection, d['token'])) return null;
    return d;
  }

  #identify(connection: Connection, payload: unknown): void {
    const d = this.#authenticate(connection, payload);
    if (!d) return;
    const intents = d['intents'];
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) {
      connection.socket.close(Close.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.#options.allowedPrivilegedIntents) !== 0) {
      connection.socket.close(Close.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    let shard: [number, number] | null = null;
    const rawShard = d['shard'];
    if (rawShard !== undefined) {
      const [id, count]: unknown[] = Array.isArray(rawShard) ? rawShard : [];
      // [shard_id, num_shards] with 0 <= shard_id < num_shards; anything else is refused (4010).
      if (!Array.isArray(rawShard) || rawShard.length !== 2 || !isShardNumber(count, 1) || !isShardNumber(id, 0) || id >= count) {
        connection.socket.close(Close.InvalidShard, 'Invalid shard.');
        return;
      }
      shard = [id, count];
    }
    const { world } = this.#options;
    const guilds = world.guilds.filter((g) => owns(shard, g.id));
    this.#options.identifies.push({ intents, shard, guildIds: guilds.map((g) => g.id), properties: d['properties'], at: performance.now() });

    const session: Session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      sent: [],
      connection,
      shard,
      invalid: false,
      intents,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;
    const key = shardKey(shard);
    // Re-inserted so the map stays ordered by when each shard last identified.
    this.#current.delete(key);
    this.#current.set(key, session);

    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...world.botUser, verified: true, mfa_enabled: false, email: null },
      // Only this shard's guilds, in READY and in GUILD_CREATE.
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#options.url(),
      application: { id: world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
      ...(shard === null ? {} : { shard }),
    };
    this.#sendDispatch(session, 'READY', ready);
    // Without GUILD_CREATE for every guild in READY, discord.js waits 15 s before it is ready.
    if ((intents & GUILDS_INTENT) !== 0) {
      for (const guild of guilds) {
        this.#sendDispatch(session, 'GUILD_CREATE', buildGuildCreate(guild, world.botUser, world.guildMembers()));
      }
    }
    this.#resolveReady();
    // Waiters for this shard's guilds are served; the others keep waiting for their shard.
    this.#sessionWaiters = this.#sessionWaiters.filter((waiter) => !waiter());
  }

  #resume(connection: Connection, payload: unknown): void {
    const d = this.#authenticate(connection, payload);
    if (!d) return;
    const sessionId = d['session_id'];
    const seq = typeof d['seq'] === 'number' ? d['seq'] : 0;
    const session = typeof sessionId === 'string' ? this.#sessions.get(sessionId) : undefined;
    const oldest = session?.sent[0]?.s ?? Number.POSITIVE_INFINITY;
    // Unknown/ended session, or events since `seq` no longer buffered: the client must IDENTIFY.
    if (session === undefined || session.invalid || (seq + 1 < oldest && session.seq > seq)) {
      this.#send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // A session lives on one connection; a stale one loses it.
    if (session.connection !== null && session.connection !== connection) {
      session.connection.session = null;
      session.connection.socket.terminate();
    }
    session.connection = connection;
    connection.session = session;
    for (const missed of session.sent.filter((p) => p.s > seq)) this.#send(connection, missed);
    this.#sendDispatch(session, 'RESUMED', {});
  }

  #invalidate(session: Session): void {
    session.invalid = true;
    this.#sessions.delete(session.id);
    const key = shardKey(session.shard);
    if (this.#current.get(key) === session) this.#current.delete(key);
  }

  #sendDispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: 0, t, s: session.seq, d };
    session.sent.push(payload);
    if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    if (session.connection !== null) this.#send(session.connection, payload);
  }

  #send(connection: Connection, payload: { op: number; d: unknown; s: number | null; t: string | null }): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    this.#options.log.push({ direction: 'out', op: payload.op, t: payload.t, s: payload.s, at: performance.now() });
    connection.socket.send(JSON.stringify(payload));
  }

  /** The most recently identified live session that receives `guildId`'s events. */
  #sessionFor(guildId: string | null): Session | null {
    let found: Session | null = null;
    for (const session of this.#current.values()) if (owns(session.shard, guildId)) found = session;
    return found;
  }

  #waitForSession(guildId: string | null, timeoutMs: number): Promise<Session> {
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const session = this.#sessionFor(guildId);
        if (session !== null) {
          resolve(session);
          return true;
        }
        return false;
      };
      if (attempt()) return;
      const timer = setTimeout(() => {
        this.#sessionWaiters = this.#sessionWaiters.filter((w) => w !== waiter);
        const whose = guildId === null ? 'shard 0' : `the shard of guild ${guildId}`;
        reject(new Error(`stand-in: no gateway session (${whose}) to dispatch into after ${timeoutMs} ms (has a client logged in?)`));
      }, timeoutMs);
      // Called after every IDENTIFY (and at close): resolves if that session is the one, otherwise
      // keeps waiting; at close, `closing` rejects.
      const waiter = (closing = false): boolean => {
        if (attempt()) {
          clearTimeout(timer);
          return true;
        }
        if (closing) {
          clearTimeout(timer);
          reject(new Error('stand-in: closed while waiting for a gateway session'));
          return true;
        }
        return false;
      };
      this.#sessionWaiters.push(waiter);
    });
  }
}

/** A shard id (min 0) or count (min 1): a non-negative integer. */
function isShardNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
