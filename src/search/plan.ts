import { QUESTION_WORDS } from './stop-words.ts';
import { normalizeWord, termOf, words } from './text.ts';
import { idf, type Vocabulary } from './vocabulary.ts';

export type MatchKind = 'exact' | 'fuzzy' | 'prefix' | 'none';

export interface PlannedWord {
  word: string;
  start: number;
  end: number;
  stem: string;
  match: MatchKind;
  /** Index terms searched for this word, with the weight each carries. */
  terms: { term: string; weight: number }[];
  /** How much this word tells: its idf, or the most an unknown word can weigh. */
  weight: number;
  /** A word of asking ("say", "article") rather than of subject. */
  asking: boolean;
}

export interface QueryPlan {
  words: PlannedWord[];
  /** Every index term to search, with its weight (the best any word gave it). */
  terms: Map<string, number>;
  /** Set when the query had more content words than `maxWords` and the rest were dropped. */
  truncated: boolean;
}

export interface PlanOptions {
  /** Expand the last word as a prefix (while someone is typing). */
  prefixLast?: boolean;
  /** Distinct content words considered; the rest are ignored so one query cannot stall the loop. */
  maxWords?: number;
  /** Spellings tried per misspelt word. */
  maxCorrections?: number;
  /** Completions tried for the last word. */
  maxCompletions?: number;
}

export const PLAN_DEFAULTS: Required<PlanOptions> = {
  prefixLast: false,
  maxWords: 32,
  maxCorrections: 3,
  maxCompletions: 12,
};

const FUZZY_WEIGHT = [1, 0.7, 0.5];
const PREFIX_WEIGHT = 0.6;

/** Edit distance allowed for a word of this length: none for short words, where typos are guesses. */
export function maxEditDistance(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}

function corrections(vocabulary: Vocabulary, normal: string, limit: number): { term: string; distance: number }[] {
  const max = maxEditDistance(normal.length);
  if (max === 0 || /^\p{N}+$/u.test(normal)) return [];
  const best = new Map<string, { distance: number; df: number }>();
  for (const [, [stem, distance]] of vocabulary.words.fuzzyGet(normal, max)) {
    const df = vocabulary.df.get(stem) ?? 0;
    const seen = best.get(stem);
    if (!seen || distance < seen.distance) best.set(stem, { distance, df });
  }
  const ranked = [...best].sort((a, b) => a[1].distance - b[1].distance || b[1].df - a[1].df);
  const nearest = ranked[0]?.[1].distance;
  return ranked
    .filter(([, r]) => r.distance === nearest)
    .slice(0, limit)
    .map(([term, r]) => ({ term, distance: r.distance }));
}

function completions(vocabulary: Vocabulary, normal: string, limit: number): string[] {
  if (normal.length < 2) return [];
  const found = new Map<string, number>();
  let visited = 0;
  // A short prefix can match thousands of words; look at a bounded number of them.
  for (const [, stem] of vocabulary.words.atPrefix(normal)) {
    if (++visited > 500) break;
    found.set(stem, vocabulary.df.get(stem) ?? 0);
  }
  return [...found].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([stem]) => stem);
}

/**
 * Turns a query into index terms: each word's stem when the index has it, else its nearest
 * spellings (a misspelt word), else — for the word still being typed — its completions. Exact
 * terms never go fuzzy, so a correct query costs one lookup per word.
 */
export function planQuery(query: string, vocabulary: Vocabulary, options: PlanOptions = {}): QueryPlan {
  const opts = { ...PLAN_DEFAULTS, ...options };
  const all = words(query);
  const lastWord = all[all.length - 1];
  const typingLast = opts.prefixLast && lastWord !== undefined && lastWord.end === query.length;
  const unknownWeight = idf(vocabulary, '\u0000');
  const planned: PlannedWord[] = [];
  const seen = new Set<string>();
  let truncated = false;

  for (const w of all) {
    const stem = termOf(w.text);
    const isLast = w === lastWord;
    if (stem === null && !(typingLast && isLast)) continue;
    const key = stem ?? normalizeWord(w.text);
    if (seen.has(key)) continue;
    if (seen.size >= opts.maxWords) {
      truncated = true;
      break;
    }
    seen.add(key);
    const normal = normalizeWord(w.text);
    const asking = QUESTION_WORDS.has(normal);
    const base = { word: w.text, start: w.start, end: w.end, stem: key, asking };

    const terms: PlannedWord['terms'] = [];
    let match: MatchKind = 'none';
    if (stem !== null && vocabulary.df.has(stem)) {
      terms.push({ term: stem, weight: 1 });
      match = 'exact';
    }
    if (typingLast && isLast) {
      for (const term of completions(vocabulary, normal, opts.maxCompletions)) {
        if (term !== stem) terms.push({ term, weight: PREFIX_WEIGHT });
      }
      if (match === 'none' && terms.length > 0) match = 'prefix';
    }
    if (match === 'none') {
      for (const c of corrections(vocabulary, normal, opts.maxCorrections)) {
        terms.push({ term: c.term, weight: FUZZY_WEIGHT[c.distance] ?? 0.4 });
      }
      if (terms.length > 0) match = 'fuzzy';
    }
    const weight = match === 'none' ? unknownWeight : Math.max(...terms.map((t) => idf(vocabulary, t.term)));
    planned.push({ ...base, match, terms, weight });
  }

  const terms = new Map<string, number>();
  for (const p of planned) for (const t of p.terms) terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight));
  return { words: planned, terms, truncated };
}
