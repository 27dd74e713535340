import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import type { MessageCommandModule } from '../src/discord/context.ts';
import { notice } from '../src/present/discord/index.ts';
import { answerInteraction, askerOf } from '../src/discord/asking.ts';

const data = new ContextMenuCommandBuilder()
  .setName('Ask Footnote')
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild);

/** Right-click a message › Apps › Ask Footnote: the message's text, asked as a question. */
export const askMessageCommand: MessageCommandModule = {
  kind: 'message',
  data,
  help: {
    usage: 'Ask Footnote (right-click a message › Apps)',
    description: "Asks the message's text as a question, as /ask would.",
    example: 'Apps › Ask Footnote on "Where is the World AI Conference held?"',
  },
  async execute(interaction, reply, ctx) {
    const text = interaction.targetMessage.content.trim();
    if (text === '') {
      await reply.notice(notice('That message has no text to ask about.'));
      return;
    }
    await answerInteraction(interaction, reply, ctx, text, askerOf(interaction, 'menu'), { private: ctx.settings.defaultPrivate, mention: null });
  },
};
