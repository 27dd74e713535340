import type { QueryPlan, Vocabulary } from '../search/index.ts';
import { judge, type Verdict } from './answerable.ts';
import type { AskTuning } from './options.ts';
import type { Excerpt } from './types.ts';
import type { Chunk } from '../knowledge/index.ts';

/** A ranked paragraph as the judge weighs it. */
export interface Candidate {
  chunk: Chunk;
  score: number;
  excerpts: Excerpt[];
  learned?: ReadonlySet<string> | undefined;
}

/**
 * The verdict on the best ranked paragraph, or on the first close runner-up the judge accepts when
 * the best one fails one of `runnerUpChecks`: the ranking often puts the right paragraph second.
 * When none passes, the first paragraph's verdict stands.
 */
export function judgeRanked(question: string, plan: QueryPlan, candidates: readonly Candidate[], vocabulary: Vocabulary, tuning: Pick<AskTuning, 'runnerUps' | 'runnerUpScoreShare' | 'runnerUpChecks'>): { verdict: Verdict; index: number } {
  const [first] = candidates;
  const verdict = judge(question, plan, first, vocabulary);
  if (verdict.answerable || !first || !tuning.runnerUpChecks.includes(verdict.check)) return { verdict, index: 0 };
  const close = candidates.slice(1, 1 + tuning.runnerUps).filter((c) => c.score >= first.score * tuning.runnerUpScoreShare);
  for (const candidate of close) {
    const next = judge(question, plan, candidate, vocabulary);
    if (next.answerable) return { verdict: next, index: candidates.indexOf(candidate) };
  }
  return { verdict, index: 0 };
}
