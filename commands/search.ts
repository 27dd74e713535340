import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { search } from '../src/answer/index.ts';
import { answer, answerOf, noticeOf } from '../src/discord/answer.ts';
import type { BotContext, ButtonHandler, ChatInputCommandModule } from '../src/discord/context.ts';
import { controlsOn } from '../src/discord/controls.ts';
import { MAX_OPTION_TEXT } from '../src/discord/limits.ts';
import { bodyOfMessage } from '../src/discord/message-body.ts';
import { documentChoices } from '../src/discord/suggest.ts';
import {
  CustomIdPrefix,
  fitsInline,
  notice,
  onlyAskerNotice,
  parsePageParts,
  presentSearch,
  resolveDocumentRef,
  SEARCH_PAGE_SIZE,
  withControls,
  code,
  type PageState,
  type ReplyBody,
} from '../src/present/discord/index.ts';
import type { KnowledgeBase } from '../src/search/index.ts';
import { audienceOf, mentionOption, privateOption } from './options.ts';

const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Paragraphs that mention your words, best first, with their best sentences')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('query').setDescription('Words to look for').setRequired(true).setMaxLength(MAX_OPTION_TEXT))
  .addStringOption((o) => o.setName('document').setDescription('Only this document').setAutocomplete(true))
  .addBooleanOption(privateOption)
  .addUserOption(mentionOption);

export function unknownDocument(input: string): ReplyBody {
  return notice(`There is no document “${input}”. Pick one from the list as you type, or see ${code('/documents')}.`);
}

/** One page of results for the asker's search, as a reply body (without the reply's own controls). */
function page(kb: KnowledgeBase, ctx: BotContext, askerId: string, query: string, document: string | null, offset: number, storedKey?: string): ReplyBody {
  const result = search(kb, query, { limit: SEARCH_PAGE_SIZE, offset, ...(document ? { document } : {}) });
  // The query rides in the buttons' custom ids when it fits; a long one is kept by the bot.
  const state: PageState =
    storedKey !== undefined
      ? { askerId, target: { kind: 'stored', key: storedKey } }
      : fitsInline(askerId, query, document, result.total)
        ? { askerId, target: { kind: 'inline', query, document } }
        : { askerId, target: { kind: 'stored', key: ctx.searches.put({ query, document }) } };
  return presentSearch(result, state, document ? (kb.documentById.get(document)?.title ?? document) : null);
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
    await answer(interaction, reply, ctx, audience, (kb) => {
      const document = documentInput ? resolveDocumentRef(kb, documentInput.trim()) : null;
      if (document !== null && !kb.documentById.has(document)) return noticeOf(unknownDocument(documentInput ?? ''));
      return answerOf(page(kb, ctx, interaction.user.id, query, document, 0));
    });
  },
  autocomplete(interaction, ctx) {
    const kb = ctx.knowledge.current;
    return kb ? documentChoices(kb, interaction.options.getFocused()) : [];
  },
  buttons: { [CustomIdPrefix.page]: turnPage },
};
