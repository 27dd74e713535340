import { PLAN_DEFAULTS, type PlanOptions } from './options.ts';
import { spellingVariants } from './spelling.ts';
import { QUESTION_WORDS, STOP_WORDS } from './stop-words.ts';
import { normalizeWord, termOf, words, type Word } from './text.ts';
import { idf, type Vocabulary } from './vocabulary.ts';

export type MatchKind = 'exact' | 'synonym' | 'fuzzy' | 'prefix' | 'none';

export interface PlannedWord {
  /** As typed. */
  word: string;
  start: number;
  end: number;
  /** What makes it the same word twice: its index term, or its spelling when it has none (a stop word being typed). */
  key: string;
  match: MatchKind;
  /** Index terms searched for this word, with the weight each carries, and for a correction how many slips of typing away it is (a swap is one). */
  terms: { term: string; weight: number; edits?: number }[];
  /** How much this word tells: its idf, or the most an unknown word can weigh. */
  weight: number;
  /** A word of asking ("say", "article") rather than of subject. */
  asking: boolean;
  /** Capitalised inside the question, or a number: a name ("Nvidia", "2022"), not a common word. */
  name: boolean;
  /**
   * Index terms that hold the word in a paragraph without it: narrower words of a word the
   * material lacks ("obstacles" → barriers), synonyms of one it uses ("program" → plan; see
   * synonyms.ts). Not searched, and no part of `terms`; only the judge reads them, to hold what
   * is asked about.
   */
  related: string[];
}

export interface QueryPlan {
  planned: PlannedWord[];
  /** Every index term to search, with its weight (the best any word gave it). */
  terms: Map<string, number>;
  /** Set when the query had more content words than `maxWords` and the rest were dropped. */
  truncated: boolean;
  /** Every word of the query in order, normalised, stop words included: for phrase matching. */
  sequence: string[];
}

/**
 * Edit distance allowed for a word of this length: none for short words, where typos are guesses,
 * and two only for long ones — two edits turn "mountain" into "maintain" and "router" into "foster".
 */
export function maxEditDistance(length: number): number {
  return length <= 3 ? 0 : length <= 8 ? 1 : 2;
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("theem" → "theme"). */
export function damerau(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/** Same first letter, or the first two swapped. */
function sameStart(typed: string, word: string): boolean {
  return typed[0] === word[0] || (typed[0] === word[1] && typed[1] === word[0]);
}

function corrections(vocabulary: Vocabulary, normal: string, limit: number): { term: string; distance: number; edits: number }[] {
  const max = maxEditDistance(normal.length);
  if (max === 0 || /^\p{N}+$/u.test(normal)) return [];
  const best = new Map<string, { distance: number; df: number; edits: number }>();
  const consider = (found: Map<string, [string, number]>, swapsOnly: boolean) => {
    for (const [word, [stem, levenshtein]] of found) {
      const distance = swapsOnly ? damerau(normal, word) : levenshtein;
      const df = vocabulary.df.get(stem) ?? 0;
      // A word whose last paragraph was removed by a reload is no correction; and people rarely
      // mistype a word's first letter, so "bake" is not "wake" ("teh" for "the" is a swap).
      if (distance > max || df === 0 || !sameStart(normal, word)) continue;
      const seen = best.get(stem);
      if (!seen || distance < seen.distance) best.set(stem, { distance, df, edits: swapsOnly ? distance : damerau(normal, word) });
    }
  };
  consider(vocabulary.spellingTree.fuzzyGet(normal, max), false);
  // A swapped pair costs two Levenshtein edits; look one further, keeping only swaps.
  if (best.size === 0) consider(vocabulary.spellingTree.fuzzyGet(normal, max + 1), true);
  const ranked = [...best].sort((a, b) => a[1].distance - b[1].distance || b[1].df - a[1].df);
  const nearest = ranked[0]?.[1].distance;
  return ranked
    .filter(([, r]) => r.distance === nearest)
    .slice(0, limit)
    .map(([term, r]) => ({ term, distance: r.distance, edits: r.edits }));
}

function completions(vocabulary: Vocabulary, normal: string, limit: number): string[] {
  if (normal.length < 2) return [];
  const found = new Map<string, number>();
  let visited = 0;
  // A short prefix can match thousands of words; look at a bounded number of them.
  for (const [, stem] of vocabulary.spellingTree.atPrefix(normal)) {
    if (++visited > 500) break;
    const df = vocabulary.df.get(stem) ?? 0;
    if (df > 0) found.set(stem, df);
  }
  return [...found].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([stem]) => stem);
}

/** "wat", "hw", "teh": a short unknown word one edit from a stop word is that stop word. */
function isMisspeltStopWord(normal: string): boolean {
  if (normal.length > 4) return false;
  for (const stop of STOP_WORDS) if (Math.abs(stop.length - normal.length) <= 1 && damerau(stop, normal) <= 1) return true;
  return false;
}

/**
 * Turns a query into index terms: each word's stem when the index has it, else the material's
 * words for the same thing (synonyms), else its nearest spellings (a misspelt word), else — for the word still being typed — its completions. Exact
 * terms never go fuzzy, so a correct query costs one lookup per word.
 */
export function planQuery(query: string, vocabulary: Vocabulary, options: PlanOptions = {}): QueryPlan {
  const opts = { ...PLAN_DEFAULTS, ...options };
  const all = words(query);
  const { planned, truncated } = planWords(query, all, vocabulary, opts);
  return { planned, terms: searchedTerms(planned, numberParts(query, all), opts), truncated, sequence: all.slice(0, opts.maxWords * 4).map((w) => normalizeWord(w.text)) };
}

/** What planning one query reads, and the fuzzy look-ups it has left. */
interface Planning {
  vocabulary: Vocabulary;
  opts: Required<PlanOptions>;
  /** The most an unknown word can weigh. */
  unknownWeight: number;
  fuzzyBudget: number;
}

/**
 * One word in three forms: as typed (`w.text`), as spelled for typo look-up (`normal`), and as
 * the index term (`ownTerm`, null for a stop word). `key` is what makes it the same word twice.
 */
interface WordForms {
  w: Word;
  normal: string;
  ownTerm: string | null;
  key: string;
  /** The last word, still being typed (PlanOptions.prefixLast). */
  typing: boolean;
  first: boolean;
}

type PlannedTerms = PlannedWord['terms'];

/** Each distinct content word planned, up to `maxWords` (then `truncated`). */
function planWords(query: string, all: readonly Word[], vocabulary: Vocabulary, opts: Required<PlanOptions>): { planned: PlannedWord[]; truncated: boolean } {
  const lastWord = all[all.length - 1];
  const typingLast = opts.prefixLast && lastWord !== undefined && lastWord.end === query.length;
  const planning: Planning = { vocabulary, opts, unknownWeight: idf(vocabulary, '\u0000'), fuzzyBudget: opts.maxFuzzyWords };
  const planned: PlannedWord[] = [];
  const seen = new Set<string>();
  for (const w of all) {
    const ownTerm = termOf(w.text);
    const normal = normalizeWord(w.text);
    const typing = typingLast && w === lastWord;
    if (ownTerm === null && !typing) continue;
    const key = ownTerm ?? normal;
    if (seen.has(key)) continue;
    if (seen.size >= opts.maxWords) return { planned, truncated: true };
    seen.add(key);
    const word = planWord({ w, normal, ownTerm, key, typing, first: w === all[0] }, planning);
    if (word) planned.push(word);
  }
  return { planned, truncated: false };
}

/** The word with the terms it is searched by; null for a misspelt stop word, which is dropped. */
function planWord(f: WordForms, planning: Planning): PlannedWord | null {
  const { w, normal, ownTerm } = f;
  const { vocabulary } = planning;
  const asking = QUESTION_WORDS.has(normal);
  const name = (!f.first && /^\p{Lu}/u.test(w.text)) || /^\p{N}+$/u.test(w.text);
  const base = { word: w.text, start: w.start, end: w.end, key: f.key, asking, name };
  const { terms, match } = wordTerms(f, planning);
  if (match === 'none' && isMisspeltStopWord(normal)) return null;
  const weight = match === 'none' ? planning.unknownWeight : Math.max(...terms.map((t) => idf(vocabulary, t.term)));
  // The material's own word (or its other spelling: "programme" is "program") names what holds it elsewhere.
  const related = ownTerm === null ? [] : (vocabulary.related.get(match === 'exact' ? terms[0]!.term : ownTerm) ?? []);
  return { ...base, match, terms, weight, related };
}

/**
 * The word's own term (and, while it is typed, its completions); failing that, the first of the
 * fallbacks that finds anything.
 */
function wordTerms(f: WordForms, planning: Planning): { terms: PlannedTerms; match: MatchKind } {
  const terms: PlannedTerms = [];
  let match: MatchKind = 'none';
  const own = materialSpelling(f, planning.vocabulary);
  if (own !== null) {
    terms.push({ term: own, weight: 1 });
    match = 'exact';
  }
  if (f.typing) {
    for (const term of completions(planning.vocabulary, f.normal, planning.opts.maxCompletions)) {
      if (term !== f.ownTerm) terms.push({ term, weight: planning.opts.prefixWeight });
    }
    if (match === 'none' && terms.length > 0) match = 'prefix';
  }
  if (match !== 'none') return { terms, match };
  for (const [kind, find] of FALLBACKS) {
    const found = find(f, planning);
    if (found.length > 0) return { terms: found, match: kind };
  }
  return { terms, match };
}

/** The word's index term as the material has it, or spelt the other side of the Atlantic ("centres" in material that says "centers" is the word itself). */
function materialSpelling(f: WordForms, vocabulary: Vocabulary): string | null {
  if (f.ownTerm === null) return null;
  if (vocabulary.df.has(f.ownTerm)) return f.ownTerm;
  const variant = spellingVariants(f.normal).map((v) => termOf(v)).find((t) => t !== null && vocabulary.df.has(t));
  return variant ? variant : null;
}

/** A word the material lacks, tried in this order; the first that finds terms gives the match. */
const FALLBACKS: readonly (readonly [MatchKind, (f: WordForms, planning: Planning) => PlannedTerms])[] = [
  ['synonym', synonymTerms],
  ['fuzzy', correctionTerms],
  ['prefix', clippedTerms],
];

function synonymTerms(f: WordForms, { vocabulary, opts }: Planning): PlannedTerms {
  if (f.ownTerm === null) return [];
  return (vocabulary.synonyms.get(f.ownTerm) ?? []).map((term) => ({ term, weight: opts.synonymWeight }));
}

/** Past the budget, or for a "word" no one would misspell (a hash, a URL), an unknown word stays unknown. */
function correctionTerms(f: WordForms, planning: Planning): PlannedTerms {
  const { opts } = planning;
  if (planning.fuzzyBudget <= 0 || f.normal.length > opts.maxFuzzyLength) return [];
  planning.fuzzyBudget--;
  return corrections(planning.vocabulary, f.normal, opts.maxCorrections).map((c) => ({ term: c.term, weight: opts.fuzzyWeights[c.distance] ?? opts.fuzzyWeights[opts.fuzzyWeights.length - 1] ?? 0, edits: c.edits }));
}

/** A clipped word ("tech", "govt") is the start of the word it stands for. */
function clippedTerms(f: WordForms, { vocabulary, opts }: Planning): PlannedTerms {
  if (f.normal.length < 4) return [];
  return completions(vocabulary, f.normal, opts.maxCorrections).map((term) => ({ term, weight: opts.prefixWeight }));
}

const DIGITS = /^\p{N}+$/u;

/**
 * Where the question writes a number in parts ("14:05", "0.1", "3.2.1"), the starts of those
 * parts. The index holds each part as a number of its own, so a table of "14" and "05" anywhere
 * matches them as well as the time does, and short numbers are rare enough in prose to outweigh
 * the question's subject.
 */
function numberParts(query: string, all: readonly Word[]): Set<number> {
  const parts = new Set<number>();
  for (let i = 0; i + 1 < all.length; i++) {
    const a = all[i]!;
    const b = all[i + 1]!;
    if (!DIGITS.test(a.text) || !DIGITS.test(b.text) || !/^[.:]$/u.test(query.slice(a.end, b.start))) continue;
    parts.add(a.start).add(b.start);
  }
  return parts;
}

/** Every index term to search with the best weight any word gave it. */
function searchedTerms(planned: readonly PlannedWord[], parts: ReadonlySet<number>, opts: Required<PlanOptions>): Map<string, number> {
  const terms = new Map<string, number>();
  for (const p of planned) {
    // "say", "article", "drew": worth finding, but the subject of the question ranks first.
    const scale = p.asking ? opts.askingWeight : parts.has(p.start) ? opts.numberPartWeight : 1;
    for (const t of p.terms) terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight * scale));
  }
  return terms;
}
