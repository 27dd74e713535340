import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { answerOf, deliver } from '../src/discord/deliver.ts';
import { presentDocuments, questionLogLine } from '../src/present/discord/index.ts';

const data = new SlashCommandBuilder()
  .setName('documents')
  .setDescription('The documents Footnote answers from, and when they were indexed')
  .setContexts(InteractionContextType.Guild);

export const documentsCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  // A listing of what is loaded: cheap, so no cooldown.
  cooldown: false,
  help: {
    usage: '/documents',
    description: 'Lists the documents, how many paragraphs each has, and when they were indexed; and whether the question log is writing.',
    example: '/documents',
  },
  async execute(interaction, reply, ctx) {
    await deliver(interaction, reply, ctx, { private: ctx.settings.defaultPrivate, mention: null }, (kb) =>
      answerOf(presentDocuments(kb, [questionLogLine(ctx.questions.health(), ctx.questions.description ?? 'off')])),
    );
  },
};
