import { RELATED_DEFAULTS, type RelatedOptions } from './options.ts';
import { wordnetStems } from './wordnet.ts';

/**
 * People ask in their own words ("summit", "nations", "America") about material that says
 * "conference", "countries", "US". WordNet's synonym sets bridge that: at build time, every
 * English word that shares a synset with a word of the material is mapped to that word's stem.
 * The map is small (only bridges into this material) and persisted with the index, so the WordNet
 * table is read at most once per process that builds, never per query, and never by one that
 * loads; and WordNet itself once per machine (wordnet-cache.ts).
 */
export type SynonymMap = Map<string, string[]>;

/** Bridges kept per word: enough for its common senses, few enough to keep the query small. */
const MAX_BRIDGES = 4;

/**
 * For each stem the material lacks, the material's stems that WordNet says can mean the same.
 * `df` tells whether a stem is in the material and ranks bridges (rarer words are more specific,
 * so they go first).
 */
export function buildSynonyms(df: ReadonlyMap<string, number>, chunkCount: number): SynonymMap {
  const { stems: joined, sets, capitals } = wordnetStems();
  const stems = joined.split('\n');
  // A word that most of the material uses ("development") would bridge to everything.
  const common = Math.max(2, chunkCount * 0.5);
  const inMaterial = stems.map((s) => df.has(s));
  const bridgeable = stems.map((s, id) => inMaterial[id]! && (df.get(s) ?? 0) <= common);
  const bridges = new Map<number, Set<number>>();
  for (let at = 0; at < sets.length; ) {
    const fromCount = sets[at]!;
    const toCount = sets[at + 1]!;
    const from = sets.subarray(at + 2, at + 2 + fromCount);
    const to = sets.subarray(at + 2 + fromCount, at + 2 + fromCount + toCount);
    at += 2 + fromCount + toCount;
    const present = to.filter((id) => bridgeable[id]!);
    if (present.length === 0) continue;
    for (const id of from) {
      if (inMaterial[id]) continue;
      const set = bridges.get(id) ?? new Set<number>();
      for (const p of present) set.add(p);
      bridges.set(id, set);
    }
  }
  // A capital stands for its country's government even where the country is named everywhere ("Beijing" in an article on China).
  for (let at = 0; at + 1 < capitals.length; at += 2) {
    const [city, country] = [capitals[at]!, capitals[at + 1]!];
    if (inMaterial[city] || !inMaterial[country]) continue;
    const set = bridges.get(city) ?? new Set<number>();
    set.add(country);
    bridges.set(city, set);
  }
  const out: SynonymMap = new Map();
  for (const [id, set] of bridges) {
    const ranked = [...set].map((p) => stems[p]!).sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
    out.set(stems[id]!, ranked.slice(0, MAX_BRIDGES));
  }
  return out;
}

/**
 * For each stem, the material's stems that hold it in a paragraph without it, though nothing
 * searches for them there: its narrower words one WordNet link away ("obstacles" → barriers,
 * "abilities" → capabilities, "goal" → aim; for a word the material uses, only when `options`
 * say so); for a word the material uses, its synonyms ("program" → plan), which a word the
 * material lacks searches for already. They are not
 * the question's words, so the judge reads them only to hold what a question asks about in a
 * paragraph found by its other words (answerable.ts).
 */
export function buildRelated(df: ReadonlyMap<string, number>, chunkCount: number, synonyms: SynonymMap, options: RelatedOptions = RELATED_DEFAULTS): SynonymMap {
  const { stems: joined, alike, related } = wordnetStems();
  const stems = joined.split('\n');
  const common = Math.max(2, chunkCount * 0.5);
  const bridgeable = (id: number) => (df.get(stems[id]!) ?? 0) > 0 && (df.get(stems[id]!) ?? 0) <= common;
  const bridges = new Map<number, Set<number>>();
  const link = (records: Uint32Array, applies: (id: number) => boolean) => {
    for (let at = 0; at < records.length; ) {
      const fromCount = records[at]!;
      const toCount = records[at + 1]!;
      const from = records.subarray(at + 2, at + 2 + fromCount);
      const present = records.subarray(at + 2 + fromCount, at + 2 + fromCount + toCount).filter(bridgeable);
      at += 2 + fromCount + toCount;
      if (present.length === 0) continue;
      for (const id of from) {
        if (!applies(id)) continue;
        const set = bridges.get(id) ?? new Set<number>();
        for (const p of present) set.add(p);
        bridges.set(id, set);
      }
    }
  };
  link(related, (id) => options.narrowerOfOwnWords || !df.has(stems[id]!));
  link(alike, (id) => df.has(stems[id]!));
  const out: SynonymMap = new Map();
  for (const [id, set] of bridges) {
    const stem = stems[id]!;
    const same = new Set(synonyms.get(stem) ?? []);
    const ranked = [...set].map((p) => stems[p]!).filter((p) => p !== stem && !same.has(p)).sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
    if (ranked.length > 0) out.set(stem, ranked.slice(0, MAX_BRIDGES));
  }
  return out;
}
