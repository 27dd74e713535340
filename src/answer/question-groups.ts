import { damerau } from '../search/plan.ts';
import { QUESTION_WORDS } from '../search/stop-words.ts';
import { normalizeWord, termOf, words, type Vocabulary } from '../search/index.ts';
import { GROUP_DEFAULTS, type GroupOptions } from './options.ts';
import { expectedAnswer, type AnswerType } from './question-kinds.ts';

/**
 * Which questions mean the same thing: "population of Shanghai?" and "how many people live in
 * Shanghai", but not "population of Beijing". A team reads its list of unanswered questions by
 * meaning, not by wording, and a down-voted answer is withheld from the question's rewordings too.
 *
 * A question becomes its content terms, as the engine reads them (stems, no stop words), each
 * weighed by how rare it is among the questions compared. Two questions are alike by the cosine of
 * those weights; two that name different things, or ask for different kinds of answer (a date, a
 * number), are never alike. Names are kept apart by that rule rather than weighed up: a heavier
 * shared name would join "population of Shanghai" and "Shanghai weather".
 */
export interface QuestionFeatures {
  /** Term → its share of weight: 1 for a word of subject, less for a word of asking or a synonym. */
  terms: Map<string, number>;
  /** Terms that are names (written capitalised inside a question, or numbers). */
  names: Set<string>;
  answer: AnswerType;
  /** The same for every wording with the same terms and answer kind: "reset my password?" and "Reset password". */
  key: string;
}

/** Ways of asking for one thing that share no word with its name: rewritten to the name before reading. */
const IDIOMS: readonly [RegExp, string][] = [
  [/\bhow many (?:people|persons|inhabitants|residents|citizens) (?:live|lives|living|reside|are there|are)\b/giu, 'population'],
  [/\b(?:number of|how many) (?:people|inhabitants|residents|citizens)\b/giu, 'population'],
  [/\bhow old\b/giu, 'age'],
  [/\bhow much (?:does|do|did|is|are|will)\b(.*)\bcost\b/giu, 'cost $1'],
  [/\bprice\b/giu, 'cost'],
];

/**
 * Words that name the kind of answer wanted: words of asking to the judge, but "conference dates"
 * and "conference venue" are two questions.
 */
const ANSWER_KIND_WORDS: ReadonlySet<string> = new Set(['date', 'dates', 'schedule', 'venue', 'location', 'located', 'whereabouts', 'year', 'years', 'cost', 'age']);

function rewrite(text: string): string {
  let out = text.normalize('NFKC');
  for (const [pattern, name] of IDIOMS) out = out.replace(pattern, name);
  return out;
}

const isNumber = (w: string) => /^\p{N}+$/u.test(w);

/** A word that looks like a name where it stands: capitalised after the first word, or a number. */
function looksLikeName(text: string, index: number): boolean {
  return (index > 0 && /^\p{Lu}/u.test(text)) || isNumber(text);
}

interface ReadOptions {
  /** Terms known to be names elsewhere (another question wrote "Shanghai" with a capital). */
  names?: ReadonlySet<string>;
  /** Misspelling → the spelling the set uses more often. */
  corrections?: ReadonlyMap<string, string>;
  options?: GroupOptions;
}

/** A question's features, read with the engine's own normalisation. */
export function questionFeatures(text: string, read: ReadOptions = {}): QuestionFeatures {
  const options = read.options ?? GROUP_DEFAULTS;
  const rewritten = rewrite(text);
  const terms = new Map<string, number>();
  const names = new Set<string>();
  const add = (term: string, share: number) => terms.set(term, Math.max(terms.get(term) ?? 0, share));
  words(rewritten).forEach((w, i) => {
    const normal = normalizeWord(w.text);
    const spelled = read.corrections?.get(normal) ?? normal;
    const term = termOf(spelled === normal ? w.text : spelled);
    if (term === null) return;
    const asking = QUESTION_WORDS.has(normal) && !ANSWER_KIND_WORDS.has(normal);
    add(term, asking ? options.askingFactor : 1);
    if (looksLikeName(w.text, i) || read.names?.has(term)) names.add(term);
  });
  const answer = expectedAnswer(text);
  // Without a word of content, only the same wording is the same question.
  const key = terms.size === 0 ? `text|${normalizeWord(text).replace(/\s+/gu, ' ').trim()}` : `${answer}|${[...terms].map(([t, s]) => `${t}:${s}`).sort().join(' ')}`;
  return { terms, names, answer, key };
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * How alike two questions are, 0..1: the cosine of their term weights (`weight` says how much a
 * term tells), or 0 when they name different things or want different kinds of answer.
 */
export function likeness(a: QuestionFeatures, b: QuestionFeatures, weight: (term: string) => number): number {
  if (a.key === b.key) return a.terms.size > 0 ? 1 : 0;
  if (a.answer !== 'any' && b.answer !== 'any' && a.answer !== b.answer) return 0;
  if (a.names.size > 0 && b.names.size > 0 && !sameSet(a.names, b.names)) return 0;
  const w = (f: QuestionFeatures, term: string) => (f.terms.get(term) ?? 0) * weight(term);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const term of a.terms.keys()) {
    const x = w(a, term);
    na += x * x;
    if (b.terms.has(term)) dot += x * w(b, term);
  }
  for (const term of b.terms.keys()) nb += w(b, term) ** 2;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Each spelling with its single-letter deletions: two words within one edit share one of these. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

/**
 * Slips of one letter ("poplation") mapped to the spelling more of the set's questions use; a word
 * the material's vocabulary knows is taken as meant. Ties stay apart: which is the slip is a guess.
 */
function spellingFixes(texts: readonly string[], options: GroupOptions, vocabulary?: Vocabulary): Map<string, string> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of new Set(words(rewrite(text)).map((x) => normalizeWord(x.text)))) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byKey = new Map<string, string[]>();
  const long = [...counts.keys()].filter((w) => w.length >= options.minTypoLength && !isNumber(w) && termOf(w) !== null).sort();
  for (const w of long) {
    for (const k of deletionKeys(w)) {
      const list = byKey.get(k);
      if (list) list.push(w);
      else byKey.set(k, [w]);
    }
  }
  const fixes = new Map<string, string>();
  for (const w of long) {
    if (vocabulary?.surface.has(w)) continue;
    let best: string | null = null;
    for (const k of deletionKeys(w)) {
      for (const v of byKey.get(k) ?? []) {
        if (v === w || v[0] !== w[0] || counts.get(v)! <= counts.get(w)! || damerau(v, w) > 1) continue;
        if (best === null || counts.get(v)! > counts.get(best)! || (counts.get(v) === counts.get(best) && v < best)) best = v;
      }
    }
    if (best !== null) fixes.set(w, best);
  }
  // A fix of a fix: counts rise along the chain, so it ends.
  for (const [w, v] of fixes) {
    let to = v;
    while (fixes.has(to)) to = fixes.get(to)!;
    fixes.set(w, to);
  }
  return fixes;
}

/** Terms that some question of the set writes as a name. */
function namesOf(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) {
    words(rewrite(text)).forEach((w, i) => {
      const term = looksLikeName(w.text, i) ? termOf(w.text) : null;
      if (term !== null) names.add(term);
    });
  }
  return names;
}

class Clusters {
  readonly #parent: number[];
  readonly members: number[][];

  constructor(n: number) {
    this.#parent = Array.from({ length: n }, (_, i) => i);
    this.members = Array.from({ length: n }, (_, i) => [i]);
  }

  find(i: number): number {
    while (this.#parent[i] !== i) i = this.#parent[i] = this.#parent[this.#parent[i]!]!;
    return i;
  }

  union(a: number, b: number): void {
    const [keep, drop] = a < b ? [a, b] : [b, a];
    this.#parent[drop] = keep;
    this.members[keep]!.push(...this.members[drop]!);
    this.members[drop] = [];
  }
}

/**
 * Each question filed under its heaviest terms only, enough that the rest of its weight could not
 * reach the threshold alone: two questions as alike as the threshold share one of those terms,
 * so only questions filed together are compared, and an everyday word ("AI" in an AI team's
 * questions) files nothing.
 */
function prefixBuckets(items: readonly QuestionFeatures[], weight: (term: string) => number, threshold: number): Map<string, number[]> {
  const buckets = new Map<string, number[]>();
  items.forEach((f, i) => {
    const weighted = [...f.terms].map(([t, share]) => [t, (share * weight(t)) ** 2] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let rest = total;
    for (const [term, w] of weighted) {
      // The terms left could give at most the square root of their share of the weight.
      if (rest < threshold * threshold * total) break;
      rest -= w;
      const bucket = buckets.get(term);
      if (bucket) bucket.push(i);
      else buckets.set(term, [i]);
    }
  });
  return buckets;
}

export interface GroupingOptions extends Partial<GroupOptions> {
  /** The material's vocabulary: its words are never taken for slips of another. */
  vocabulary?: Vocabulary;
}

/**
 * Clusters of indices of `texts` that mean the same, each in ascending order, clusters ordered by
 * their first index. Identical wordings are read once; candidates are the questions filed under a
 * shared heavy term (prefixBuckets), so a few thousand questions are not compared pair by pair. Two clusters join when the
 * average likeness between their members reaches the threshold (average link: one bridging pair
 * does not chain unrelated questions together).
 */
export function groupQuestions(texts: readonly string[], grouping: GroupingOptions = {}): number[][] {
  const { vocabulary, ...rest } = grouping;
  const options: GroupOptions = { ...GROUP_DEFAULTS, ...rest };
  const read: ReadOptions = { names: namesOf(texts), corrections: spellingFixes(texts, options, vocabulary), options };
  const distinct: QuestionFeatures[] = [];
  const indicesOf: number[][] = [];
  const byKey = new Map<string, number>();
  texts.forEach((text, i) => {
    const f = questionFeatures(text, read);
    const at = byKey.get(f.key);
    if (at !== undefined) return void indicesOf[at]!.push(i);
    byKey.set(f.key, distinct.length);
    distinct.push(f);
    indicesOf.push([i]);
  });
  const df = new Map<string, number>();
  for (const f of distinct) for (const t of f.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const weight = (t: string) => Math.log(1 + distinct.length / (df.get(t) ?? 1));
  const like = (a: number, b: number) => likeness(distinct[a]!, distinct[b]!, weight);

  const pairs = new Map<number, number>();
  const n = distinct.length;
  for (const bucket of prefixBuckets(distinct, weight, options.threshold).values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const id = bucket[x]! * n + bucket[y]!;
        if (!pairs.has(id)) pairs.set(id, like(bucket[x]!, bucket[y]!));
      }
    }
  }
  const ranked = [...pairs].filter(([, s]) => s >= options.threshold).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const clusters = new Clusters(n);
  const cached = (a: number, b: number) => pairs.get(Math.min(a, b) * n + Math.max(a, b)) ?? like(a, b);
  for (const [id] of ranked) {
    const a = clusters.find(Math.floor(id / n));
    const b = clusters.find(id % n);
    if (a === b) continue;
    let sum = 0;
    for (const x of clusters.members[a]!) for (const y of clusters.members[b]!) sum += cached(x, y);
    if (sum / (clusters.members[a]!.length * clusters.members[b]!.length) >= options.threshold) clusters.union(a, b);
  }
  return clusters.members
    .filter((m) => m.length > 0)
    .map((m) => m.flatMap((d) => indicesOf[d]!).sort((x, y) => x - y))
    .sort((x, y) => x[0]! - y[0]!);
}
