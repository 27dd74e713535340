import { spellAcronyms } from '../search/acronyms.ts';
import { planQuery, runQuery, type KnowledgeBase, type QueryPlan } from '../search/index.ts';
import { refusalText, type JudgeCheck, type Refusal } from './answerable.ts';
import { judgeRanked } from './judged.ts';
import { ASK_DEFAULTS } from './options.ts';
import { bestExcerpts, toExcerpt } from './excerpts.ts';
import { quotableUnits } from './sentences.ts';
import type { Feedback, RankedHit } from './feedback.ts';
import { suggestTopics } from './suggest.ts';
import type { AskResult, Excerpt, Passage } from './types.ts';

export interface AskOptions {
  document?: string;
  /** Passages returned, best first. */
  passages?: number;
  /** What votes taught (feedback.ts): learned paragraphs are found by rewordings, blocked ones withheld. */
  feedback?: Feedback;
  /** Runner-ups judged when the best paragraph fails a check about itself (`AskTuning.runnerUps`). */
  runnerUps?: number;
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

/** The sentence after the quoted ones that the judge read the answer in, quoted after them. */
function continuedExcerpt(passage: Passage | undefined, text: string | undefined, plan: QueryPlan): Excerpt[] {
  const sentence = passage && text !== undefined ? quotableUnits(passage.chunk).find((u) => u.text === text) : undefined;
  return passage && sentence ? [toExcerpt(passage.chunk, sentence, plan.terms)] : [];
}

export function ask(kb: KnowledgeBase, question: string, options: AskOptions = {}): AskResult {
  const query = question.trim();
  const plan = spellAcronyms(planQuery(query.slice(0, ASK_DEFAULTS.maxQuestionChars), kb.vocabulary), kb);
  if (query === '') return refuse(kb, query, plan, 'empty');
  if (plan.planned.length === 0) return refuse(kb, query, plan, 'no-words');

  const depth = options.passages ?? ASK_DEFAULTS.passages;
  const runnerUps = options.runnerUps ?? ASK_DEFAULTS.runnerUps;
  const { feedback } = options;
  // Withheld paragraphs must leave enough behind them, and the runner-ups judged must be ranked.
  const weighed = Math.max(depth, runnerUps + 1);
  const limit = weighed + (feedback?.blocked ?? 0);
  const { hits } = runQuery(kb, plan, { ...(options.document ? { document: options.document } : {}), limit });
  const ranked: RankedHit[] = feedback ? feedback.rank(query, plan, hits, options.document) : hits;
  const candidates = ranked.slice(0, weighed).map((hit) => ({
    chunk: hit.chunk,
    score: hit.score,
    excerpts: bestExcerpts(hit.chunk, quotingPlan(plan, hit), kb.vocabulary),
    ...(hit.learned ? { learnedFrom: hit.learned.question } : {}),
  }));
  const judged = candidates.map((c, i) => ({ ...c, learned: ranked[i]?.learned?.stems }));
  const { verdict, index } = judgeRanked(query, plan, judged, kb.vocabulary, { ...ASK_DEFAULTS, runnerUps });
  const chosen = candidates[index];
  const passages: Passage[] = (chosen ? [chosen, ...candidates.filter((c) => c !== chosen)] : candidates).slice(0, depth);
  if (!verdict.answerable) return refuse(kb, query, plan, verdict.reason, { check: verdict.check, passages, unknown: verdict.unknown });
  const [first, second] = passages;
  const answer = [...(first?.excerpts ?? []), ...continuedExcerpt(first, verdict.continued, plan)];
  // A runner-up answers alone: the paragraph ranked above it was declined.
  if (index === 0 && first && second && second.score >= first.score * ASK_DEFAULTS.runnerUpShare) answer.push(...second.excerpts.slice(0, 1));
  return { query, answered: true, refusal: null, reason: null, answer, passages, suggestions: [] };
}
