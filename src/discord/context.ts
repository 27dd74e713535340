import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../log.ts';
import type { HelpEntry } from '../present/discord/index.ts';
import type { Choice } from './choices.ts';
import type { ChannelSettingsStore } from './channel-settings.ts';
import type { BotSettings } from './config.ts';
import type { QuestionLog } from '../store/index.ts';
import type { KnowledgeHolder } from './knowledge.ts';
import type { LearnedAnswers } from './learned-answers.ts';
import type { Responder } from './responder.ts';
import type { StateStore } from './state-store.ts';

/** A search that did not fit into its page buttons' custom ids. */
export interface StoredSearch {
  query: string;
  document: string | null;
}

/** What every handler may use; built once per bot. */
export interface BotContext {
  knowledge: KnowledgeHolder;
  settings: BotSettings;
  log: Logger;
  now: () => number;
  searches: StateStore<StoredSearch>;
  /** Per-server settings kept between runs: the help channels Footnote answers in on its own. */
  channels: ChannelSettingsStore;
  /** Every question asked and what was answered, and the votes on answers; writes in the background. */
  questions: QuestionLog;
  /** What the team's votes taught the engine. */
  learning: LearnedAnswers;
  /** Days the question log keeps a question (0: for ever); older answers take no votes. */
  logDays: number;
  /** Every command the bot serves, for /help. */
  commands: readonly CommandModule[];
  /** Under `start:sharded`: tells the other shards that /reload changed the material here. */
  announceReload?: () => void;
  /** Override deliver.ts's FIRST_RESPONSE_BUDGET_MS: how late an interaction may arrive and still be answered directly. */
  firstResponseBudgetMs?: number;
}

/** A command definition as a builder or its JSON: what `deploy-commands` registers. */
export type CommandData = RESTPostAPIApplicationCommandsJSONBody | { readonly name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };

export function commandJson(data: CommandData): RESTPostAPIApplicationCommandsJSONBody {
  return 'toJSON' in data ? data.toJSON() : data;
}

/**
 * A button's handler, found by the custom id's prefix; `parts` are the id's decoded parts after
 * the prefix (see custom-id.ts).
 */
export type ButtonHandler = (interaction: ButtonInteraction, reply: Responder, ctx: BotContext, parts: string[]) => Promise<void>;

/** Autocomplete must answer within `deadline` (a `ctx.now()` time); past it, echo what was typed. */
export type AutocompleteHandler = (interaction: AutocompleteInteraction, ctx: BotContext, deadline: number) => Choice[] | Promise<Choice[]>;

interface CommandBase {
  data: CommandData;
  /** For /help; commands without it are not listed. */
  help?: HelpEntry;
  /** Whether the per-person cooldown applies (default true; off for cheap, static commands). */
  cooldown?: boolean;
  buttons?: Readonly<Record<string, ButtonHandler>>;
}

export interface ChatInputCommandModule extends CommandBase {
  kind: 'chatInput';
  execute(interaction: ChatInputCommandInteraction, reply: Responder, ctx: BotContext): Promise<void>;
  autocomplete?: AutocompleteHandler;
}

export interface MessageCommandModule extends CommandBase {
  kind: 'message';
  execute(interaction: MessageContextMenuCommandInteraction, reply: Responder, ctx: BotContext): Promise<void>;
}

export type CommandModule = ChatInputCommandModule | MessageCommandModule;

export function commandName(module: CommandModule): string {
  return commandJson(module.data).name;
}
