import { planQuery, runQuery, type KnowledgeBase, type QueryPlan } from '../search/index.ts';
import { judge, refusalText, type Refusal } from './answerable.ts';
import { ASK_DEFAULTS } from './options.ts';
import { bestExcerpts } from './excerpts.ts';
import { suggestTopics } from './suggest.ts';
import type { AskResult, Passage } from './types.ts';

export interface AskOptions {
  document?: string;
  /** Passages returned, best first. */
  passages?: number;
}

function refuse(kb: KnowledgeBase, query: string, plan: QueryPlan, reason: Refusal, passages: Passage[] = [], unknown: string[] = []): AskResult {
  return { query, answered: false, refusal: refusalText(reason, unknown), reason, answer: [], passages, suggestions: suggestTopics(kb, plan) };
}

export function ask(kb: KnowledgeBase, question: string, options: AskOptions = {}): AskResult {
  const query = question.trim();
  const plan = planQuery(query.slice(0, ASK_DEFAULTS.maxQuestionChars), kb.vocabulary);
  if (query === '') return refuse(kb, query, plan, 'empty');
  if (plan.planned.length === 0) return refuse(kb, query, plan, 'no-words');

  const { hits } = runQuery(kb, plan, { ...(options.document ? { document: options.document } : {}), limit: options.passages ?? ASK_DEFAULTS.passages });
  const passages: Passage[] = hits.slice(0, options.passages ?? ASK_DEFAULTS.passages).map((hit) => ({
    chunk: hit.chunk,
    score: hit.score,
    excerpts: bestExcerpts(hit.chunk, plan, kb.vocabulary),
  }));
  const verdict = judge(query, plan, passages[0], kb.vocabulary);
  if (!verdict.answerable) return refuse(kb, query, plan, verdict.reason, passages, verdict.unknown);
  const [first, second] = passages;
  const answer = [...(first?.excerpts ?? [])];
  if (first && second && second.score >= first.score * ASK_DEFAULTS.runnerUpShare) answer.push(...second.excerpts.slice(0, 1));
  return { query, answered: true, refusal: null, reason: null, answer, passages, suggestions: [] };
}
