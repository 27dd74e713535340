import type { APIEmbed } from 'discord.js';
import { fitEmbed } from './embed.ts';
import { DiscordLimits } from './limits.ts';
import { code } from './markdown.ts';
import { truncate } from './truncate.ts';
import { COLOR, type Presented } from './types.ts';

export interface HelpEntry {
  /** How it is invoked: "/ask" or "Ask Footnote (message menu › Apps)". */
  usage: string;
  description: string;
  example: string;
}

/** What each command does, with an example. Entries are the bot's own text, not material. */
export function presentHelp(entries: readonly HelpEntry[], notes: readonly string[] = []): Presented {
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: 'Footnote',
    description: [
      'Answers questions about the documents it was given, quoting them word for word with a citation for every sentence.',
      ...notes,
    ].join('\n'),
    fields: entries.slice(0, DiscordLimits.fieldsPerEmbed).map((e) => ({
      name: truncate(e.usage, DiscordLimits.fieldName),
      value: truncate(`${e.description}\nExample: ${code(e.example)}`, DiscordLimits.fieldValue),
    })),
  };
  return { embeds: [fitEmbed(embed)] };
}
