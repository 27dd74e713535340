import type { APIEmbed } from 'discord.js';
import type { SummaryResult } from '../../answer/index.ts';
import { numbering } from '../numbering.ts';
import { refusalLines } from './ask.ts';
import { descriptionRoom, fitEmbed } from './embed.ts';
import { boldExcerpt, sourceCommand } from './excerpts.ts';
import { DiscordLimits } from './limits.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { fitLines, truncate } from './truncate.ts';
import { COLOR, type CitedSource, type PresentedCitations } from './types.ts';

export function summaryTitle(topic: string | null, documentTitle: string | null): string {
  const about = topic ? ` of “${escapeMarkdown(topic)}”` : '';
  const where = documentTitle ? ` in ${escapeMarkdown(documentTitle)}` : '';
  return truncate(`Summary${about}${where}`, DiscordLimits.embedTitle);
}

/**
 * An extractive summary: sentences quoted verbatim in the material's order, one citation each,
 * then the sources. `titles` maps chunk ids to document titles (the adapter's link buttons show them).
 */
export function presentSummary(result: SummaryResult, documentTitle: string | null = null, titles: ReadonlyMap<string, string> = new Map()): PresentedCitations {
  const title = summaryTitle(result.topic, documentTitle ?? result.document);
  if (!result.answered) {
    const embed: APIEmbed = { color: COLOR.refusal, title };
    embed.description = fitLines(refusalLines(result.refusal, result.suggestions, 'There is nothing to summarize.'), descriptionRoom(embed), {
      more: () => `try ${code('/search')}`,
    }).text;
    return { embeds: [fitEmbed(embed)], sources: [] };
  }
  const numbers = numbering(result.sentences);
  const cited: CitedSource[] = [...numbers].map(([chunkId, n]) => {
    const first = result.sentences.find((s) => s.chunkId === chunkId);
    return { n, chunkId, citation: first?.citation ?? chunkId, title: titles.get(chunkId) ?? first?.citation ?? chunkId, url: first?.url ?? null, quote: first?.text ?? null };
  });
  const sourceLines = cited.map((c) => `[${c.n}] ${escapeMarkdown(c.citation)} — ${code(sourceCommand(c.chunkId))}`);
  const embed: APIEmbed = {
    color: COLOR.answer,
    title,
    fields: [{ name: 'Sources', value: fitLines(sourceLines, DiscordLimits.fieldValue, { more: (n) => `${cited.length - n} more` }).text }],
    footer: { text: 'Sentences quoted word for word from the material, in its order.' },
  };
  const lines = result.sentences.map((s) => `• ${boldExcerpt(s)} [${numbers.get(s.chunkId) ?? '?'}]`);
  embed.description = fitLines(lines, descriptionRoom(embed), {
    more: (shown) => {
      const next = result.sentences[shown];
      return next ? `more: ${code(sourceCommand(next.chunkId))}` : `more: ${code('/search')}`;
    },
  }).text;
  return { embeds: [fitEmbed(embed)], sources: cited };
}
