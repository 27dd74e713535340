import { ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Passage, SearchResult } from '../../answer/index.ts';
import { DiscordLimits } from '../../discord/limits.ts';
import { actionButton, rowsOf } from './components.ts';
import { CustomIdPrefix, encodeCustomId } from './custom-id.ts';
import { boldExcerpt, sourceCommand } from './excerpts.ts';
import { fitEmbed } from './layout.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { refFor } from './refs.ts';
import { truncate } from './truncate.ts';
import { COLOR, type ReplyBody } from './types.ts';

/** Hits on one page: five fields of up to ~1000 characters stay within the 6000 of an embed. */
export const SEARCH_PAGE_SIZE = 5;

/**
 * What a page button must remember: the query and document, written into the custom id when
 * they fit, or a key to where the bot keeps them when they do not (a long query).
 */
export type PageTarget = { kind: 'inline'; query: string; document: string | null } | { kind: 'stored'; key: string };

export interface PageState {
  /** Only this person may turn the pages. */
  askerId: string;
  target: PageTarget;
}

export function pageCustomId(state: PageState, offset: number): string | null {
  const head = [state.askerId, String(offset)];
  if (state.target.kind === 'stored') return encodeCustomId(CustomIdPrefix.page, [...head, `~${state.target.key}`]);
  return encodeCustomId(CustomIdPrefix.page, [...head, state.target.document === null ? '' : refFor(state.target.document), state.target.query]);
}

/** Whether the query and document fit into a page button's custom id for every offset up to `total`. */
export function fitsInline(askerId: string, query: string, document: string | null, total: number): boolean {
  return pageCustomId({ askerId, target: { kind: 'inline', query, document } }, Math.max(total, 10_000)) !== null;
}

export interface ParsedPage {
  askerId: string;
  offset: number;
  /** For `inline`, `document` is a document reference (see refs.ts), to be resolved. */
  target: PageTarget;
}

export function parsePageParts(parts: readonly string[]): ParsedPage | null {
  const [askerId, offsetText, third, ...rest] = parts;
  const offset = Number(offsetText);
  if (!askerId || !Number.isInteger(offset) || offset < 0 || third === undefined) return null;
  // Stored targets have no query part; an inline one always has (possibly with a `~` document ref).
  if (third.startsWith('~') && rest.length === 0) {
    return { askerId, offset, target: { kind: 'stored', key: third.slice(1) } };
  }
  return { askerId, offset, target: { kind: 'inline', document: third === '' ? null : third, query: rest.join(':') } };
}

function hitField(hit: Passage, n: number, room: number): APIEmbedField {
  const crumb = hit.chunk.breadcrumb.length > 0 ? ` › ${hit.chunk.breadcrumb.join(' › ')}` : '';
  const pointer = code(sourceCommand(hit.chunk.id));
  const excerpts = hit.excerpts.map(boldExcerpt).join(' … ') || escapeMarkdown(hit.chunk.text);
  const value = `${truncate(excerpts, Math.max(1, room - pointer.length - 1), 'more:')}\n${pointer}`;
  return { name: truncate(`${n}. ${escapeMarkdown(hit.chunk.citation + crumb)}`, DiscordLimits.fieldName), value };
}

/**
 * One page of ranked hits with their best sentences, and Previous/Next buttons that only the
 * person who searched can use.
 */
export function presentSearch(result: SearchResult, state: PageState, documentTitle: string | null = null): ReplyBody {
  const scope = documentTitle ? ` in ${escapeMarkdown(documentTitle)}` : '';
  const title = truncate(`Search: ${escapeMarkdown(result.query.replace(/\s+/gu, ' ').trim())}`, DiscordLimits.embedTitle);
  if (result.total === 0 || result.hits.length === 0) {
    const description =
      result.total === 0
        ? `No paragraph${scope} matches these words. Try fewer or different words, or ${code('/documents')} to see what is indexed.`
        : `There are only ${result.total} matching paragraphs; this page is past the end.`;
    return { embeds: [fitEmbed({ color: COLOR.refusal, title, description })], components: [] };
  }
  const first = result.offset + 1;
  const last = result.offset + result.hits.length;
  const pages = Math.ceil(result.total / result.limit);
  const page = Math.floor(result.offset / result.limit) + 1;
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

  const components = [];
  if (pages > 1) {
    const previous = pageCustomId(state, Math.max(0, result.offset - result.limit));
    const next = pageCustomId(state, result.offset + result.limit);
    if (previous !== null && next !== null) {
      components.push(
        ...rowsOf([
          actionButton('◀ Previous', previous, ButtonStyle.Secondary, result.offset === 0),
          actionButton('Next ▶', next, ButtonStyle.Secondary, last >= result.total),
        ]),
      );
    }
  }
  return { embeds: [fitEmbed(embed)], components };
}
