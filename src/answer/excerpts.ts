import type { Chunk } from '../knowledge/index.ts';
import { idf, termOf, words, type QueryPlan, type Vocabulary } from '../search/index.ts';
import { quotableUnits, type Sentence } from './sentences.ts';
import { ASK_DEFAULTS } from './options.ts';
import type { Excerpt, Span } from './types.ts';

/** Offsets of the words in `text` whose index term the query searched for. */
export function markTerms(text: string, terms: ReadonlyMap<string, number>): Span[] {
  const spans: Span[] = [];
  for (const w of words(text)) {
    const term = termOf(w.text);
    if (term !== null && terms.has(term)) spans.push([w.start, w.end]);
  }
  return spans;
}

export function toExcerpt(chunk: Chunk, sentence: Sentence, terms: ReadonlyMap<string, number>): Excerpt {
  return {
    text: sentence.text,
    chunkId: chunk.id,
    citation: chunk.citation,
    url: chunk.url,
    marks: markTerms(sentence.text, terms),
  };
}

/** How much of the query a sentence holds: the idf of each distinct query term in it. */
export function sentenceScore(text: string, terms: ReadonlyMap<string, number>, vocabulary: Vocabulary): number {
  const found = new Set<string>();
  for (const w of words(text)) {
    const term = termOf(w.text);
    if (term !== null && terms.has(term)) found.add(term);
  }
  let score = 0;
  for (const term of found) score += idf(vocabulary, term) * (terms.get(term) ?? 0);
  return score;
}

/**
 * The sentence or two of a chunk that answer: the one holding most of the query, and the
 * runner-up when it holds at least half as much. Quoted in reading order.
 */
export function bestExcerpts(chunk: Chunk, plan: QueryPlan, vocabulary: Vocabulary, max = ASK_DEFAULTS.excerptSentences): Excerpt[] {
  const units = quotableUnits(chunk);
  if (units.length === 0) return [];
  const scored = units.map((s, i) => ({ s, i, score: sentenceScore(s.text, plan.terms, vocabulary) }));
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const top = ranked[0];
  if (!top || top.score === 0) return [toExcerpt(chunk, units[0]!, plan.terms)];
  const chosen = ranked.slice(0, max).filter((r) => r.score > 0 && r.score >= top.score * ASK_DEFAULTS.excerptShare);
  return chosen.sort((a, b) => a.i - b.i).map((r) => toExcerpt(chunk, r.s, plan.terms));
}
