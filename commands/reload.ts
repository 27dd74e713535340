import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { logReload } from '../src/discord/live-reload.ts';
import { notice, presentReload } from '../src/present/discord/index.ts';

const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription('Re-index the documents that changed in the knowledge folder (Manage Server only)')
  .setContexts(InteractionContextType.Guild)
  // Hides the command from members without the permission; the handler checks again, because a
  // server's admins can override who sees a command.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export const reloadCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  cooldown: false,
  help: {
    usage: '/reload',
    description: 'Re-reads the documents that were added, changed or removed, and reports what changed. Needs Manage Server.',
    example: '/reload',
  },
  async execute(interaction, reply, ctx) {
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      ctx.log.warn({ user: interaction.user.id, guild: interaction.guildId }, '/reload refused: no Manage Server permission');
      await reply.notice(notice('Only members with the Manage Server permission can reload the material.'));
      return;
    }
    await reply.defer({ private: true });
    const outcome = await ctx.knowledge.reload();
    logReload(ctx.log, outcome, `/reload by ${interaction.user.id}`);
    if (outcome.ok && !outcome.unchanged) ctx.announceReload?.();
    await reply.notice(presentReload(outcome));
  },
};
