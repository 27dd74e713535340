import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import { ask } from '../src/answer/index.ts';
import { answer, answerOf, noticeOf } from '../src/discord/answer.ts';
import type { MessageCommandModule } from '../src/discord/context.ts';
import { notice, presentAsk } from '../src/present/discord/index.ts';
import { SLOW_ASK_CHUNKS } from './ask.ts';

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
    await answer(interaction, reply, ctx, { private: ctx.settings.defaultPrivate, mention: null, slow: (kb) => kb.chunks.size > SLOW_ASK_CHUNKS }, (kb) =>
      text === '' ? noticeOf(notice('That message has no text to ask about.')) : answerOf(presentAsk(ask(kb, text, { passages: 3 }))),
    );
  },
};
