import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { autoAnswerChanged, cannotWatchNotice, notice, presentSettings } from '../src/present/discord/index.ts';

const WATCHABLE = [ChannelType.GuildText, ChannelType.GuildForum] as const;

const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription("Footnote's settings for this server (Manage Server only)")
  .setContexts(InteractionContextType.Guild)
  // Hides the command from members without the permission; the handler checks again, because a
  // server's admins can override who sees a command.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('auto-answer')
      .setDescription('Answer new questions in a text or forum channel on its own, when the answer is confident')
      .addChannelOption((o) => o.setName('channel').setDescription('A text or forum channel').setRequired(true).addChannelTypes(...WATCHABLE))
      .addBooleanOption((o) => o.setName('on').setDescription('true: answer there; false: stop').setRequired(true)),
  )
  .addSubcommand((s) => s.setName('show').setDescription('The channels Footnote answers in on its own'));

export const settingsCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  cooldown: false,
  help: {
    usage: '/settings auto-answer channel on | /settings show',
    description: 'Chooses the help channels and forums Footnote answers in on its own (confident answers only, in a thread). Needs Manage Server.',
    example: '/settings auto-answer channel: #help on: true',
  },
  async execute(interaction, reply, ctx) {
    if (!interaction.inGuild() || !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      ctx.log.warn({ user: interaction.user.id, guild: interaction.guildId }, '/settings refused: no Manage Server permission');
      await reply.notice(notice('Only members with the Manage Server permission can change or see these settings.'));
      return;
    }
    const guildId = interaction.guildId;
    if (interaction.options.getSubcommand() === 'show') {
      await reply.notice(presentSettings(ctx.channels.autoAnswerChannels(guildId), ctx.settings.messageContent));
      return;
    }
    const channel = interaction.options.getChannel('channel', true, [...WATCHABLE]);
    const on = interaction.options.getBoolean('on', true);
    if (on && !ctx.settings.messageContent) {
      await reply.notice(cannotWatchNotice(channel.id));
      return;
    }
    const { saved } = await ctx.channels.setAutoAnswer(guildId, channel.id, on);
    ctx.log.info({ user: interaction.user.id, guild: guildId, channel: channel.id, on, saved }, `auto-answer ${on ? 'on' : 'off'} by ${interaction.user.id}`);
    await reply.notice(autoAnswerChanged(channel.id, on, channel.type === ChannelType.GuildForum, saved));
  },
};
