// Public types of the Discord stand-in. Everything a test can read or pass in lives here, so the
// other modules can stay focused on behaviour.
import type { APIInteraction } from 'discord.js';

export interface StandInOptions {
  /** Bot token the client must present (REST `Authorization: Bot <token>` and gateway IDENTIFY). */
  token?: string;
  /** Application id; the bot user shares it, as it does for modern Discord applications. */
  applicationId?: string;
  /**
   * Guilds the bot is in (sent as unavailable in READY, then one GUILD_CREATE each, to the shard
   * that owns each guild). Default: one guild, or `guildCount` generated ones.
   */
  guildIds?: string[];
  /**
   * Instead of `guildIds`: this many generated guilds, created one millisecond apart so that they
   * take turns across shards (guild i is on shard (i + first) % count; with 2 guilds and 2 shards
   * the first is on shard 0, the second on shard 1).
   */
  guildCount?: number;
  /** `shards` in GET /gateway/bot: the shard count Discord recommends (default 1). */
  recommendedShards?: number;
  /**
   * `session_start_limit.max_concurrency` in GET /gateway/bot (default 1, as for most bots): how
   * many shards may IDENTIFY in the same 5 seconds, one per bucket `shard_id % max_concurrency`.
   */
  maxConcurrency?: number;
  /** How long an interaction may go without its first response (Discord: 3 s). */
  firstResponseDeadlineMs?: number;
  /** How long follow-ups/edits may use the interaction token (Discord: 15 min). */
  interactionTokenLifetimeMs?: number;
  /** HELLO heartbeat_interval. Discord uses ~41 s; tests pass something small. */
  heartbeatIntervalMs?: number;
  /**
   * Privileged intents the application is "approved" for (bitfield; GuildMembers=1<<1,
   * GuildPresences=1<<8, MessageContent=1<<15). IDENTIFY asking for others is closed with 4014,
   * as Discord does. Default: none approved.
   */
  allowedPrivilegedIntents?: number;
  /** TCP port; 0 (default) picks a free one. Always bound to 127.0.0.1. */
  port?: number;
}

/** A chat-input option given as an explicit, typed entry. */
export type OptionInput =
  | { name: string; type: 'string'; value: string; focused?: boolean }
  | { name: string; type: 'integer' | 'number'; value: number; focused?: boolean }
  | { name: string; type: 'boolean'; value: boolean }
  /** value is a user id; the user (and member, in a guild) is put into `resolved`. */
  | { name: string; type: 'user'; value: string }
  /** value is a channel id of the guild; the channel is put into `resolved`. */
  | { name: string; type: 'channel'; value: string }
  /** A subcommand and its own options. */
  | { name: string; type: 'subcommand'; options: OptionInput[] };

/**
 * Options either as typed entries, or as a plain map. For the map form the option type is taken
 * from the registered command if there is one, else inferred from the JS value (a string that
 * should be a user needs the typed form or a registered command).
 */
export type OptionsInput = OptionInput[] | Record<string, string | number | boolean>;

interface InteractionInputBase {
  /** Invoking user; default: the stand-in's fixed user. */
  userId?: string;
  /** Default: the first guild. */
  guildId?: string;
  /** Default: the guild's text channel. */
  channelId?: string;
  /** Invoking user's locale (default 'en-US'). */
  locale?: string;
  /** Permissions the app has in the channel (decimal bitfield string). */
  appPermissions?: string;
  /** Permissions of the invoking member (decimal bitfield string). */
  memberPermissions?: string;
}

export interface ChatInputInput extends InteractionInputBase {
  kind: 'chatInput';
  name: string;
  options?: OptionsInput;
}

export interface AutocompleteInput extends InteractionInputBase {
  kind: 'autocomplete';
  name: string;
  options?: OptionsInput;
  /** For the map form of options: which option is being typed into. */
  focused?: string;
}

export interface ButtonInput extends InteractionInputBase {
  kind: 'button';
  customId: string;
  /** Id of a message the stand-in recorded earlier (a reply or follow-up) that carries the button. */
  messageId: string;
}

export interface StringSelectInput extends InteractionInputBase {
  kind: 'stringSelect';
  customId: string;
  messageId: string;
  values: string[];
}

export interface MessageCommandInput extends InteractionInputBase {
  kind: 'messageCommand';
  name: string;
  /** A message recorded earlier, or a user message made up for this command. */
  target: { messageId: string } | { content: string; authorId?: string };
}

export type InteractionInput =
  | ChatInputInput
  | AutocompleteInput
  | ButtonInput
  | StringSelectInput
  | MessageCommandInput;

export type InteractionKind = InteractionInput['kind'];

/** The current state of one message the stand-in knows (a reply, follow-up or user message). */
export interface MessageState {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  /** Set for messages sent through an interaction (webhook) and for their updates. */
  interactionId: string | null;
  /** Discord message type (0 default, 20 chat input command, 23 context menu command). */
  type: number;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
  flags: number;
  /** allowed_mentions of the last body that wrote this message (undefined when it had none). */
  allowed_mentions: unknown;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** A reply's message_reference (what the bot sent, or what a made-up user message carries). */
  reference?: { message_id: string; channel_id: string; guild_id?: string } | null;
  /** Users the message mentions (a reply that pings includes the replied-to author). */
  mentions?: string[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  /** Set for messages a webhook posted. */
  webhookId?: string | null;
}

export interface ResponseRecord {
  /** Interaction callback type (4, 5, 6, 7, 8, 9 ...). */
  type: number;
  data: unknown;
  /** Milliseconds from dispatch to the callback arriving. */
  atMs: number;
}

export type HistoryKind =
  | 'callback'
  | 'getOriginal'
  | 'editOriginal'
  | 'deleteOriginal'
  | 'followup'
  | 'editFollowup'
  | 'deleteFollowup';

export interface HistoryEntry {
  kind: HistoryKind;
  /** Milliseconds from dispatch. */
  atMs: number;
  /** HTTP status the stand-in answered with. */
  status: number;
  /** Callback type, for 'callback' entries. */
  callbackType?: number;
  messageId?: string;
  body: unknown;
}

export interface InteractionError {
  atMs: number;
  status: number;
  code: number;
  message: string;
  route: string;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** Interaction type: 2 application command, 3 component, 4 autocomplete. */
  type: number;
  kind: InteractionKind;
  /** The exact INTERACTION_CREATE `d` that went over the gateway. */
  payload: APIInteraction;
  /** performance.now() at dispatch; atMs values are relative to it. */
  dispatchedAt: number;
  firstResponse: ResponseRecord | null;
  /** The @original message; null until a response creates it and after DELETE. */
  original: MessageState | null;
  followups: MessageState[];
  /** Choices of an autocomplete response. */
  choices: unknown[] | null;
  history: HistoryEntry[];
  errors: InteractionError[];
}

export interface RequestLog {
  method: string;
  /** Decoded path below the API prefix, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: Record<string, string>;
  hasAuthorization: boolean;
  body: unknown;
  /** Files of a multipart body (content not kept). */
  files: UploadedFile[];
  status: number;
  /** performance.now() when the request finished. */
  at: number;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface GatewayLogEntry {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  s?: number | null;
  at: number;
}

export interface IdentifyRecord {
  intents: number;
  /** `[shard_id, num_shards]` as the client sent it; null when it did not shard. */
  shard: [number, number] | null;
  /** The guilds READY listed for this session (those of its shard). */
  guildIds: string[];
  properties: unknown;
  at: number;
}

/** A registered application command as the stand-in echoes it back. */
export interface RegisteredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: number;
  name: string;
  description: string;
  options?: unknown[];
  [key: string]: unknown;
}

export interface FailRule {
  pattern: string | RegExp;
  status: number;
  body: unknown;
  remaining: number;
  /**
   * The request is handled first (it takes effect, like a request Discord applied) and only the
   * answer is replaced: a proxy error after the fact. Otherwise Discord refused it before looking.
   */
  applied?: boolean;
}

/** Holds matching requests for `ms` before handling them: a slow Discord, or a slow network. */
export interface DelayRule {
  pattern: string | RegExp;
  ms: number;
  remaining: number;
}
