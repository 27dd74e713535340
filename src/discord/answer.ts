import type { RepliableInteraction } from 'discord.js';
import { deleteButton, publishButton, withControls, type ReplyBody } from '../present/discord/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import type { BotContext } from './context.ts';
import { FIRST_RESPONSE_BUDGET_MS } from './limits.ts';
import type { Responder } from './reply.ts';

export interface AnswerOptions {
  private: boolean;
  /** The user to ping with a public answer. */
  mention: string | null;
  /** True when this request could take long enough to risk Discord's 3-second deadline. */
  slow?: (kb: KnowledgeBase) => boolean;
}

/** What a command produced: an answer for the audience it asked for, or a private notice (bad input). */
export type Outcome = { kind: 'answer'; body: ReplyBody } | { kind: 'notice'; body: ReplyBody };

export const answerOf = (body: ReplyBody): Outcome => ({ kind: 'answer', body });
export const noticeOf = (body: ReplyBody): Outcome => ({ kind: 'notice', body });

/**
 * A reply's own controls: a private reply can be posted to the channel; a public one can be
 * deleted by the person who asked, for a while.
 */
export function addControls(body: ReplyBody, options: { private: boolean; mention: string | null; askerId: string }, ctx: BotContext): ReplyBody {
  if (options.private) return withControls(body, [publishButton(options.mention)]);
  const window = ctx.settings.deleteWindowSeconds;
  return withControls(body, window > 0 ? [deleteButton(options.askerId, ctx.now() + window * 1000)] : []);
}

/**
 * Runs a command's work and sends the result. When the knowledge base is still loading, or the
 * work could be slow, it defers first (the "thinking…" state) so Discord's 3-second deadline is
 * met whatever happens next; otherwise it answers directly, which is one request instead of two.
 */
export async function answer(
  interaction: RepliableInteraction,
  reply: Responder,
  ctx: BotContext,
  options: AnswerOptions,
  produce: (kb: KnowledgeBase) => Outcome | Promise<Outcome>,
): Promise<void> {
  const ready = ctx.knowledge.current;
  // An interaction that waited in a backlog (a busy event loop) has less of its 3 s left.
  const late = Date.now() - interaction.createdTimestamp > FIRST_RESPONSE_BUDGET_MS;
  if (ready === null || late || options.slow?.(ready) === true) await reply.defer({ private: options.private });
  const kb = ready ?? (await ctx.knowledge.get());
  const outcome = await produce(kb);
  if (outcome.kind === 'notice') {
    await reply.notice(outcome.body);
    return;
  }
  const body = addControls(outcome.body, { private: options.private, mention: options.mention, askerId: interaction.user.id }, ctx);
  await reply.send(body, { private: options.private, mention: options.mention });
}
