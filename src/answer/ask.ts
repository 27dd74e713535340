import { planQuery, runQuery, type KnowledgeBase, type QueryPlan } from '../search/index.ts';
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

/**
 * Share of a question's meaning that the material holds, below which the question is declined
 * rather than answered with the least bad paragraph. Chosen on the evaluation set (`npm run eval`).
 */
export const COVERAGE_THRESHOLD = 0.25;

const MATCH_CREDIT = { exact: 1, synonym: 0.5, fuzzy: 0.8, prefix: 0.6, none: 0 } as const;

/**
 * How much of the question the material covers: each word of subject (not of asking) weighs its
 * idf — a word unknown to the material weighs most — and counts as covered when the index holds it
 * or a close spelling of it. "How do I bake sourdough bread?" covers nothing; "What is the
 * population of Shanghai?" covers Shanghai but not the population, which weighs more.
 */
export function coverage(plan: QueryPlan): number {
  const subject = plan.words.filter((w) => !w.asking);
  const counted = subject.length > 0 ? subject : plan.words;
  let total = 0;
  let covered = 0;
  for (const w of counted) {
    // A name the material never mentions is what the question is about, and the material
    // cannot speak to it: "Nvidia", "Python", "2022".
    const unknownName = w.name && w.match === 'none';
    const weight = unknownName ? w.weight * 2 : w.weight;
    total += weight;
    if (!unknownName) covered += weight * MATCH_CREDIT[w.match];
  }
  return total === 0 ? 0 : covered / total;
}


function refuse(kb: KnowledgeBase, query: string, plan: QueryPlan, refusal: string, passages: Passage[] = []): AskResult {
  return { query, answered: false, refusal, answer: [], passages, suggestions: suggestTopics(kb, plan) };
}

export function ask(kb: KnowledgeBase, question: string, options: AskOptions = {}): AskResult {
  const query = question.trim();
  const plan = planQuery(query.slice(0, MAX_QUESTION_CHARS), kb.vocabulary);
  if (query === '') return refuse(kb, query, plan, 'The question is empty.');
  if (plan.words.length === 0) {
    return refuse(kb, query, plan, 'The question has no words to look for (only punctuation or very common words).');
  }

  const { hits } = runQuery(kb, plan, { ...(options.document ? { document: options.document } : {}), limit: options.passages ?? 3 });
  const passages: Passage[] = hits.slice(0, options.passages ?? 3).map((hit) => ({
    chunk: hit.chunk,
    score: hit.score,
    excerpts: bestExcerpts(hit.chunk, plan, kb.vocabulary),
  }));
  if (passages.length === 0 || coverage(plan) < COVERAGE_THRESHOLD) {
    return refuse(kb, query, plan, 'The material does not answer this question.', passages);
  }
  const [first, second] = passages;
  const answer = [...(first?.excerpts ?? [])];
  // A second paragraph that ranks nearly as high often holds the other half of the answer.
  if (first && second && second.score >= first.score * 0.85) answer.push(...second.excerpts.slice(0, 1));
  return { query, answered: true, refusal: null, answer, passages, suggestions: [] };
}
