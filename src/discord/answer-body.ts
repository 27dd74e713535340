import type { AskResult } from '../answer/index.ts';
import { presentAsk } from '../present/discord/index.ts';
import type { ReplyBody } from './reply-body.ts';
import { answerRows } from './source-buttons.ts';

/** Passages an answer considers (and lists under "See also"). */
export const ANSWER_PASSAGES = 3;

/**
 * An answer as /ask shows it, wherever it was asked (a command, a mention, a DM, a help channel):
 * the quoted sentences with their citations, "Show paragraph [n]" and links to the sources.
 */
export function answerBody(result: AskResult): ReplyBody {
  const presented = presentAsk(result);
  return { ...presented, components: answerRows(presented.sources, { paragraphs: true }) };
}
