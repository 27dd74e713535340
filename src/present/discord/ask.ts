import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AskResult, Passage } from '../../answer/index.ts';
import { numbering } from '../numbering.ts';
import { descriptionRoom, fitEmbed } from './embed.ts';
import { boldExcerpt, quote, sourceCommand } from './excerpts.ts';
import { DiscordLimits } from './limits.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { fitLines, truncate } from './truncate.ts';
import { COLOR, type CitedSource, type PresentedCitations } from './types.ts';

const MAX_SOURCES = 10;

export function questionTitle(query: string): string {
  return truncate(escapeMarkdown(query.replace(/\s+/gu, ' ').trim() || 'Question'), DiscordLimits.embedTitle);
}

/** "Topics the material does cover" and where to look next: shared by every refusal. */
export function refusalLines(refusal: string | null, suggestions: readonly string[], fallback: string): string[] {
  const lines = [escapeMarkdown(refusal ?? fallback)];
  if (suggestions.length > 0) {
    lines.push('', '**Topics the material does cover**', ...suggestions.map((s) => `• ${escapeMarkdown(s)}`));
  }
  lines.push('', `Try ${code('/search')} for paragraphs that mention your words, or ${code('/documents')} to see what is indexed.`);
  return lines;
}

function sourceField(c: CitedSource, passage: Passage | undefined): APIEmbedField {
  const crumb = passage && passage.chunk.breadcrumb.length > 0 ? `${escapeMarkdown(passage.chunk.breadcrumb.join(' › '))}\n` : '';
  return {
    name: truncate(`[${c.n}] ${escapeMarkdown(c.citation)}`, DiscordLimits.fieldName),
    value: truncate(`${crumb}${code(sourceCommand(c.chunkId))}`, DiscordLimits.fieldValue),
  };
}

/**
 * The cited answer: the answering sentences verbatim with the question's words in bold and a
 * [n] after each, then the sources (title, ¶N, headings); `sources` lets the adapter add buttons
 * to open each source and show its whole paragraph. When the material does not answer, says so
 * and offers the topics it does cover.
 */
export function presentAsk(result: AskResult): PresentedCitations {
  const title = questionTitle(result.query);
  if (!result.answered) {
    const embed: APIEmbed = { color: COLOR.refusal, title };
    const lines = refusalLines(result.refusal, result.suggestions, 'The material does not answer this question.');
    embed.description = fitLines(lines, descriptionRoom(embed), { more: () => `try ${code('/search')}` }).text;
    return { embeds: [fitEmbed(embed)], sources: [] };
  }

  const numbers = numbering(result.answer);
  const passageOf = (id: string) => result.passages.find((p) => p.chunk.id === id);
  const cited: CitedSource[] = [...numbers].slice(0, MAX_SOURCES).map(([chunkId, n]) => {
    const first = result.answer.find((e) => e.chunkId === chunkId);
    const chunk = passageOf(chunkId)?.chunk;
    return { n, chunkId, citation: first?.citation ?? chunkId, title: chunk?.title ?? first?.citation ?? chunkId, url: first?.url ?? null, quote: first?.text ?? null };
  });

  const fields: APIEmbedField[] = cited.map((c) => sourceField(c, passageOf(c.chunkId)));
  const more = result.passages.filter((p) => !numbers.has(p.chunk.id));
  if (more.length > 0) {
    const lines = more.map((p) => `• ${escapeMarkdown(p.chunk.citation)} — ${code(sourceCommand(p.chunk.id))}`);
    fields.push({ name: 'See also', value: fitLines(lines, DiscordLimits.fieldValue, { more: (n) => `${more.length - n} more: ${code('/search')}` }).text });
  }
  const embed: APIEmbed = {
    color: COLOR.answer,
    title,
    fields: fields.slice(0, DiscordLimits.fieldsPerEmbed),
    footer: { text: 'Quoted word for word from the material; bold words are from your question.' },
  };
  const lines = result.answer.map((e) => quote(`${boldExcerpt(e)} [${numbers.get(e.chunkId) ?? '?'}]`));
  const omittedPointer = (shown: number) => {
    const next = result.answer[shown];
    return next ? `more: ${code(sourceCommand(next.chunkId))}` : `more: ${code('/search')}`;
  };
  embed.description = fitLines(lines, descriptionRoom(embed), { separator: '\n\n', more: omittedPointer }).text;
  return { embeds: [fitEmbed(embed)], sources: cited };
}
