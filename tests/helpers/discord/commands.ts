import { SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../../../src/discord/context.ts';
import { notice } from '../../../src/present/discord/index.ts';

/** Commands that fail on purpose, at each stage of a response, to test the error path. */
function failing(name: string, before: ChatInputCommandModule['execute']): ChatInputCommandModule {
  return {
    kind: 'chatInput',
    data: new SlashCommandBuilder().setName(name).setDescription(`Fails on purpose (${name})`),
    cooldown: false,
    async execute(interaction, reply, ctx) {
      await before(interaction, reply, ctx);
      throw new Error(`${name} failed on purpose`);
    },
  };
}

export const failingCommands: readonly ChatInputCommandModule[] = [
  failing('fail-at-once', async () => {}),
  failing('fail-after-defer', async (_i, reply) => reply.defer({ private: false })),
  failing('fail-after-private-defer', async (_i, reply) => reply.defer({ private: true })),
  failing('fail-after-reply', async (_i, reply) => reply.send(notice('A first answer.'), { private: false })),
];
