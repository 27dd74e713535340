import { InteractionContextType, SlashCommandBuilder, type RepliableInteraction } from 'discord.js';
import { source, type AskResult } from '../src/answer/index.ts';
import { askLearned, logAnswer, type Asker } from '../src/discord/asking.ts';
import type { BotContext, ButtonHandler, ChatInputCommandModule } from '../src/discord/context.ts';
import { CustomIdPrefix } from '../src/discord/custom-id.ts';
import { answerOf, deliver, noticeOf, type DeliverOptions, type Outcome } from '../src/discord/deliver.ts';
import { resolveChunkRef } from '../src/discord/refs.ts';
import type { Responder } from '../src/discord/responder.ts';
import { answerBody } from '../src/discord/answer-body.ts';
import { openSourceRows } from '../src/discord/source-buttons.ts';
import { questionChoices } from '../src/discord/suggest.ts';
import { notice, presentSource } from '../src/present/discord/index.ts';
import type { KnowledgeBase } from '../src/search/index.ts';
import { newAnswerId } from '../src/store/index.ts';
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

/**
 * Answers a question asked through an interaction (/ask, Ask Footnote), then logs it under the id
 * its vote buttons carry. The log is handed the question even when sending the answer failed: it
 * was asked, and the engine's answer is what the team needs to see.
 */
export async function answerInteraction(interaction: RepliableInteraction, reply: Responder, ctx: BotContext, question: string, asker: Asker, options: DeliverOptions): Promise<void> {
  const answerId = newAnswerId(ctx.now());
  const asked: { result?: AskResult } = {};
  try {
    await deliver(interaction, reply, ctx, { ...options, slow: askMayBeSlow }, (kb): Outcome => {
      asked.result = askLearned(ctx.learning, kb, question);
      return answerOf(answerBody(asked.result, ctx.questions.enabled ? answerId : null));
    });
  } finally {
    if (asked.result) logAnswer(ctx.questions, asker, question, asked.result, answerId, ctx.now());
  }
}

/** Who asked through an interaction, and where. */
export function askerOf(interaction: RepliableInteraction, via: Asker['via']): Asker {
  return { via, userId: interaction.user.id, guildId: interaction.guildId, channelId: interaction.channelId };
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
    await answerInteraction(interaction, reply, ctx, question, askerOf(interaction, 'command'), audience);
  },
  autocomplete(interaction, ctx, deadline) {
    const kb = ctx.knowledge.current;
    const typed = interaction.options.getFocused();
    return kb ? questionChoices(kb, typed, deadline, ctx.now) : [];
  },
  buttons: { [CustomIdPrefix.paragraph]: showParagraph },
};
