import SearchableMap from 'minisearch/SearchableMap';
import { buildSynonyms, type SynonymMap } from './synonyms.ts';
import { normalizeWord, termOf, words } from './text.ts';

/**
 * What the index knows about its terms, beyond MiniSearch's own postings: how many chunks hold
 * each stem (for weighing query words) and the surface words behind the stems (so a typo is
 * corrected against words people write, not against stems like "confer").
 */
export interface Vocabulary {
  chunkCount: number;
  /** stem → number of chunks containing it */
  df: Map<string, number>;
  /** normalized word → its stem, searchable by prefix and edit distance */
  words: SearchableMap<string>;
  /** stem the material lacks → stems of the material that can mean the same (see synonyms.ts) */
  synonyms: SynonymMap;
}

export interface SerializedVocabulary {
  chunkCount: number;
  df: [string, number][];
  words: [string, string][];
  synonyms: [string, string[]][];
}

/**
 * `bodies` are what each chunk says (breadcrumb and text); `titles` are the document titles,
 * whose words every chunk of a document shares. Titles are searchable words but do not count
 * towards how common a word is: in a one-document folder they would otherwise look like "the".
 */
export function buildVocabulary(bodies: Iterable<string>, titles: Iterable<string>, withSynonyms = true): Vocabulary {
  const df = new Map<string, number>();
  const surface = new SearchableMap<string>();
  let chunkCount = 0;
  const learn = (text: string, seen: Set<string>) => {
    for (const w of words(text)) {
      const stem = termOf(w.text);
      if (stem === null) continue;
      seen.add(stem);
      const normal = normalizeWord(w.text);
      if (!surface.has(normal)) surface.set(normal, stem);
    }
  };
  for (const text of bodies) {
    chunkCount++;
    const seen = new Set<string>();
    learn(text, seen);
    for (const stem of seen) df.set(stem, (df.get(stem) ?? 0) + 1);
  }
  const titleStems = new Set<string>();
  for (const title of titles) learn(title, titleStems);
  for (const stem of titleStems) if (!df.has(stem)) df.set(stem, 1);
  return { chunkCount, df, words: surface, synonyms: withSynonyms ? buildSynonyms(df, chunkCount) : new Map() };
}

export function serializeVocabulary(v: Vocabulary): SerializedVocabulary {
  return { chunkCount: v.chunkCount, df: [...v.df], words: [...v.words], synonyms: [...v.synonyms] };
}

export function deserializeVocabulary(s: SerializedVocabulary): Vocabulary {
  return { chunkCount: s.chunkCount, df: new Map(s.df), words: SearchableMap.from(s.words) as SearchableMap<string>, synonyms: new Map(s.synonyms) };
}

/** BM25's inverse document frequency: rare stems weigh more; an unknown stem weighs most. */
export function idf(v: Vocabulary, stem: string): number {
  const n = v.df.get(stem) ?? 0;
  return Math.log(1 + (v.chunkCount - n + 0.5) / (n + 0.5));
}
