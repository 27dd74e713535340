// Plain channel messages, the way a bot meets them outside interactions: people post (MESSAGE_CREATE
// over the gateway, filtered by the bot's intents as Discord filters them), forum posts open threads
// (THREAD_CREATE, then the starter message), and the bot answers with POST /channels/{id}/messages
// and starts threads. Everything the bot sends is recorded as a person would see it.
import type { APIMessage } from 'discord.js';
import { discordError, ok, type HttpResult } from './http.ts';
import { checkMessageBody, describeFinding, invalidFormBody, isEmptyMessage, isRecord, type Finding } from './limits-check.ts';
import { buildThread, buildUser, type GuildInfo } from './payloads.ts';
import type { MessageState } from './types.ts';
import type { World } from './world.ts';
import { STANDIN_WAIT_MS } from './waits.ts';

/** Gateway intent bits (https://discord.com/developers/docs/events/gateway#gateway-intents). */
export const Intent = { Guilds: 1 << 0, GuildMessages: 1 << 9, DirectMessages: 1 << 12, MessageContent: 1 << 15 } as const;

const ChannelType = { GuildText: 0, DM: 1, GuildVoice: 2, PublicThread: 11, GuildForum: 15 } as const;
const MessageType = { Default: 0, Reply: 19 } as const;

export interface UserMessageInput {
  content: string;
  /** Where it is posted: a channel of the guild, a DM with the author, or any channel id (a thread). Default: the text channel. */
  where?: 'text' | 'help' | 'voice' | 'dm' | { channelId: string };
  /** Default: the first guild. */
  guildId?: string;
  /** Default: the stand-in's fixed user. */
  authorId?: string;
  /** The author is another application's bot. */
  authorBot?: boolean;
  /** Posted by a webhook, not by a user. */
  webhook?: boolean;
  /** The message this one replies to. */
  replyTo?: string;
  /** Whether the reply pings the author it replies to (Discord's default: it does). */
  replyPing?: boolean;
}

export interface ForumPostInput {
  title: string;
  content: string;
  guildId?: string;
  authorId?: string;
}

export interface ThreadInfo {
  id: string;
  guildId: string;
  parentId: string;
  ownerId: string;
  name: string;
  createdAt: number;
}

/** What the bot sent outside interactions: a message, or a thread it started. */
export type SentRecord = { kind: 'message'; channelId: string; message: MessageState; body: unknown } | { kind: 'thread'; channelId: string; thread: ThreadInfo; body: unknown };

interface Dispatcher {
  dispatchFor(t: string, shape: (intents: number) => unknown, options: { guildId?: string | null }): Promise<boolean>;
}

interface ChannelInfo {
  id: string;
  guildId: string | null;
  type: number;
  /** For DMs: the person at the other end. */
  recipientId?: string;
}

export class ChannelMessages {
  readonly #world: World;
  readonly #violations: string[];
  #gateway: Dispatcher | null = null;
  readonly threads = new Map<string, ThreadInfo>();
  readonly #dms = new Map<string, string>();
  readonly sent: SentRecord[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(world: World, violations: string[]) {
    this.#world = world;
    this.#violations = violations;
  }

  attach(gateway: Dispatcher): void {
    this.#gateway = gateway;
  }

  /** The DM channel between the bot and `userId` (made up on first use). */
  dmChannelId(userId: string): string {
    let id = this.#dms.get(userId);
    if (id === undefined) {
      id = this.#world.snowflakes.next();
      this.#dms.set(userId, id);
    }
    return id;
  }

  /** A person (or a bot, or a webhook) posts a message; resolves once it went out over the gateway (or was filtered). */
  async post(input: UserMessageInput): Promise<MessageState> {
    const guild = this.#guild(input.guildId);
    const authorId = input.authorId ?? this.#world.defaultUserId;
    if (input.authorBot === true && !this.#world.users.has(authorId)) this.#world.users.set(authorId, buildUser(authorId, true, `other-bot-${authorId.slice(-4)}`));
    const channel = this.#channelFor(input.where ?? 'text', guild, authorId);
    const state = this.#world.newMessage({ channelId: channel.id, guildId: channel.guildId, authorId, interactionId: null, type: MessageType.Default });
    state.content = input.content;
    state.mentions = [...input.content.matchAll(/<@!?(\d+)>/gu)].map((m) => m[1] ?? '');
    state.mentionRoles = [...input.content.matchAll(/<@&(\d+)>/gu)].map((m) => m[1] ?? '');
    state.mentionEveryone = /@(?:everyone|here)\b/u.test(input.content);
    if (input.webhook === true) state.webhookId = this.#world.snowflakes.next();
    let referenced: MessageState | undefined;
    if (input.replyTo !== undefined) {
      referenced = this.#world.messages.get(input.replyTo);
      if (referenced === undefined) throw new Error(`stand-in: no message ${input.replyTo} to reply to`);
      state.type = MessageType.Reply;
      state.reference = { message_id: referenced.id, channel_id: referenced.channelId, ...(referenced.guildId ? { guild_id: referenced.guildId } : {}) };
      if (input.replyPing !== false && !state.mentions.includes(referenced.authorId)) state.mentions.push(referenced.authorId);
    }
    await this.#dispatchMessage(state, channel, referenced);
    return state;
  }

  /** A new post in the guild's forum: THREAD_CREATE, then its starter message (which shares the thread's id). */
  async forumPost(input: ForumPostInput): Promise<{ thread: ThreadInfo; message: MessageState }> {
    const guild = this.#guild(input.guildId);
    const authorId = input.authorId ?? this.#world.defaultUserId;
    const id = this.#world.snowflakes.next();
    const thread: ThreadInfo = { id, guildId: guild.id, parentId: guild.forumChannelId, ownerId: authorId, name: input.title, createdAt: Date.now() };
    this.threads.set(id, thread);
    await this.#dispatchThread(thread, true);
    const state: MessageState = { ...this.#world.blankMessage({ channelId: id, guildId: guild.id, authorId, interactionId: null, type: MessageType.Default }), id, content: input.content, mentions: [] };
    this.#world.messages.set(id, state);
    await this.#dispatchMessage(state, { id, guildId: guild.id, type: ChannelType.PublicThread }, undefined);
    return { thread, message: state };
  }

  /** Resolves with the first record the bot sent (already, or later) for which `match` holds. */
  waitForSent(match: (r: SentRecord) => boolean, timeoutMs = STANDIN_WAIT_MS): Promise<SentRecord> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.sent.find(match);
        if (found === undefined) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`stand-in: the bot sent nothing matching within ${timeoutMs} ms; it sent ${this.sent.length} message(s)`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  // --- REST ---

  /** POST /channels/{channel}/messages */
  createMessage(channelId: string, body: unknown): HttpResult {
    const channel = this.#channel(channelId);
    if (channel === null) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    if (channel.type === ChannelType.GuildForum) return { status: 400, body: { message: 'Cannot send messages in a forum channel; create a post', code: 50008 } };
    const findings = checkMessageBody(body ?? {}, { requireAllowedMentions: true });
    const b = isRecord(body) ? body : {};
    const reference = isRecord(b['message_reference']) ? b['message_reference'] : null;
    let referenced: MessageState | undefined;
    if (reference !== null) {
      const id = typeof reference['message_id'] === 'string' ? reference['message_id'] : '';
      referenced = this.#world.messages.get(id);
      if ((referenced === undefined || referenced.channelId !== channelId) && reference['fail_if_not_exists'] !== false) {
        findings.push({ path: ['message_reference'], code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message', rejects: true });
      }
    }
    const rejected = this.#reject(`POST /channels/${channelId}/messages`, findings);
    if (rejected !== null) return rejected;
    const state = this.#world.blankMessage({ channelId, guildId: channel.guildId, authorId: this.#world.botUser.id, interactionId: null, type: referenced ? MessageType.Reply : MessageType.Default });
    state.content = typeof b['content'] === 'string' ? b['content'] : '';
    state.embeds = Array.isArray(b['embeds']) ? [...b['embeds']] : [];
    state.components = Array.isArray(b['components']) ? [...b['components']] : [];
    state.allowed_mentions = b['allowed_mentions'];
    state.mentions = [];
    if (referenced !== undefined) state.reference = { message_id: referenced.id, channel_id: referenced.channelId, ...(referenced.guildId ? { guild_id: referenced.guildId } : {}) };
    if (isEmptyMessage(state)) return discordError('EmptyMessage');
    this.#world.messages.set(state.id, state);
    this.#record({ kind: 'message', channelId, message: state, body });
    // Discord sends the bot its own messages too; a bot must not answer them.
    void this.#dispatchMessage(state, channel, referenced).catch(() => undefined);
    return ok(this.#world.apiMessage(state));
  }

  /** POST /channels/{channel}/messages/{message}/threads: the thread takes the message's id. */
  startThreadFromMessage(channelId: string, messageId: string, body: unknown): HttpResult {
    const channel = this.#channel(channelId);
    const message = this.#world.messages.get(messageId);
    if (channel === null || channel.guildId === null) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    if (message === undefined || message.channelId !== channelId) return discordError('UnknownMessage');
    if (this.threads.has(messageId)) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
    return this.#startThread(channel, messageId, body);
  }

  /** POST /channels/{channel}/threads: a thread without a message (or, in a forum, a post with its first message). */
  startThread(channelId: string, body: unknown): HttpResult {
    const channel = this.#channel(channelId);
    if (channel === null || channel.guildId === null) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    return this.#startThread(channel, this.#world.snowflakes.next(), body);
  }

  #startThread(channel: ChannelInfo, id: string, body: unknown): HttpResult {
    const b = isRecord(body) ? body : {};
    const name = b['name'];
    const findings: Finding[] = [];
    if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
      findings.push({ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.', rejects: true });
    }
    const rejected = this.#reject(`POST /channels/${channel.id}/threads`, findings);
    if (rejected !== null) return rejected;
    const thread: ThreadInfo = { id, guildId: channel.guildId ?? '', parentId: channel.id, ownerId: this.#world.botUser.id, name: String(name), createdAt: Date.now() };
    this.threads.set(id, thread);
    this.#record({ kind: 'thread', channelId: channel.id, thread, body });
    void this.#dispatchThread(thread, true).catch(() => undefined);
    return ok(buildThread(thread.guildId, thread));
  }

  #reject(where: string, findings: Finding[]): HttpResult | null {
    for (const f of findings) this.#violations.push(describeFinding(where, f));
    if (!findings.some((f) => f.rejects)) return null;
    return { status: 400, body: invalidFormBody(findings) };
  }

  #record(record: SentRecord): void {
    this.sent.push(record);
    for (const waiter of [...this.#waiters]) waiter();
  }

  // --- gateway ---

  async #dispatchThread(thread: ThreadInfo, newlyCreated: boolean): Promise<void> {
    const payload = { ...buildThread(thread.guildId, thread), newly_created: newlyCreated };
    await this.#requireGateway().dispatchFor('THREAD_CREATE', (intents) => ((intents & Intent.Guilds) === 0 ? null : payload), { guildId: thread.guildId });
  }

  /**
   * MESSAGE_CREATE as Discord filters it: guild messages need GUILD_MESSAGES, DMs need
   * DIRECT_MESSAGES; without MESSAGE_CONTENT, the text of a guild message is empty unless the bot
   * wrote it or is mentioned in it.
   */
  async #dispatchMessage(state: MessageState, channel: ChannelInfo, referenced: MessageState | undefined): Promise<boolean> {
    const api = this.#world.apiMessage(state);
    const botId = this.#world.botUser.id;
    const full: APIMessage & { guild_id?: string; channel_type?: number } = { ...api, channel_type: channel.type };
    if (channel.guildId !== null) full.guild_id = channel.guildId;
    if (referenced !== undefined) full.referenced_message = this.#world.apiMessage(referenced);
    const dm = channel.guildId === null;
    return this.#requireGateway().dispatchFor(
      'MESSAGE_CREATE',
      (intents) => {
        if ((intents & (dm ? Intent.DirectMessages : Intent.GuildMessages)) === 0) return null;
        const readable = dm || (intents & Intent.MessageContent) !== 0 || state.authorId === botId || (state.mentions ?? []).includes(botId);
        return readable ? full : { ...full, content: '', embeds: [], attachments: [], components: [] };
      },
      { guildId: channel.guildId },
    );
  }

  #requireGateway(): Dispatcher {
    if (this.#gateway === null) throw new Error('stand-in: channel messages are not attached to a gateway');
    return this.#gateway;
  }

  #guild(guildId: string | undefined): GuildInfo {
    const guild = guildId === undefined ? this.#world.guilds[0] : this.#world.guild(guildId);
    if (guild === undefined) throw new Error(`stand-in: unknown guild ${String(guildId)}`);
    return guild;
  }

  #channelFor(where: NonNullable<UserMessageInput['where']>, guild: GuildInfo, authorId: string): ChannelInfo {
    if (where === 'dm') return { id: this.dmChannelId(authorId), guildId: null, type: ChannelType.DM, recipientId: authorId };
    const id = where === 'text' ? guild.textChannelId : where === 'help' ? guild.helpChannelId : where === 'voice' ? guild.voiceChannelId : where.channelId;
    const channel = this.#channel(id);
    if (channel === null) throw new Error(`stand-in: unknown channel ${id}`);
    return channel;
  }

  #channel(id: string): ChannelInfo | null {
    for (const guild of this.#world.guilds) {
      if (id === guild.textChannelId || id === guild.helpChannelId) return { id, guildId: guild.id, type: ChannelType.GuildText };
      if (id === guild.voiceChannelId) return { id, guildId: guild.id, type: ChannelType.GuildVoice };
      if (id === guild.forumChannelId) return { id, guildId: guild.id, type: ChannelType.GuildForum };
    }
    const thread = this.threads.get(id);
    if (thread !== undefined) return { id, guildId: thread.guildId, type: ChannelType.PublicThread };
    for (const [userId, channelId] of this.#dms) if (channelId === id) return { id, guildId: null, type: ChannelType.DM, recipientId: userId };
    return null;
  }
}

