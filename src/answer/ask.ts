import { planQuery, runQuery, type KnowledgeBase, type QueryPlan } from '../search/index.ts';
import { judge, refusalText, type Refusal } from './answerable.ts';
import { bestExcerpts } from './excerpts.ts';
import { suggestTopics } from './suggest.ts';
import type { AskResult, Passage } from './types.ts';

export interface AskOptions {
  document?: string;
  /** Passages returned, best first. */
  passages?: number;
}

/** Longest question considered; the rest is ignored rather than searched. */
export const MAX_QUESTION_CHARS = 1000;

/** A runner-up within this share of the best paragraph's score often holds the other half of the answer. */
const RUNNER_UP_SHARE = 0.85;

function refuse(kb: KnowledgeBase, query: string, plan: QueryPlan, reason: Refusal, passages: Passage[] = [], unknown: string[] = []): AskResult {
  return { query, answered: false, refusal: refusalText(reason, unknown), reason, answer: [], passages, suggestions: suggestTopics(kb, plan) };
}

export function ask(kb: KnowledgeBase, question: string, options: AskOptions = {}): AskResult {
  const query = question.trim();
  const plan = planQuery(query.slice(0, MAX_QUESTION_CHARS), kb.vocabulary);
  if (query === '') return refuse(kb, query, plan, 'empty');
  if (plan.planned.length === 0) return refuse(kb, query, plan, 'no-words');

  const { hits } = runQuery(kb, plan, { ...(options.document ? { document: options.document } : {}), limit: options.passages ?? 3 });
  const passages: Passage[] = hits.slice(0, options.passages ?? 3).map((hit) => ({
    chunk: hit.chunk,
    score: hit.score,
    excerpts: bestExcerpts(hit.chunk, plan, kb.vocabulary),
  }));
  const verdict = judge(query, plan, passages[0], kb.vocabulary);
  if (!verdict.answerable) return refuse(kb, query, plan, verdict.reason, passages, verdict.unknown);
  const [first, second] = passages;
  const answer = [...(first?.excerpts ?? [])];
  if (first && second && second.score >= first.score * RUNNER_UP_SHARE) answer.push(...second.excerpts.slice(0, 1));
  return { query, answered: true, refusal: null, reason: null, answer, passages, suggestions: [] };
}
