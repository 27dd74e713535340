import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { ask } from '../src/answer/index.ts';
import { answer, answerOf, noticeOf } from '../src/discord/answer.ts';
import type { ButtonHandler, ChatInputCommandModule } from '../src/discord/context.ts';
import { MAX_OPTION_TEXT } from '../src/discord/limits.ts';
import { questionChoices } from '../src/discord/suggest.ts';
import { CustomIdPrefix, notice, presentAsk, presentSource, resolveChunkRef } from '../src/present/discord/index.ts';
import { source } from '../src/answer/index.ts';
import { audienceOf, mentionOption, privateOption } from './options.ts';

/**
 * Paragraphs past this many, an answer is deferred first. On the 260,000 paragraphs of the
 * Debian docs an answer takes 14 ms at p99 and 52 ms at worst (`npm run bench`), so a direct
 * reply is safe well beyond; deferring starts past four times what has been measured.
 */
export const SLOW_ASK_CHUNKS = 1_000_000;

/** Passages an answer considers (and lists under "See also"). */
const PASSAGES = 3;

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
  await answer(interaction, reply, ctx, { private: true, mention: null }, (kb) => {
    const chunk = resolveChunkRef(kb, parts[0] ?? '');
    if (!chunk) return noticeOf(notice('That paragraph is no longer in the material (it was re-indexed). Ask again for a fresh citation.'));
    return answerOf(presentSource(source(kb, chunk.id), { neighbours: false }));
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
    await answer(interaction, reply, ctx, { ...audience, slow: (kb) => kb.chunks.size > SLOW_ASK_CHUNKS }, (kb) =>
      answerOf(presentAsk(ask(kb, question, { passages: PASSAGES }))),
    );
  },
  autocomplete(interaction, ctx, deadline) {
    const kb = ctx.knowledge.current;
    const typed = interaction.options.getFocused();
    return kb ? questionChoices(kb, typed, deadline, ctx.now) : [];
  },
  buttons: { [CustomIdPrefix.paragraph]: showParagraph },
};
