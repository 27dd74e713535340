import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { errorForLog } from '../src/discord/logger.ts';
import {
  clearNeedsConfirmNotice,
  guildLogClearedNotice,
  presentQuestionReport,
  questionLogOffNotice,
  questionLogUnavailableNotice,
  questionsRefusedNotice,
} from '../src/present/discord/index.ts';
import { questionReport, type ReportFilter } from '../src/questions/report.ts';

/** Groups shown in the reply; `npm run questions` lists every one. */
export const QUESTIONS_SHOWN = 15;

const PERIODS = [
  { name: 'last day', value: 1 },
  { name: 'last 7 days', value: 7 },
  { name: 'last 30 days', value: 30 },
  { name: 'last 90 days', value: 90 },
] as const;

const FILTERS: readonly { name: string; value: ReportFilter }[] = [
  { name: 'declined or voted not helpful (default)', value: 'todo' },
  { name: 'declined', value: 'declined' },
  { name: 'voted not helpful', value: 'unhelpful' },
  { name: 'all questions', value: 'all' },
];

const DAY_MS = 24 * 60 * 60_000;

const data = new SlashCommandBuilder()
  .setName('questions')
  .setDescription('What people asked that the material does not answer well (Manage Server only)')
  .setContexts(InteractionContextType.Guild)
  // Hidden from members without the permission; the handler checks again, because a server's
  // admins can override who sees a command.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('list')
      .setDescription('The most frequent declined and down-voted questions, similar wordings grouped')
      .addIntegerOption((o) => o.setName('period').setDescription('How far back (default: last 7 days)').addChoices(...PERIODS))
      .addStringOption((o) => o.setName('show').setDescription('Which questions (default: declined or voted not helpful)').addChoices(...FILTERS)),
  )
  .addSubcommand((s) =>
    s
      .setName('clear')
      .setDescription("Delete this server's question log and the votes on it")
      .addBooleanOption((o) => o.setName('confirm').setDescription('True: delete them; they cannot be brought back').setRequired(true)),
  );

export const questionsCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  cooldown: false,
  help: {
    usage: '/questions list [period] [show] | /questions clear confirm',
    description: "The team's to-do list for the material: the questions Footnote declined or answered unhelpfully, grouped, with counts. Needs Manage Server.",
    example: '/questions list period: last 30 days',
  },
  async execute(interaction, reply, ctx) {
    if (!interaction.inGuild() || !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      ctx.log.warn({ user: interaction.user.id, guild: interaction.guildId }, '/questions refused: no Manage Server permission');
      await reply.notice(questionsRefusedNotice());
      return;
    }
    if (!ctx.questions.enabled) {
      await reply.notice(questionLogOffNotice());
      return;
    }
    const guildId = interaction.guildId;
    try {
      if (interaction.options.getSubcommand() === 'clear') {
        if (!interaction.options.getBoolean('confirm', true)) {
          await reply.notice(clearNeedsConfirmNotice());
          return;
        }
        const count = await ctx.questions.clearGuild(guildId);
        ctx.log.info({ user: interaction.user.id, guild: guildId, count }, 'question log cleared for a server');
        await reply.notice(guildLogClearedNotice(count));
        return;
      }
      const days = interaction.options.getInteger('period') ?? 7;
      const filter = (interaction.options.getString('show') ?? 'todo') as ReportFilter;
      // Reading can take a moment on a large log; the report is private to the admin.
      await reply.defer({ private: true });
      const rows = await ctx.questions.rows({ since: ctx.now() - days * DAY_MS, guildId });
      const groups = questionReport(rows, { filter }).slice(0, QUESTIONS_SHOWN);
      await reply.send(presentQuestionReport(groups, { filter, periodDays: days, total: rows.length }), { private: true });
    } catch (error) {
      ctx.log.warn({ err: errorForLog(error), guild: guildId }, '/questions could not read the question log');
      await reply.notice(questionLogUnavailableNotice());
    }
  },
};
