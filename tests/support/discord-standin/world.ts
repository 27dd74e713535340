// The stand-in's view of "Discord": the application, its bot user, guilds, users, messages and the
// registered commands. REST, gateway and interaction code all read and write this one object.
import type { APIUser } from 'discord.js';
import {
  DEFAULT_APPLICATION_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_USER_ID,
  buildUser,
  makeGuildInfo,
  toApiMessage,
  type GuildInfo,
  type MessageContext,
} from './payloads.ts';
import { SnowflakeFactory, snowflakeAt } from './snowflake.ts';
import type { MessageState, RegisteredCommand } from './types.ts';

export interface InteractionOrigin {
  type: number;
  userId: string;
  commandName: string | null;
}

export class World {
  readonly snowflakes = new SnowflakeFactory();
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly defaultUserId = DEFAULT_USER_ID;
  readonly guilds: GuildInfo[];
  readonly users = new Map<string, APIUser>();
  readonly messages = new Map<string, MessageState>();
  readonly commands: { global: RegisteredCommand[]; guild: Map<string, RegisteredCommand[]> } = {
    global: [],
    guild: new Map(),
  };
  /** Filled by the interaction store so messages can carry interaction_metadata. */
  originOf: (interactionId: string) => InteractionOrigin | null = () => null;

  constructor(applicationId = DEFAULT_APPLICATION_ID, guildIds: string[] = [DEFAULT_GUILD_ID]) {
    // discord.js parses ids with BigInt; catch a bad test option here rather than deep inside it.
    for (const id of [applicationId, ...guildIds]) {
      if (!/^\d{1,20}$/.test(id)) throw new Error(`stand-in: ids must be numeric snowflakes, got ${JSON.stringify(id)}`);
    }
    this.applicationId = applicationId;
    // Modern applications share their id with their bot user.
    this.botUser = buildUser(applicationId, true);
    this.users.set(this.botUser.id, this.botUser);
    this.users.set(DEFAULT_USER_ID, buildUser(DEFAULT_USER_ID, false));
    this.guilds = guildIds.map((id, i) => makeGuildInfo(id, i, DEFAULT_USER_ID));
  }

  /** Any numeric id works as a user: unknown ones are made up on first use. */
  user(id: string): APIUser {
    let user = this.users.get(id);
    if (user === undefined) {
      user = buildUser(id, false);
      this.users.set(id, user);
    }
    return user;
  }

  guild(id: string): GuildInfo | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  /** Users every GUILD_CREATE lists as members: the bot and the fixed user. */
  guildMembers(): APIUser[] {
    return [this.botUser, this.user(DEFAULT_USER_ID)];
  }

  /** An empty message with a fresh id, not yet stored (an interaction response commits it later). */
  blankMessage(init: Pick<MessageState, 'channelId' | 'guildId' | 'authorId' | 'interactionId' | 'type'>): MessageState {
    const now = Date.now();
    return {
      id: this.snowflakes.next(now),
      ...init,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      allowed_mentions: undefined,
      createdAt: now,
      editedAt: null,
      deleted: false,
    };
  }

  newMessage(init: Pick<MessageState, 'channelId' | 'guildId' | 'authorId' | 'interactionId' | 'type'>): MessageState {
    const state = this.blankMessage(init);
    this.messages.set(state.id, state);
    return state;
  }

  messageContext(): MessageContext {
    return {
      applicationId: this.applicationId,
      user: (id) => this.user(id),
      interaction: (id) => this.originOf(id),
    };
  }

  apiMessage(state: MessageState): ReturnType<typeof toApiMessage> {
    return toApiMessage(state, this.messageContext());
  }

  /** Finds a registered command by name: the guild's own first, then global ones. */
  findCommand(name: string, type: number, guildId: string | null): RegisteredCommand | undefined {
    const guildCommands = guildId === null ? [] : (this.commands.guild.get(guildId) ?? []);
    return [...guildCommands, ...this.commands.global].find((c) => c.name === name && c.type === type);
  }

  /** A stable id for an unregistered command, so repeated dispatches look like the same command. */
  unregisteredCommandId(name: string): string {
    let hash = 0;
    for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) & 0xfff;
    return snowflakeAt(Date.UTC(2022, 0, 1), hash, 4);
  }
}
