import type { RepliableInteraction } from 'discord.js';
import { ask, askFollowUp, type AskResult, type FollowUpResult } from '../answer/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { newAnswerId, type AskedVia, type QuestionLog } from '../store/index.ts';
import { ANSWER_PASSAGES, answerBody } from './answer-body.ts';
import type { BotContext } from './context.ts';
import { answerOf, deliver, type DeliverOptions, type Outcome } from './deliver.ts';
import type { LearnedAnswers } from './learned-answers.ts';
import type { Responder } from './responder.ts';

/** Who asked, and where: what the question log keeps besides the question and its answer. */
export interface Asker {
  via: AskedVia;
  userId: string;
  guildId: string | null;
  channelId: string | null;
}

/** A question asked through Discord: answered with what the team's votes taught. */
export function askLearned(learning: LearnedAnswers, kb: KnowledgeBase, question: string): AskResult {
  const feedback = learning.for(kb);
  return ask(kb, question, { passages: ANSWER_PASSAGES, ...(feedback ? { feedback } : {}) });
}

/** A follow-up read with the question before it, or a question on its own when there was none. */
export function askInConversation(learning: LearnedAnswers, kb: KnowledgeBase, question: string, earlier: string | undefined): FollowUpResult {
  const feedback = learning.for(kb);
  const options = { passages: ANSWER_PASSAGES, ...(feedback ? { feedback } : {}) };
  return earlier === undefined ? { ...ask(kb, question, options), asked: question } : askFollowUp(kb, earlier, question, options);
}

/**
 * Hands the question and what was answered to the log. The log writes later, in batches, so the
 * answer never waits on the database; a failing database is the log's to report.
 */
export function logAnswer(questions: QuestionLog, asker: Asker, question: string, result: AskResult, answerId: string, at: number): void {
  questions.record({
    id: answerId,
    askedAt: at,
    guildId: asker.guildId,
    channelId: asker.channelId,
    userId: asker.userId,
    via: asker.via,
    question,
    answered: result.answered,
    reason: result.reason,
    citations: result.answered ? [...new Set(result.answer.map((e) => e.chunkId))] : [],
  });
}

/**
 * Past this many paragraphs an answer is deferred first. A question's work is bounded by the
 * engine's postings budget, but in a folder this large its worst case is no longer a few
 * milliseconds, and a busy process stretches it further: one request more (defer, then edit) keeps
 * Discord's 3 s safe. Smaller folders answer in one request.
 */
export const SLOW_ASK_CHUNKS = 100_000;

/** Whether /ask (or Ask Footnote) on this knowledge base defers first. */
export const askMayBeSlow = (kb: Pick<KnowledgeBase, 'chunks'> | { chunks: { size: number } }): boolean => kb.chunks.size > SLOW_ASK_CHUNKS;

/**
 * Answers a question asked through an interaction (/ask, Ask Footnote), then logs it under the id
 * its vote buttons carry. The log is handed the question even when sending the answer failed: it
 * was asked, and the engine's answer is what the team needs to see.
 */
export async function answerInteraction(interaction: RepliableInteraction, reply: Responder, ctx: BotContext, question: string, asker: Asker, options: DeliverOptions): Promise<void> {
  const answerId = newAnswerId(ctx.now());
  const asked: { result?: AskResult } = {};
  try {
    await deliver(interaction, reply, ctx, { ...options, slow: askMayBeSlow }, (kb): Outcome => {
      asked.result = askLearned(ctx.learning, kb, question);
      return answerOf(answerBody(asked.result, ctx.questions.enabled ? answerId : null));
    });
  } finally {
    if (asked.result) logAnswer(ctx.questions, asker, question, asked.result, answerId, ctx.now());
  }
}

/** Who asked through an interaction, and where. */
export function askerOf(interaction: RepliableInteraction, via: Asker['via']): Asker {
  return { via, userId: interaction.user.id, guildId: interaction.guildId, channelId: interaction.channelId };
}
