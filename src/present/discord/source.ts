import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { SourceResult } from '../../answer/index.ts';
import type { Chunk } from '../../knowledge/index.ts';
import { fitEmbed } from './embed.ts';
import { sourceCommand } from './excerpts.ts';
import { DiscordLimits } from './limits.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { truncate } from './truncate.ts';
import { linkableUrl } from './url.ts';
import { COLOR, type Presented } from './types.ts';

function paragraphLabel(chunk: Chunk): string {
  return chunk.paragraph > 0 ? `¶${chunk.paragraph}` : 'credit';
}

function neighbourField(label: string, chunk: Chunk): APIEmbedField {
  const pointer = code(sourceCommand(chunk.id));
  return {
    name: `${label} (${paragraphLabel(chunk)})`,
    value: `${truncate(escapeMarkdown(chunk.text), DiscordLimits.fieldValue - pointer.length - 1, 'more:')}\n${pointer}`,
  };
}

/**
 * A paragraph in full (as far as Discord allows; the rest is a link away), with the paragraphs
 * before and after it when `neighbours` is set. The adapter adds the "Open source" button.
 */
export function presentSource(result: SourceResult, options: { neighbours?: boolean } = {}): Presented {
  const { chunk } = result;
  const neighbours = options.neighbours ?? true;
  const url = linkableUrl(chunk.url, DiscordLimits.embedUrl);
  const fields: APIEmbedField[] = [];
  if (neighbours && result.before) fields.push(neighbourField('Before', result.before));
  if (neighbours && result.after) fields.push(neighbourField('After', result.after));
  const crumb = chunk.breadcrumb.length > 0 ? `*${escapeMarkdown(chunk.breadcrumb.join(' › '))}*\n\n` : '';
  const rest = linkableUrl(chunk.url) ? 'the rest is in the source (button below)' : `the rest is in the document ${code(chunk.document)}`;
  const neighboursSize = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(DiscordLimits.embedDescription, DiscordLimits.embedTotal - 600 - neighboursSize);
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: truncate(escapeMarkdown(chunk.citation), DiscordLimits.embedTitle),
    ...(url ? { url } : {}),
    description: truncate(`${crumb}${escapeMarkdown(chunk.text)}`, room, rest),
    ...(fields.length > 0 ? { fields } : {}),
    footer: { text: `${chunk.id} · quoted word for word` },
  };
  return { embeds: [fitEmbed(embed)] };
}
