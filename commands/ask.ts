import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { ask, source, type AskResult } from '../src/answer/index.ts';
import type { ButtonHandler, ChatInputCommandModule } from '../src/discord/context.ts';
import { CustomIdPrefix } from '../src/discord/custom-id.ts';
import { answerOf, deliver, noticeOf, type Outcome } from '../src/discord/deliver.ts';
import { resolveChunkRef } from '../src/discord/refs.ts';
import { ANSWER_PASSAGES, answerBody } from '../src/discord/answer-body.ts';
import { openSourceRows } from '../src/discord/source-buttons.ts';
import { questionChoices } from '../src/discord/suggest.ts';
import { notice, presentSource } from '../src/present/discord/index.ts';
import type { KnowledgeBase } from '../src/search/index.ts';
import { audienceOf, MAX_OPTION_TEXT, mentionOption, privateOption } from './options.ts';

/**
 * Past this many paragraphs an answer is deferred first. A question's work is bounded by the
 * engine's postings budget, but in a folder this large its worst case is no longer a few
 * milliseconds, and a busy process stretches it further: one request more (defer, then edit) keeps
 * Discord's 3 s safe. Smaller folders answer in one request.
 */
export const SLOW_ASK_CHUNKS = 100_000;

/** Whether /ask (or Ask Footnote) on this knowledge base defers first. */
export const askMayBeSlow = (kb: Pick<KnowledgeBase, 'chunks'> | { chunks: { size: number } }): boolean => kb.chunks.size > SLOW_ASK_CHUNKS;

/** The answer with its buttons: "Show paragraph [n]" and links to the sources. */
export function answerOutcome(result: AskResult): Outcome {
  return answerOf(answerBody(result));
}

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question; the answer quotes the material with a citation for each sentence')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, in your own words').setRequired(true).setAutocomplete(true).setMaxLength(MAX_OPTION_TEXT),
  )
  .addBooleanOption(privateOption)
  .addUserOption(mentionOption);

/** "Show paragraph [n]": the cited paragraph in full, just for the person who clicked. */
const showParagraph: ButtonHandler = async (interaction, reply, ctx, parts) => {
  await deliver(interaction, reply, ctx, { private: true, mention: null }, (kb) => {
    const chunk = resolveChunkRef(kb, parts[0] ?? '');
    if (!chunk) return noticeOf(notice('That paragraph is no longer in the material (it was re-indexed). Ask again for a fresh citation.'));
    return answerOf({ ...presentSource(source(kb, chunk.id), { neighbours: false }), components: openSourceRows(chunk.url) });
  });
};

export const askCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  help: {
    usage: '/ask question [private] [mention]',
    description: 'Answers from the material: the sentences that answer, word for word, your words in bold, each with its source. Buttons open the source or show the whole paragraph.',
    example: '/ask question: When is the World AI Conference held?',
  },
  async execute(interaction, reply, ctx) {
    const question = interaction.options.getString('question', true);
    const audience = audienceOf(interaction, ctx.settings);
    await deliver(interaction, reply, ctx, { ...audience, slow: askMayBeSlow }, (kb) => answerOutcome(ask(kb, question, { passages: ANSWER_PASSAGES })));
  },
  autocomplete(interaction, ctx, deadline) {
    const kb = ctx.knowledge.current;
    const typed = interaction.options.getFocused();
    return kb ? questionChoices(kb, typed, deadline, ctx.now) : [];
  },
  buttons: { [CustomIdPrefix.paragraph]: showParagraph },
};
