import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { source, UnknownCitationError } from '../src/answer/index.ts';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { answerOf, deliver, noticeOf } from '../src/discord/deliver.ts';
import { resolveChunkRef } from '../src/discord/refs.ts';
import { openSourceRows } from '../src/discord/source-buttons.ts';
import { citationChoices } from '../src/discord/suggest.ts';
import { presentSource, unknownCitationNotice } from '../src/present/discord/index.ts';

const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('A cited paragraph in full, with the paragraphs before and after it')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o.setName('citation').setDescription('The citation, e.g. china-ai-governance#p2 (pick from the list as you type)').setRequired(true).setAutocomplete(true),
  );

export const sourceCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  help: {
    usage: '/source citation',
    description: 'Shows a cited paragraph in full with its neighbours; answers point here with the id to use.',
    example: '/source citation: china-ai-governance#p2',
  },
  async execute(interaction, reply, ctx) {
    const citation = interaction.options.getString('citation', true).trim();
    await deliver(interaction, reply, ctx, { private: ctx.settings.defaultPrivate, mention: null }, (kb) => {
      const id = resolveChunkRef(kb, citation)?.id ?? citation;
      try {
        const result = source(kb, id);
        return answerOf({ ...presentSource(result), components: openSourceRows(result.chunk.url) });
      } catch (error) {
        if (!(error instanceof UnknownCitationError)) throw error;
        return noticeOf(unknownCitationNotice(citation, error.suggestions));
      }
    });
  },
  autocomplete(interaction, ctx, deadline) {
    const kb = ctx.knowledge.current;
    return kb ? citationChoices(kb, interaction.options.getFocused(), deadline, ctx.now) : [];
  },
};
