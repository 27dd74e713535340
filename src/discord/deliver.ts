import type { RepliableInteraction } from 'discord.js';
import type { KnowledgeBase } from '../search/index.ts';
import type { BotContext } from './context.ts';
import { addControls } from './controls.ts';
import type { ReplyBody } from './reply-body.ts';
import type { Responder } from './responder.ts';

/**
 * How long the bot lets itself compute before it must have answered or deferred. Well under the
 * 3 s Discord allows, because the reply itself still has to travel to Discord after the work.
 */
export const FIRST_RESPONSE_BUDGET_MS = 1_500;

export interface DeliverOptions {
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
 * Runs a command's work and sends the outcome. When the knowledge base is still loading, or the
 * work could be slow, it defers first (the "thinking…" state) so Discord's 3-second deadline is
 * met whatever happens next; otherwise it answers directly, which is one request instead of two.
 */
export async function deliver(
  interaction: RepliableInteraction,
  reply: Responder,
  ctx: BotContext,
  options: DeliverOptions,
  produce: (kb: KnowledgeBase) => Outcome | Promise<Outcome>,
): Promise<void> {
  const ready = ctx.knowledge.current;
  // An interaction that waited in a backlog (a busy event loop) has less of its 3 s left.
  const late = Date.now() - interaction.createdTimestamp > (ctx.firstResponseBudgetMs ?? FIRST_RESPONSE_BUDGET_MS);
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
