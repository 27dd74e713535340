// Builders for the objects Discord sends: users, guilds (GUILD_CREATE), members, channels and
// messages. discord.js constructs its structures straight from these, so missing fields surface as
// crashes inside its handlers; the discord-api-types shapes (re-exported by discord.js) are used as
// a compile-time checklist.
import type {
  APIGuildForumChannel,
  APIGuildMember,
  APIGuildVoiceChannel,
  APIInteractionGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildFeature,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  RoleFlags,
  UserFlags,
} from 'discord.js';
import { snowflakeAt, snowflakeTimestamp } from './snowflake.ts';
import type { MessageState } from './types.ts';

/** Permission bits (https://discord.com/developers/docs/topics/permissions). */
export const Permission = {
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What a regular member (and the @everyone role) may do in the stand-in guild. */
export const MEMBER_PERMISSIONS = (
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.SendMessagesInThreads
).toString();

/** The bot's managed role adds nothing dangerous: no @everyone pings, no admin. */
export const APP_PERMISSIONS = MEMBER_PERMISSIONS;

export const MessageFlag = {
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  IsComponentsV2: 1 << 15,
} as const;

/** Fixed ids, derived from fixed dates so every run (and every snapshot) sees the same values. */
export const DEFAULT_APPLICATION_ID = snowflakeAt(Date.UTC(2021, 0, 4), 0, 1);
export const DEFAULT_USER_ID = snowflakeAt(Date.UTC(2019, 5, 1), 0, 2);
export const DEFAULT_GUILD_ID = snowflakeAt(Date.UTC(2020, 2, 1), 0, 3);

/**
 * `count` guild ids: the default guild first, then one created each millisecond after it. A
 * guild's shard is its creation millisecond modulo the shard count, so consecutive milliseconds
 * take turns: with at least `n` guilds, every shard of an `n`-shard bot has one (and with 2
 * guilds and 2 shards, the first is on shard 0 and the second on shard 1).
 */
export function generateGuildIds(count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`stand-in: guildCount must be a positive integer, got ${count}`);
  const created = Date.UTC(2020, 2, 1);
  return Array.from({ length: count }, (_, i) => snowflakeAt(created + i, 0, 3));
}

export interface GuildInfo {
  id: string;
  name: string;
  ownerId: string;
  textChannelId: string;
  /** A second text channel, for help-channel tests. */
  helpChannelId: string;
  /** A forum channel (type 15): each post is a thread whose starter message shares its id. */
  forumChannelId: string;
  /** A voice channel (type 2), which has its own text chat. */
  voiceChannelId: string;
  botRoleId: string;
  joinedAt: string;
}

export function makeGuildInfo(id: string, index: number, ownerId: string): GuildInfo {
  // Child ids are minted a little after the guild's own creation time, like real ones.
  const created = snowflakeTimestamp(id);
  return {
    id,
    name: `Stand-in Guild ${index + 1}`,
    ownerId,
    textChannelId: snowflakeAt(created + 1_000, 1, 3),
    helpChannelId: snowflakeAt(created + 1_000, 4, 3),
    forumChannelId: snowflakeAt(created + 1_000, 5, 3),
    voiceChannelId: snowflakeAt(created + 1_000, 6, 3),
    botRoleId: snowflakeAt(created + 2_000, 2, 3),
    joinedAt: new Date(created + 60_000).toISOString(),
  };
}

// Discord sends 0 for "no flags"; the discord-api-types flag enums have no 0 member, hence the
// `0 as XFlags` casts below.

export function buildUser(id: string, bot: boolean, username?: string): APIUser {
  return {
    id,
    username: username ?? (bot ? 'footnote-standin' : `user${id.slice(-4)}`),
    discriminator: '0',
    global_name: bot ? null : `User ${id.slice(-4)}`,
    avatar: null,
    bot,
    system: false,
    banner: null,
    accent_color: null,
    flags: 0 as UserFlags,
    public_flags: 0 as UserFlags,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

function buildRole(
  id: string,
  name: string,
  position: number,
  permissions: string,
  botId?: string,
): APIRole {
  const role: APIRole = {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: botId !== undefined,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
  if (botId !== undefined) role.tags = { bot_id: botId };
  return role;
}

/** What every guild channel the stand-in serves has in common. */
function guildChannel(guild: GuildInfo, id: string, name: string, position: number) {
  return {
    id,
    guild_id: guild.id,
    name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0 as ChannelFlags,
  };
}

/** What text and forum channels add: where threads come from. */
const THREAD_PARENT = {
  topic: null,
  last_pin_timestamp: null,
  default_auto_archive_duration: 1440,
  default_thread_rate_limit_per_user: 0,
} as const;

export function buildTextChannel(guild: GuildInfo, channelId: string, name = 'general'): APITextChannel {
  return { ...guildChannel(guild, channelId, name, 0), ...THREAD_PARENT, type: 0 };
}

export function buildForumChannel(guild: GuildInfo): APIGuildForumChannel {
  return {
    ...guildChannel(guild, guild.forumChannelId, 'questions', 2),
    ...THREAD_PARENT,
    type: 15,
    available_tags: [],
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
  };
}

export function buildVoiceChannel(guild: GuildInfo): APIGuildVoiceChannel {
  return {
    ...guildChannel(guild, guild.voiceChannelId, 'lounge', 3),
    type: 2,
    bitrate: 64_000,
    user_limit: 0,
    rtc_region: null,
    video_quality_mode: 1,
  };
}

/** A public thread (type 11) in `parentId`, as THREAD_CREATE and thread creation answer it. */
export function buildThread(guildId: string, thread: { id: string; parentId: string; ownerId: string; name: string; createdAt: number }): APIThreadChannel {
  const created = new Date(thread.createdAt).toISOString();
  return {
    id: thread.id,
    type: 11,
    guild_id: guildId,
    parent_id: thread.parentId,
    owner_id: thread.ownerId,
    name: thread.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    applied_tags: [],
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: created, locked: false, create_timestamp: created },
  } as APIThreadChannel;
}

export function buildMember(user: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
    avatar_decoration_data: null,
  };
}

export function buildInteractionMember(
  user: APIUser,
  guild: GuildInfo,
  permissions: string,
): APIInteractionGuildMember {
  return { ...buildMember(user, [], guild.joinedAt), user, permissions };
}

export function buildGuildCreate(
  guild: GuildInfo,
  botUser: APIUser,
  members: APIUser[],
): GatewayGuildCreateDispatchData {
  const humans = members.filter((m) => m.id !== botUser.id);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    // The @everyone role always has the guild's own id.
    roles: [
      buildRole(guild.id, '@everyone', 0, MEMBER_PERMISSIONS),
      buildRole(guild.botRoleId, botUser.username, 1, APP_PERMISSIONS, botUser.id),
    ],
    emojis: [],
    stickers: [],
    features: [] as GuildFeature[],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.textChannelId,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as Locale,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    hub_type: null,
    incidents_data: null,
    // GUILD_CREATE-only fields.
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members: [
      buildMember(botUser, [guild.botRoleId], guild.joinedAt),
      ...humans.map((u) => buildMember(u, [], guild.joinedAt)),
    ],
    channels: [
      buildTextChannel(guild, guild.textChannelId),
      buildTextChannel(guild, guild.helpChannelId, 'help'),
      buildForumChannel(guild),
      buildVoiceChannel(guild),
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Everything `toApiMessage` needs to know about the world around a message. */
export interface MessageContext {
  applicationId: string;
  user(id: string): APIUser;
  /** Interaction that produced the message, for `interaction_metadata`. */
  interaction(id: string): { type: number; userId: string; commandName: string | null } | null;
}

export function toApiMessage(state: MessageState, ctx: MessageContext): APIMessage {
  const author = ctx.user(state.authorId);
  const message: APIMessage = {
    id: state.id,
    channel_id: state.channelId,
    author,
    content: state.content,
    timestamp: new Date(state.createdAt).toISOString(),
    edited_timestamp: state.editedAt === null ? null : new Date(state.editedAt).toISOString(),
    tts: false,
    mention_everyone: state.mentionEveryone ?? false,
    mentions: (state.mentions ?? []).map((id) => ctx.user(id)),
    mention_roles: state.mentionRoles ?? [],
    // Echoed exactly as the bot sent them (validated by limits-check, not retyped).
    attachments: state.attachments as APIMessage['attachments'],
    embeds: state.embeds as APIMessage['embeds'],
    pinned: false,
    type: state.type,
    flags: state.flags,
    components: state.components as APIMessage['components'],
  };
  if (state.reference) message.message_reference = { type: 0, ...state.reference };
  if (state.webhookId) message.webhook_id = state.webhookId;
  if (state.interactionId !== null) {
    // Interaction responses are webhook messages of the application.
    message.webhook_id = ctx.applicationId;
    message.application_id = ctx.applicationId;
    const origin = ctx.interaction(state.interactionId);
    if (origin !== null) {
      const user = ctx.user(origin.userId);
      // The metadata type is a union keyed by interaction type; one literal serves them all.
      message.interaction_metadata = {
        id: state.interactionId,
        type: origin.type,
        user,
        authorizing_integration_owners: { 0: state.guildId ?? '0' },
      } as APIMessage['interaction_metadata'];
    }
  }
  return message;
}
