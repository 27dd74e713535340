import { ask, askFollowUp, type AskResult, type FollowUpResult } from '../answer/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import type { QuestionLog, AskedVia } from '../store/index.ts';
import { ANSWER_PASSAGES } from './answer-body.ts';
import type { LearnedAnswers } from './learned-answers.ts';

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
