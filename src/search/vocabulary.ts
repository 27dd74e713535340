import SearchableMap from 'minisearch/SearchableMap';
import { buildRelated, buildSynonyms, type SynonymMap } from './synonyms.ts';
import { normalizeWord, termOf, words } from './text.ts';

/**
 * What the index knows about its terms, beyond its postings: how many chunks hold
 * each stem (for weighing query words) and the surface words behind the stems (so a typo is
 * corrected against words people write, not against stems like "confer").
 */
export interface Vocabulary {
  chunkCount: number;
  /** stem → number of chunks containing it (title-only stems count as 1): what queries read */
  df: Map<string, number>;
  /** normalized word → its stem */
  surface: ReadonlyMap<string, string>;
  /**
   * The same, searchable by prefix and edit distance: MiniSearch's radix tree, filled from
   * `surface` in key order the first time typo correction or completion needs it.
   */
  readonly spellingTree: SearchableMap<string>;
  /** stem the material lacks → stems of the material that can mean the same (see synonyms.ts) */
  synonyms: SynonymMap;
  /** stem the material lacks → stems of the material one WordNet link away: broader or narrower words (see synonyms.ts) */
  related: SynonymMap;
  /** stem → chunks whose body holds it; kept apart from titles so a reload can subtract exactly */
  bodyDf: Map<string, number>;
  /** stem → documents whose title holds it */
  titleDf: Map<string, number>;
}

/**
 * The vocabulary as stored: keys joined by newlines (no term or word holds one) beside arrays
 * of numbers, which parse several times faster than arrays of pairs; words sorted, because
 * MiniSearch's radix tree fills several times faster in key order.
 */
export interface SerializedVocabulary {
  chunkCount: number;
  bodyDf: Counts;
  titleDf: Counts;
  /** Words in order, and the stem of each. */
  words: { keys: string; stems: string };
  synonyms: [string, string[]][];
  related: [string, string[]][];
}

interface Counts {
  keys: string;
  counts: number[];
}

const SEPARATOR = '\n';
const splitKeys = (keys: string) => (keys === '' ? [] : keys.split(SEPARATOR));

function countsOf(map: ReadonlyMap<string, number>): Counts {
  return { keys: [...map.keys()].join(SEPARATOR), counts: [...map.values()] };
}

function mapOf(c: Counts): Map<string, number> {
  const keys = splitKeys(c.keys);
  if (keys.length !== c.counts.length) throw new Error('vocabulary counts do not match their terms');
  const map = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) map.set(keys[i]!, c.counts[i]!);
  return map;
}

/** The stems of `text`, teaching `surface` the spelling behind each. */
function learn(text: string, surface: Map<string, string>): Set<string> {
  const seen = new Set<string>();
  for (const w of words(text)) {
    const stem = termOf(w.text);
    if (stem === null) continue;
    seen.add(stem);
    const normal = normalizeWord(w.text);
    if (!surface.has(normal)) surface.set(normal, stem);
  }
  return seen;
}

function count(map: Map<string, number>, stems: Iterable<string>, delta: number): void {
  for (const stem of stems) {
    const n = (map.get(stem) ?? 0) + delta;
    if (n > 0) map.set(stem, n);
    else map.delete(stem);
  }
}

/**
 * Titles are searchable words but do not count towards how common a word is: in a one-document
 * folder every chunk shares the title, which would make its words look like "the".
 */
function mergeDf(bodyDf: ReadonlyMap<string, number>, titleDf: ReadonlyMap<string, number>): Map<string, number> {
  const df = new Map(bodyDf);
  for (const stem of titleDf.keys()) if (!df.has(stem)) df.set(stem, 1);
  return df;
}

export interface VocabularyChange {
  /** What each chunk says (breadcrumb and text). */
  bodies: Iterable<string>;
  titles: Iterable<string>;
}

/** WordNet's bridges into the material: synonyms, and related words (broader or narrower; synonyms.ts). */
function bridgesOf(df: ReadonlyMap<string, number>, chunkCount: number, withSynonyms: boolean): { synonyms: SynonymMap; related: SynonymMap } {
  if (!withSynonyms) return { synonyms: new Map(), related: new Map() };
  const synonyms = buildSynonyms(df, chunkCount);
  return { synonyms, related: buildRelated(df, chunkCount, synonyms) };
}

/** The vocabulary of a whole folder. */
export function buildVocabulary(bodies: Iterable<string>, titles: Iterable<string>, withSynonyms = true): Vocabulary {
  return updateVocabulary(null, { bodies: [], titles: [] }, { bodies, titles }, withSynonyms);
}

/**
 * Collects the vocabulary while the postings are built, from the words tokenized anyway, so a build
 * reads every paragraph once rather than twice. Call `startChunk` before each chunk's words and
 * `word` for each of its body words (not its title's); titles are given to `finish`.
 */
export class VocabularyRecorder {
  readonly #bodyDf = new Map<string, number>();
  /** A plain map while recording (looked up for every word of every paragraph), a radix tree at the end. */
  readonly #surface = new Map<string, string>();
  /** Spellings already recorded: a folder repeats a few hundred thousand of them millions of times. */
  readonly #seen = new Set<string>();
  #current: Set<string> | null = null;
  #chunkCount = 0;

  startChunk(): void {
    this.#flush();
    this.#current = new Set();
    this.#chunkCount++;
  }

  word(word: string, stem: string): void {
    this.#current?.add(stem);
    if (this.#seen.has(word)) return;
    this.#seen.add(word);
    const normal = normalizeWord(word);
    if (!this.#surface.has(normal)) this.#surface.set(normal, stem);
  }

  finish(titles: Iterable<string>, withSynonyms = true): Vocabulary {
    this.#flush();
    const titleDf = new Map<string, number>();
    for (const title of titles) count(titleDf, learn(title, this.#surface), +1);
    const df = mergeDf(this.#bodyDf, titleDf);
    return withWordTree({
      chunkCount: this.#chunkCount,
      df,
      surface: this.#surface,
      ...bridgesOf(df, this.#chunkCount, withSynonyms),
      bodyDf: this.#bodyDf,
      titleDf,
    });
  }

  #flush(): void {
    if (this.#current) count(this.#bodyDf, this.#current, +1);
    this.#current = null;
  }
}

/**
 * A new vocabulary with `removed` taken out of `base` and `added` put in; `base` is not touched,
 * so the index it belongs to keeps answering until the new one replaces it.
 */
export function updateVocabulary(base: Vocabulary | null, removed: VocabularyChange, added: VocabularyChange, withSynonyms = true): Vocabulary {
  const bodyDf = new Map(base?.bodyDf);
  const titleDf = new Map(base?.titleDf);
  // Words no longer used stay in the surface map; they map to stems whose df is gone, and
  // readers ignore stems without a df.
  const surface = new Map(base?.surface);
  let chunkCount = base?.chunkCount ?? 0;
  const scratch = new Map<string, string>();
  for (const text of removed.bodies) {
    chunkCount--;
    count(bodyDf, learn(text, scratch), -1);
  }
  for (const title of removed.titles) count(titleDf, learn(title, scratch), -1);
  for (const text of added.bodies) {
    chunkCount++;
    count(bodyDf, learn(text, surface), +1);
  }
  for (const title of added.titles) count(titleDf, learn(title, surface), +1);
  const df = mergeDf(bodyDf, titleDf);
  return withWordTree({ chunkCount, df, surface, ...bridgesOf(df, chunkCount, withSynonyms), bodyDf, titleDf });
}

/**
 * Adds `spellingTree`, the radix tree over `surface`, filled on first use: a question whose words are all
 * in the index never needs it, and filling it would otherwise delay start-up and every reload.
 */
function withWordTree(vocabulary: Omit<Vocabulary, 'spellingTree'>): Vocabulary {
  let tree: SearchableMap<string> | null = null;
  return Object.defineProperty(vocabulary, 'spellingTree', {
    enumerable: true,
    get: () => {
      if (!tree) {
        tree = new SearchableMap<string>();
        for (const word of [...vocabulary.surface.keys()].sort()) tree.set(word, vocabulary.surface.get(word)!);
      }
      return tree;
    },
  }) as Vocabulary;
}

export function serializeVocabulary(v: Vocabulary): SerializedVocabulary {
  const words = [...v.surface].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    chunkCount: v.chunkCount,
    bodyDf: countsOf(v.bodyDf),
    titleDf: countsOf(v.titleDf),
    words: { keys: words.map(([w]) => w).join(SEPARATOR), stems: words.map(([, s]) => s).join(SEPARATOR) },
    synonyms: [...v.synonyms],
    related: [...v.related],
  };
}

export function deserializeVocabulary(s: SerializedVocabulary): Vocabulary {
  const bodyDf = mapOf(s.bodyDf);
  const titleDf = mapOf(s.titleDf);
  const keys = splitKeys(s.words.keys);
  const stems = splitKeys(s.words.stems);
  if (keys.length !== stems.length) throw new Error('vocabulary words do not match their stems');
  const surface = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) surface.set(keys[i]!, stems[i]!);
  return withWordTree({ chunkCount: s.chunkCount, df: mergeDf(bodyDf, titleDf), surface, synonyms: new Map(s.synonyms), related: new Map(s.related), bodyDf, titleDf });
}

/** Fills the words' radix tree now, so the first misspelt question does not wait for it. */
export function prepareWords(v: Vocabulary): void {
  v.spellingTree.size;
}

/** BM25's inverse document frequency: rare stems weigh more; an unknown stem weighs most. */
export function idf(v: Vocabulary, stem: string): number {
  const n = v.df.get(stem) ?? 0;
  return Math.log(1 + (v.chunkCount - n + 0.5) / (n + 0.5));
}
