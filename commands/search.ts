import { ButtonStyle, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { search, type SearchResult } from '../src/answer/index.ts';
import { actionButton, rowsOf } from '../src/discord/components.ts';
import type { BotContext, ButtonHandler, ChatInputCommandModule } from '../src/discord/context.ts';
import { controlsOn, withControls } from '../src/discord/controls.ts';
import { CustomIdPrefix, encodeCustomId } from '../src/discord/custom-id.ts';
import { answerOf, deliver, noticeOf } from '../src/discord/deliver.ts';
import { documentRef, resolveDocumentRef } from '../src/discord/refs.ts';
import { bodyOfMessage, type ButtonRow, type ReplyBody } from '../src/discord/reply-body.ts';
import { documentChoices } from '../src/discord/suggest.ts';
import { notice, onlyAskerNotice, pageOf, presentSearch, SEARCH_PAGE_SIZE, unknownDocumentNotice } from '../src/present/discord/index.ts';
import type { KnowledgeBase } from '../src/search/index.ts';
import { audienceOf, MAX_OPTION_TEXT, mentionOption, privateOption } from './options.ts';

const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Paragraphs that mention your words, best first, with their best sentences')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('query').setDescription('Words to look for').setRequired(true).setMaxLength(MAX_OPTION_TEXT))
  .addStringOption((o) => o.setName('document').setDescription('Only this document').setAutocomplete(true))
  .addBooleanOption(privateOption)
  .addUserOption(mentionOption);

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

/** `page:<askerId>:<offset>:<documentRef>:<query>` or `page:<askerId>:<offset>:~<key>`. */
export function pageCustomId(state: PageState, offset: number): string | null {
  const head = [state.askerId, String(offset)];
  if (state.target.kind === 'stored') return encodeCustomId(CustomIdPrefix.page, [...head, `~${state.target.key}`]);
  return encodeCustomId(CustomIdPrefix.page, [...head, state.target.document === null ? '' : documentRef(state.target.document), state.target.query]);
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

/** Previous/Next, when there is more than one page. */
export function pageRows(result: Pick<SearchResult, 'offset' | 'limit' | 'total' | 'hits'>, state: PageState): ButtonRow[] {
  if (pageOf(result).pages <= 1) return [];
  const previous = pageCustomId(state, Math.max(0, result.offset - result.limit));
  const next = pageCustomId(state, result.offset + result.limit);
  if (previous === null || next === null) return [];
  return rowsOf([
    actionButton('◀ Previous', previous, ButtonStyle.Secondary, result.offset === 0),
    actionButton('Next ▶', next, ButtonStyle.Secondary, result.offset + result.hits.length >= result.total),
  ]);
}

/** One page of results for the asker's search, with its page buttons (not yet the reply's own controls). */
function page(kb: KnowledgeBase, ctx: BotContext, askerId: string, query: string, document: string | null, offset: number, storedKey?: string): ReplyBody {
  const result = search(kb, query, { limit: SEARCH_PAGE_SIZE, offset, ...(document ? { document } : {}) });
  // The query rides in the buttons' custom ids when it fits; a long one is kept by the bot.
  const state: PageState =
    storedKey !== undefined
      ? { askerId, target: { kind: 'stored', key: storedKey } }
      : fitsInline(askerId, query, document, result.total)
        ? { askerId, target: { kind: 'inline', query, document } }
        : { askerId, target: { kind: 'stored', key: ctx.searches.put({ query, document }) } };
  const presented = presentSearch(result, document ? (kb.documentById.get(document)?.title ?? document) : null);
  return { ...presented, components: pageRows(result, state) };
}

/** Previous/Next: only the person who searched turns the pages; everyone else is told so privately. */
const turnPage: ButtonHandler = async (interaction, reply, ctx, parts) => {
  const parsed = parsePageParts(parts);
  if (!parsed) {
    await reply.notice(notice('This button no longer works; run /search again.'));
    return;
  }
  if (interaction.user.id !== parsed.askerId) {
    await reply.notice(onlyAskerNotice(parsed.askerId, 'turn the pages of this search'));
    return;
  }
  // After a restart the material may still be loading: acknowledge the click first (Discord's 3 s).
  if (ctx.knowledge.current === null) await reply.deferUpdate();
  const kb = ctx.knowledge.current ?? (await ctx.knowledge.get());
  let query: string;
  let document: string | null;
  if (parsed.target.kind === 'stored') {
    const stored = ctx.searches.get(parsed.target.key);
    if (!stored) {
      await reply.notice(notice('This search is too old to page through; run /search again.'));
      return;
    }
    ({ query, document } = stored);
  } else {
    query = parsed.target.query;
    document = parsed.target.document === null ? null : resolveDocumentRef(kb, parsed.target.document);
  }
  const current = bodyOfMessage(interaction.message);
  const storedKey = parsed.target.kind === 'stored' ? parsed.target.key : undefined;
  const next = page(kb, ctx, parsed.askerId, query, document, parsed.offset, storedKey);
  // Keep the message's mention and its own controls (publish or delete) as they were.
  await reply.update(withControls({ ...next, content: current.content ?? '' }, controlsOn(current.components)));
};

export const searchCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  help: {
    usage: '/search query [document] [private] [mention]',
    description: 'Lists the paragraphs that mention your words, best first, five to a page, with their best sentences.',
    example: '/search query: export controls',
  },
  async execute(interaction, reply, ctx) {
    const query = interaction.options.getString('query', true);
    const documentInput = interaction.options.getString('document');
    const audience = audienceOf(interaction, ctx.settings);
    await deliver(interaction, reply, ctx, audience, (kb) => {
      const document = documentInput ? resolveDocumentRef(kb, documentInput.trim()) : null;
      if (document !== null && !kb.documentById.has(document)) return noticeOf(unknownDocumentNotice(documentInput ?? ''));
      return answerOf(page(kb, ctx, interaction.user.id, query, document, 0));
    });
  },
  autocomplete(interaction, ctx) {
    const kb = ctx.knowledge.current;
    return kb ? documentChoices(kb, interaction.options.getFocused()) : [];
  },
  buttons: { [CustomIdPrefix.page]: turnPage },
};
