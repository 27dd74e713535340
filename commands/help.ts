import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { addControls } from '../src/discord/controls.ts';
import { presentHelp, type HelpEntry } from '../src/present/discord/index.ts';

const data = new SlashCommandBuilder().setName('help').setDescription('What Footnote can do, with an example of each command').setContexts(InteractionContextType.Guild);

export const helpCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  cooldown: false,
  help: { usage: '/help', description: 'This list.', example: '/help' },
  // Help is for the asker, so it is always private; it does not need the knowledge base.
  async execute(interaction, reply, ctx) {
    const entries = ctx.commands.map((c) => c.help).filter((h): h is HelpEntry => h !== undefined);
    const notes = [
      `Replies are ${ctx.settings.defaultPrivate ? 'private' : 'public'} unless you set \`private\`. A private reply has a “Send to channel” button; you can delete a public one you asked for${ctx.settings.deleteWindowSeconds > 0 ? ` within ${Math.round(ctx.settings.deleteWindowSeconds / 60) || 1} min` : ''}.`,
    ];
    const body = addControls(presentHelp(entries, notes), { private: true, mention: null, askerId: interaction.user.id }, ctx);
    await reply.send(body, { private: true });
  },
};
