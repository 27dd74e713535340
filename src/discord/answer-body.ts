import type { AskResult } from '../answer/index.ts';
import { presentAsk } from '../present/discord/index.ts';
import type { ReplyBody } from './reply-body.ts';
import { answerRows } from './source-buttons.ts';
import { voteRow } from './vote-buttons.ts';

/** Passages an answer considers (and lists under "See also"). */
export const ANSWER_PASSAGES = 3;

/**
 * An answer as /ask shows it, wherever it was asked (a command, a mention, a DM, a help channel):
 * the quoted sentences with their citations, "Show paragraph [n]", links to the sources and, when
 * the question was logged under `answerId`, 👍 and 👎. A refusal carries no votes: the log
 * already lists it as declined.
 */
export function answerBody(result: AskResult, answerId: string | null = null): ReplyBody {
  const presented = presentAsk(result);
  const votes = result.answered && answerId !== null ? voteRow(answerId) : [];
  return { ...presented, components: [...answerRows(presented.sources, { paragraphs: true }), ...votes] };
}
