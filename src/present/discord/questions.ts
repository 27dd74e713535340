import { time, TimestampStyles } from '@discordjs/formatters';
import type { APIEmbed } from 'discord.js';
import type { QuestionGroup, ReportFilter } from '../../questions/report.ts';
import { descriptionRoom, fitEmbed } from './embed.ts';
import { code, escapeMarkdown, plainText } from './markdown.ts';
import { notice } from './notices.ts';
import { fitLines, truncatePlain } from './truncate.ts';
import { COLOR, type Presented } from './types.ts';

const TITLES: Record<ReportFilter, string> = {
  todo: 'Questions the material does not answer well',
  declined: 'Questions Footnote declined',
  unhelpful: 'Answers voted not helpful',
  all: 'Questions asked',
};

const seconds = (ms: number) => Math.floor(ms / 1000);
const times = (n: number) => `${n}×`;

/** One question as typed by someone, quoted safely: one line, no formatting or mention of its own. */
function wording(text: string, max: number): string {
  return `“${escapeMarkdown(truncatePlain(plainText(text).replace(/\s+/gu, ' ').trim(), max))}”`;
}

function tally(group: QuestionGroup): string {
  const parts = [`asked ${times(group.count)}`];
  if (group.declined > 0) parts.push(`declined ${times(group.declined)}`);
  if (group.helpful > 0) parts.push(`👍 ${group.helpful}`);
  if (group.unhelpful > 0) parts.push(`👎 ${group.unhelpful}`);
  return parts.join(', ');
}

function groupLines(group: QuestionGroup, rank: number): string {
  const head = `**${rank}.** ${wording(group.question, 150)} — ${tally(group)} · last ${time(seconds(group.lastAsked), TimestampStyles.RelativeTime)}`;
  const lines = [head];
  if (group.variants.length > 0) lines.push(`  also: ${group.variants.slice(0, 3).map((v) => wording(v, 80)).join(', ')}${group.variants.length > 3 ? ` and ${group.variants.length - 3} more` : ''}`);
  if (group.citations.length > 0 && group.unhelpful > 0) lines.push(`  answered from ${group.citations.slice(0, 3).map((c) => code(c)).join(', ')}`);
  return lines.join('\n');
}

/**
 * /questions: the team's to-do list for the material, most pressing first. Every wording shown was
 * typed by someone, so each is escaped and shortened to one line.
 */
export function presentQuestionReport(groups: readonly QuestionGroup[], options: { filter: ReportFilter; periodDays: number | null; total: number }): Presented {
  const period = options.periodDays === null ? 'all time' : `last ${options.periodDays === 1 ? 'day' : `${options.periodDays} days`}`;
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: `${TITLES[options.filter]} — ${period}`,
    footer: { text: `${options.total} question${options.total === 1 ? '' : 's'} logged in this period · similar wordings are grouped` },
  };
  if (groups.length === 0) {
    embed.description = options.filter === 'all' ? 'Nothing was asked in this period.' : 'Nothing to fix in this period: every question was answered, and no answer was voted not helpful.';
    return { embeds: [embed] };
  }
  const lines = groups.map((g, i) => groupLines(g, i + 1));
  embed.description = fitLines(lines, descriptionRoom(embed), { more: (n) => `${groups.length - n} more groups; ${code('npm run questions')} lists them all` }).text;
  return { embeds: [fitEmbed(embed)] };
}

export function questionsRefusedNotice(): Presented {
  return notice('Only members with the Manage Server permission can see or clear the question log.');
}

export function questionLogOffNotice(): Presented {
  return notice('The question log is switched off (FOOTNOTE_QUESTION_LOG=off), so there is nothing to list or clear.');
}

export function questionLogUnavailableNotice(): Presented {
  return notice("The question log cannot be read just now (its database is unavailable; the bot's log says why). Answers are not affected.");
}

export function guildLogClearedNotice(count: number): Presented {
  return notice(`Cleared this server's question log: ${count} question${count === 1 ? '' : 's'} and the votes on them.`);
}

export function clearNeedsConfirmNotice(): Presented {
  return notice(`Nothing was cleared. To delete every question this server asked, and the votes on them, run ${code('/questions clear confirm: True')}.`);
}

/** /forget-me: what went. */
export function forgotYouNotice(count: number): Presented {
  return notice(
    count === 0
      ? 'The question log held no question of yours; any votes you cast are removed too. Footnote keeps nothing else about you.'
      : `Removed the ${count} question${count === 1 ? '' : 's'} you asked and every vote you cast, on every server. Footnote keeps nothing else about you.`,
  );
}

/** The question log's state, one line for /documents. */
export function questionLogLine(health: { state: 'ok' | 'retrying' | 'off'; pending: number; since: number | null }, description: string): string {
  if (health.state === 'off') return 'Question log: off.';
  if (health.state === 'ok') return `Question log: ${escapeMarkdown(description)}, writing normally.`;
  const since = health.since === null ? '' : ` since ${time(seconds(health.since), TimestampStyles.RelativeTime)}`;
  return `Question log: ${escapeMarkdown(description)} is failing${since}; ${health.pending} question${health.pending === 1 ? '' : 's'} held in memory and retried. Answers are not affected.`;
}
