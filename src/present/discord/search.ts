import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Passage, SearchResult } from '../../answer/index.ts';
import { fitEmbed } from './embed.ts';
import { boldExcerpt, sourceCommand } from './excerpts.ts';
import { DiscordLimits } from './limits.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { truncate } from './truncate.ts';
import { COLOR, type Presented } from './types.ts';

/** Hits on one page: five fields of up to ~1000 characters stay within the 6000 of an embed. */
export const SEARCH_PAGE_SIZE = 5;

function hitField(hit: Passage, n: number, room: number): APIEmbedField {
  const crumb = hit.chunk.breadcrumb.length > 0 ? ` › ${hit.chunk.breadcrumb.join(' › ')}` : '';
  const pointer = code(sourceCommand(hit.chunk.id));
  const excerpts = hit.excerpts.map(boldExcerpt).join(' … ') || escapeMarkdown(hit.chunk.text);
  const value = `${truncate(excerpts, Math.max(1, room - pointer.length - 1), 'more:')}\n${pointer}`;
  return { name: truncate(`${n}. ${escapeMarkdown(hit.chunk.citation + crumb)}`, DiscordLimits.fieldName), value };
}

/** The number of pages of a search, and which one `result` is (1-based). */
export function pageOf(result: Pick<SearchResult, 'offset' | 'limit' | 'total'>): { page: number; pages: number } {
  return { page: Math.floor(result.offset / result.limit) + 1, pages: Math.ceil(result.total / result.limit) };
}

/** One page of ranked hits with their best sentences (the adapter adds Previous/Next). */
export function presentSearch(result: SearchResult, documentTitle: string | null = null): Presented {
  const scope = documentTitle ? ` in ${escapeMarkdown(documentTitle)}` : '';
  const title = truncate(`Search: ${escapeMarkdown(result.query.replace(/\s+/gu, ' ').trim())}`, DiscordLimits.embedTitle);
  if (result.total === 0 || result.hits.length === 0) {
    const description =
      result.total === 0
        ? `No paragraph${scope} matches these words. Try fewer or different words, or ${code('/documents')} to see what is indexed.`
        : `There are only ${result.total} matching paragraphs; this page is past the end.`;
    return { embeds: [fitEmbed({ color: COLOR.refusal, title, description })] };
  }
  const first = result.offset + 1;
  const last = result.offset + result.hits.length;
  const { page, pages } = pageOf(result);
  const description = `${result.total} paragraph${result.total === 1 ? '' : 's'}${scope} match, best first (showing ${first}–${last}).`;
  // Share what the title and description leave of the 6000 evenly among the hits.
  const room = Math.floor((DiscordLimits.embedTotal - title.length - description.length - 100) / result.hits.length) - DiscordLimits.fieldName;
  const fields = result.hits.map((hit, i) => hitField(hit, result.offset + i + 1, Math.min(DiscordLimits.fieldValue, Math.max(200, room))));
  const embed: APIEmbed = {
    color: COLOR.answer,
    title,
    description,
    fields,
    ...(pages > 1 ? { footer: { text: `Page ${page} of ${pages}` } } : {}),
  };

  return { embeds: [fitEmbed(embed)] };
}
