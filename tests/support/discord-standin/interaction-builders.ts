// Builds complete INTERACTION_CREATE payloads. discord.js reads many fields unconditionally
// (entitlements.reduce, authorizing_integration_owners, app_permissions, member.user, channel ...),
// so everything a real guild interaction carries is filled in.
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandGuildInteraction,
  APIInteraction,
  APIInteractionDataResolvedGuildMember,
  APIMessageApplicationCommandGuildInteraction,
  APIMessageComponentGuildInteraction,
  APIUser,
  GuildMemberFlags,
  Locale,
} from 'discord.js';
import { isRecord } from './limits-check.ts';
import {
  APP_PERMISSIONS,
  MEMBER_PERMISSIONS,
  buildInteractionMember,
  buildTextChannel,
  type GuildInfo,
} from './payloads.ts';
import type {
  AutocompleteInput,
  ChatInputInput,
  InteractionInput,
  InteractionKind,
  MessageCommandInput,
  MessageState,
  OptionInput,
  OptionsInput,
  RegisteredCommand,
} from './types.ts';
import type { World } from './world.ts';

export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;
const CommandType = { ChatInput: 1, Message: 3 } as const;
const OptionType = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5, User: 6, Channel: 7, Number: 10 } as const;
const ComponentType = { Button: 2, StringSelect: 3 } as const;
/** Discord's default upload limit for unboosted guilds (10 MiB). */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export interface BuiltInteraction {
  payload: APIInteraction;
  type: number;
  kind: InteractionKind;
  /** Message a component interaction was on (UPDATE_MESSAGE edits it). */
  componentMessage: MessageState | null;
}

/** The option as it travels on the wire. */
interface WireOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: WireOption[];
}

export function buildInteraction(world: World, input: InteractionInput, id: string, token: string): BuiltInteraction {
  switch (input.kind) {
    case 'chatInput':
    case 'autocomplete':
      return buildCommandInteraction(world, input, id, token);
    case 'button':
    case 'stringSelect':
      return buildComponentInteraction(world, input, id, token);
    case 'messageCommand':
      return buildMessageCommand(world, input, id, token);
  }
}

/** Fields every guild interaction shares. */
function baseFields(world: World, input: InteractionInput, id: string, token: string, channelOverride?: string) {
  const guildId = input.guildId ?? world.guilds[0]?.id;
  const guild = guildId === undefined ? undefined : world.guild(guildId);
  if (guild === undefined) {
    throw new Error(`stand-in: unknown guild ${String(guildId)} (known: ${world.guilds.map((g) => g.id).join(', ')})`);
  }
  const channelId = channelOverride ?? input.channelId ?? guild.textChannelId;
  const channelName = channelId === guild.textChannelId ? 'general' : `channel-${channelId.slice(-4)}`;
  const user = world.user(input.userId ?? world.defaultUserId);
  const memberPermissions = input.memberPermissions ?? MEMBER_PERMISSIONS;
  const locale = (input.locale ?? 'en-US') as Locale;
  return {
    guild,
    user,
    fields: {
      id,
      application_id: world.applicationId,
      token,
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: 'en-US' as Locale, features: [] },
      channel_id: channelId,
      channel: {
        ...buildTextChannel(guild, channelId, channelName),
        permissions: memberPermissions,
      },
      member: buildInteractionMember(user, guild, memberPermissions),
      app_permissions: input.appPermissions ?? APP_PERMISSIONS,
      locale,
      guild_locale: 'en-US' as Locale,
      entitlements: [],
      // Key 0 = GUILD_INSTALL: the app was installed to this guild.
      authorizing_integration_owners: { 0: guild.id },
      context: 0 as const,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    },
  };
}

function optionTypeNumber(type: OptionInput['type']): number {
  switch (type) {
    case 'string':
      return OptionType.String;
    case 'integer':
      return OptionType.Integer;
    case 'number':
      return OptionType.Number;
    case 'boolean':
      return OptionType.Boolean;
    case 'user':
      return OptionType.User;
    case 'channel':
      return OptionType.Channel;
    case 'subcommand':
      return OptionType.Subcommand;
  }
}

function typedWireOption(o: OptionInput): WireOption {
  if (o.type === 'subcommand') return { name: o.name, type: OptionType.Subcommand, options: o.options.map(typedWireOption) };
  const wire: WireOption = { name: o.name, type: optionTypeNumber(o.type), value: o.value };
  if ('focused' in o && o.focused === true) wire.focused = true;
  return wire;
}

/** Every option, subcommands' own included. */
function flatOptions(options: WireOption[]): WireOption[] {
  return options.flatMap((o) => [o, ...flatOptions(o.options ?? [])]);
}

/** A guild channel as an interaction's `resolved.channels` carries it. */
function resolvedChannel(guild: GuildInfo, id: string): { id: string; type: number; name: string; permissions: string } {
  const known: Record<string, [number, string]> = {
    [guild.textChannelId]: [0, 'general'],
    [guild.helpChannelId]: [0, 'help'],
    [guild.forumChannelId]: [15, 'questions'],
    [guild.voiceChannelId]: [2, 'lounge'],
  };
  const [type, name] = known[id] ?? [0, `channel-${id.slice(-4)}`];
  return { id, type, name, permissions: APP_PERMISSIONS };
}

/** Type of an option in a registered command definition, if there is one. */
function registeredOptionType(command: RegisteredCommand | undefined, name: string): number | undefined {
  const found = command?.options?.find((o) => isRecord(o) && o['name'] === name);
  return isRecord(found) && typeof found['type'] === 'number' ? found['type'] : undefined;
}

function toWireOptions(
  options: OptionsInput | undefined,
  command: RegisteredCommand | undefined,
  focusedName: string | undefined,
): WireOption[] {
  if (options === undefined) return [];
  if (Array.isArray(options)) {
    return options.map(typedWireOption);
  }
  return Object.entries(options).map(([name, value]) => {
    const inferred =
      typeof value === 'boolean'
        ? OptionType.Boolean
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? OptionType.Integer
            : OptionType.Number
          : OptionType.String;
    const wire: WireOption = { name, type: registeredOptionType(command, name) ?? inferred, value };
    if (name === focusedName) wire.focused = true;
    return wire;
  });
}

function resolvedMember(world: World, guild: GuildInfo, user: APIUser): APIInteractionDataResolvedGuildMember {
  return {
    roles: [],
    joined_at: guild.joinedAt,
    premium_since: null,
    nick: null,
    avatar: null,
    banner: null,
    pending: false,
    communication_disabled_until: null,
    flags: 0 as GuildMemberFlags,
    permissions: user.id === world.botUser.id ? APP_PERMISSIONS : MEMBER_PERMISSIONS,
  };
}

function buildCommandInteraction(
  world: World,
  input: ChatInputInput | AutocompleteInput,
  id: string,
  token: string,
): BuiltInteraction {
  const { guild, fields } = baseFields(world, input, id, token);
  const command = world.findCommand(input.name, CommandType.ChatInput, guild.id);
  let focused = input.kind === 'autocomplete' ? input.focused : undefined;
  const optionMap = input.options !== undefined && !Array.isArray(input.options) ? input.options : undefined;
  if (input.kind === 'autocomplete' && focused === undefined && optionMap !== undefined) {
    // Default to the first string option: that is what users type into.
    focused = Object.entries(optionMap).find(([, v]) => typeof v === 'string')?.[0];
  }
  const options = toWireOptions(input.options, command, focused);
  if (input.kind === 'autocomplete' && !options.some((o) => o.focused === true)) {
    throw new Error('stand-in: an autocomplete interaction needs one focused option');
  }
  const users: Record<string, APIUser> = {};
  const members: Record<string, APIInteractionDataResolvedGuildMember> = {};
  const channels: Record<string, ReturnType<typeof resolvedChannel>> = {};
  for (const option of flatOptions(options)) {
    if (option.type === OptionType.User && typeof option.value === 'string') {
      const user = world.user(option.value);
      users[user.id] = user;
      members[user.id] = resolvedMember(world, guild, user);
    }
    if (option.type === OptionType.Channel && typeof option.value === 'string') channels[option.value] = resolvedChannel(guild, option.value);
  }
  const data = {
    id: command?.id ?? world.unregisteredCommandId(input.name),
    name: input.name,
    type: CommandType.ChatInput,
    ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
    // WireOption is the union's common shape; the per-type union cannot be built from a loop.
    options: options as APIApplicationCommandInteractionDataOption[],
    ...(Object.keys(users).length > 0 || Object.keys(channels).length > 0
      ? { resolved: { ...(Object.keys(users).length > 0 ? { users, members } : {}), ...(Object.keys(channels).length > 0 ? { channels } : {}) } }
      : {}),
  };
  if (input.kind === 'autocomplete') {
    const payload: APIApplicationCommandAutocompleteGuildInteraction = {
      ...fields,
      type: InteractionType.Autocomplete,
      data: data as APIApplicationCommandAutocompleteGuildInteraction['data'],
    };
    return { payload, type: InteractionType.Autocomplete, kind: input.kind, componentMessage: null };
  }
  const payload: APIChatInputApplicationCommandGuildInteraction = {
    ...fields,
    type: InteractionType.ApplicationCommand,
    data,
  };
  return { payload, type: InteractionType.ApplicationCommand, kind: input.kind, componentMessage: null };
}

/** Walks a message's components (rows, and V2 containers) to find the one with a custom_id. */
function findComponent(components: unknown[], customId: string): Record<string, unknown> | undefined {
  for (const component of components) {
    if (!isRecord(component)) continue;
    if (component['custom_id'] === customId) return component;
    const nested = [
      ...(Array.isArray(component['components']) ? component['components'] : []),
      ...(component['accessory'] === undefined ? [] : [component['accessory']]),
    ];
    const found = findComponent(nested, customId);
    if (found !== undefined) return found;
  }
  return undefined;
}

function buildComponentInteraction(
  world: World,
  input: Extract<InteractionInput, { kind: 'button' | 'stringSelect' }>,
  id: string,
  token: string,
): BuiltInteraction {
  const message = world.messages.get(input.messageId);
  if (message === undefined || message.deleted) {
    const hint = 'it must be a reply or follow-up recorded earlier';
    throw new Error(`stand-in: no message ${input.messageId} to click on (${hint})`);
  }
  // A user can only use components that are on the message and enabled.
  const component = findComponent(message.components, input.customId);
  const expectedType = input.kind === 'button' ? ComponentType.Button : ComponentType.StringSelect;
  if (component === undefined || component['type'] !== expectedType) {
    throw new Error(`stand-in: message ${message.id} has no ${input.kind} with custom_id ${JSON.stringify(input.customId)}`);
  }
  if (component['disabled'] === true) {
    throw new Error(`stand-in: ${input.kind} ${JSON.stringify(input.customId)} is disabled; a user cannot use it`);
  }
  const { fields } = baseFields(world, input, id, token, message.channelId);
  const data =
    input.kind === 'button'
      ? { custom_id: input.customId, component_type: ComponentType.Button }
      : { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values };
  // One literal for buttons and selects; the type is a union discriminated inside `data`.
  const payload = {
    ...fields,
    type: InteractionType.MessageComponent,
    data,
    message: world.apiMessage(message),
  } as APIMessageComponentGuildInteraction;
  return { payload, type: InteractionType.MessageComponent, kind: input.kind, componentMessage: message };
}

function buildMessageCommand(world: World, input: MessageCommandInput, id: string, token: string): BuiltInteraction {
  const { guild, fields } = baseFields(world, input, id, token);
  let target: MessageState;
  if ('messageId' in input.target) {
    const found = world.messages.get(input.target.messageId);
    if (found === undefined || found.deleted) throw new Error(`stand-in: no message ${input.target.messageId} to target`);
    target = found;
  } else {
    // A message some user wrote in the channel.
    target = world.newMessage({
      channelId: fields.channel_id,
      guildId: guild.id,
      authorId: input.target.authorId ?? world.defaultUserId,
      interactionId: null,
      type: 0,
    });
    target.content = input.target.content;
  }
  const command = world.findCommand(input.name, CommandType.Message, guild.id);
  const payload: APIMessageApplicationCommandGuildInteraction = {
    ...fields,
    type: InteractionType.ApplicationCommand,
    data: {
      id: command?.id ?? world.unregisteredCommandId(input.name),
      name: input.name,
      type: CommandType.Message,
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
      target_id: target.id,
      resolved: { messages: { [target.id]: world.apiMessage(target) } },
    },
  };
  return { payload, type: InteractionType.ApplicationCommand, kind: input.kind, componentMessage: null };
}
