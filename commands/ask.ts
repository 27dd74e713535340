import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { source } from '../src/answer/index.ts';
import { answerInteraction, askerOf } from '../src/discord/asking.ts';
import type { ButtonHandler, ChatInputCommandModule } from '../src/discord/context.ts';
import { CustomIdPrefix } from '../src/discord/custom-id.ts';
import { answerOf, deliver, noticeOf } from '../src/discord/deliver.ts';
import { resolveChunkRef } from '../src/discord/refs.ts';
import { openSourceRows } from '../src/discord/source-buttons.ts';
import { questionChoices } from '../src/discord/suggest.ts';
import { notice, presentSource } from '../src/present/discord/index.ts';
import { audienceOf, MAX_OPTION_TEXT, mentionOption, privateOption } from './options.ts';

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
