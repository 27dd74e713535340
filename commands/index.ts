import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { commandJson, type CommandModule } from '../src/discord/context.ts';
import { askMessageCommand } from './ask-message.ts';
import { askCommand } from './ask.ts';
import { documentsCommand } from './documents.ts';
import { forgetMeCommand } from './forget-me.ts';
import { helpCommand } from './help.ts';
import { questionsCommand } from './questions.ts';
import { reloadCommand } from './reload.ts';
import { searchCommand } from './search.ts';
import { settingsCommand } from './settings.ts';
import { sourceCommand } from './source.ts';
import { summaryCommand } from './summary.ts';

/**
 * The single list of Footnote's commands: the bot routes interactions by it and
 * `deploy-commands` registers it, so the two cannot drift apart. /help lists them in this order.
 */
export const commands: readonly CommandModule[] = [
  askCommand,
  searchCommand,
  summaryCommand,
  sourceCommand,
  documentsCommand,
  reloadCommand,
  settingsCommand,
  questionsCommand,
  forgetMeCommand,
  askMessageCommand,
  helpCommand,
];

/** The JSON that `deploy-commands` PUTs: every command's definition. */
export function commandDefinitions(list: readonly CommandModule[] = commands): RESTPostAPIApplicationCommandsJSONBody[] {
  return list.map((c) => commandJson(c.data));
}
