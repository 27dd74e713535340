import { spellAcronyms } from '../search/acronyms.ts';
import { planQuery, runQuery, type KnowledgeBase, type QueryPlan } from '../search/index.ts';
import { judge, refusalText, type JudgeCheck, type Refusal } from './answerable.ts';
import { ASK_DEFAULTS } from './options.ts';
import { bestExcerpts } from './excerpts.ts';
import type { Feedback, RankedHit } from './feedback.ts';
import { suggestTopics } from './suggest.ts';
import type { AskResult, Passage } from './types.ts';

export interface AskOptions {
  document?: string;
  /** Passages returned, best first. */
  passages?: number;
  /** What votes taught (feedback.ts): learned paragraphs are found by rewordings, blocked ones withheld. */
  feedback?: Feedback;
}

function refuse(kb: KnowledgeBase, query: string, plan: QueryPlan, reason: Refusal, declinedBy?: { check: JudgeCheck; passages: Passage[]; unknown?: string[] | undefined }): AskResult {
  const refusal = refusalText(reason, declinedBy?.unknown);
  const judged = declinedBy ? { check: declinedBy.check } : {};
  return { query, answered: false, refusal, reason, ...judged, answer: [], passages: declinedBy?.passages ?? [], suggestions: suggestTopics(kb, plan) };
}

/** A learned paragraph is quoted by the words of the question people voted for as well as the new one's. */
function quotingPlan(plan: QueryPlan, hit: RankedHit): QueryPlan {
  if (!hit.learned) return plan;
  const terms = new Map(hit.learned.terms);
  for (const [t, w] of plan.terms) terms.set(t, Math.max(terms.get(t) ?? 0, w));
  return { ...plan, terms };
}

export function ask(kb: KnowledgeBase, question: string, options: AskOptions = {}): AskResult {
  const query = question.trim();
  const plan = spellAcronyms(planQuery(query.slice(0, ASK_DEFAULTS.maxQuestionChars), kb.vocabulary), kb);
  if (query === '') return refuse(kb, query, plan, 'empty');
  if (plan.planned.length === 0) return refuse(kb, query, plan, 'no-words');

  const depth = options.passages ?? ASK_DEFAULTS.passages;
  const { feedback } = options;
  // Withheld paragraphs must leave enough behind them.
  const limit = depth + (feedback?.blocked ?? 0);
  const { hits } = runQuery(kb, plan, { ...(options.document ? { document: options.document } : {}), limit });
  const ranked: RankedHit[] = feedback ? feedback.rank(query, plan, hits, options.document) : hits;
  const passages: Passage[] = ranked.slice(0, depth).map((hit) => ({
    chunk: hit.chunk,
    score: hit.score,
    excerpts: bestExcerpts(hit.chunk, quotingPlan(plan, hit), kb.vocabulary),
    ...(hit.learned ? { learnedFrom: hit.learned.question } : {}),
  }));
  const best = passages[0] && { ...passages[0], learned: ranked[0]?.learned?.stems };
  const verdict = judge(query, plan, best, kb.vocabulary);
  if (!verdict.answerable) return refuse(kb, query, plan, verdict.reason, { check: verdict.check, passages, unknown: verdict.unknown });
  const [first, second] = passages;
  const answer = [...(first?.excerpts ?? [])];
  if (first && second && second.score >= first.score * ASK_DEFAULTS.runnerUpShare) answer.push(...second.excerpts.slice(0, 1));
  return { query, answered: true, refusal: null, reason: null, answer, passages, suggestions: [] };
}
