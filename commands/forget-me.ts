import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { errorForLog } from '../src/discord/logger.ts';
import { forgotYouNotice, questionLogOffNotice, questionLogUnavailableNotice } from '../src/present/discord/index.ts';

const data = new SlashCommandBuilder()
  .setName('forget-me')
  .setDescription('Remove every question you asked Footnote and every vote you cast from its log')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export const forgetMeCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  help: {
    usage: '/forget-me',
    description: 'Removes the questions you asked and your votes from the question log, on every server. Only you see the reply.',
    example: '/forget-me',
  },
  async execute(interaction, reply, ctx) {
    if (!ctx.questions.enabled) {
      await reply.notice(questionLogOffNotice());
      return;
    }
    try {
      await reply.defer({ private: true });
      const count = await ctx.questions.forgetUser(interaction.user.id);
      // The count only: the person's id in the bot's log would be what they asked to remove.
      ctx.log.info({ count }, 'a person had their questions removed from the question log');
      await reply.send(forgotYouNotice(count), { private: true });
    } catch (error) {
      ctx.log.warn({ err: errorForLog(error) }, '/forget-me could not reach the question log');
      await reply.notice(questionLogUnavailableNotice());
    }
  },
};
