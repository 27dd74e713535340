import { PermissionFlagsBits } from 'discord.js';
import { notice, voteNotice, votesOffNotice, voteTooOldNotice, type VoteReport } from '../present/discord/index.ts';
import { answerIdTime } from '../store/index.ts';
import type { BotContext, ButtonHandler } from './context.ts';
import { CustomIdPrefix } from './custom-id.ts';
import { errorForLog } from './logger.ts';
import { withTimeout } from './with-timeout.ts';
import { parseVote } from './vote-buttons.ts';

/**
 * How long a click waits for the log to confirm the vote before telling the person it could not.
 * Within Discord's 3 s for a first response, with room for the reply to travel.
 */
export const VOTE_CONFIRM_MS = 1_500;

const DAY_MS = 24 * 60 * 60_000;

/** Whether the log has forgotten the answer (by age) that this id belongs to. */
function expired(answerId: string, ctx: Pick<BotContext, 'logDays' | 'now'>): boolean {
  const at = answerIdTime(answerId);
  return ctx.logDays > 0 && at !== null && ctx.now() - at > ctx.logDays * DAY_MS;
}

/**
 * 👍 / 👎 under an answer: one vote per person per answer, which they may change. The vote is
 * acknowledged privately; the public answer is never edited, so a busy channel sees no churn.
 */
const vote: ButtonHandler = async (interaction, reply, ctx, parts) => {
  const parsed = parseVote(parts);
  if (parsed === null) {
    await reply.notice(notice('This button no longer works.'));
    return;
  }
  if (!ctx.questions.enabled) {
    await reply.notice(votesOffNotice());
    return;
  }
  if (expired(parsed.answerId, ctx)) {
    await reply.notice(voteTooOldNotice(ctx.logDays));
    return;
  }
  const admin = interaction.inGuild() && interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
  const value = parsed.direction === 'up' ? 1 : -1;
  let report: VoteReport;
  try {
    report = await withTimeout<VoteReport>(ctx.questions.vote({ answerId: parsed.answerId, userId: interaction.user.id, value, admin, at: ctx.now() }), VOTE_CONFIRM_MS, 'failed');
  } catch (error) {
    ctx.log.warn({ err: errorForLog(error), interaction: interaction.id }, 'could not record a vote');
    report = 'failed';
  }
  await reply.notice(voteNotice(report, parsed.direction));
  // Who voted stays in the question log, as a salted hash; the bot's log says only what happened.
  ctx.log.info({ interaction: interaction.id, answer: parsed.answerId, vote: parsed.direction, admin, outcome: report }, 'vote');
  if (report === 'recorded' || report === 'changed') void ctx.learning.refresh();
};

export const voteButtons: Readonly<Record<string, ButtonHandler>> = { [CustomIdPrefix.vote]: vote };
