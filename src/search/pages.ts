import type { KnowledgeBase } from './knowledge-base.ts';
import { textLength, type QueryTerm } from './postings.ts';
import type { PageRanking } from './options.ts';
import { pageUnits, type PageUnits } from './sections.ts';
import { termOf, tokenize } from './text.ts';

/**
 * Pages as units of retrieval. In a folder of thousands of pages a question names what a page is
 * about (its title, the one line that says what it is for, its section headings) and spreads its
 * other words over several of its paragraphs, so no single paragraph holds them all. A page is
 * scored BM25F-style: the query's words counted in each of its fields, each field normalised by
 * its own length and weighted, then saturated once per word.
 *
 * The small fields' postings and every field's lengths are typed arrays (PageIndexData) that the
 * index file keeps beside the paragraph postings: reading thousands of titles, openings and
 * headings again would make every start-up pay for what the build already did. The body is read
 * from the paragraph postings at query time (a page's count of a word is the sum over its
 * paragraphs).
 *
 * A "page" here is a unit of ranking (sections.ts): a document, or a section of a long one.
 */

/** The fields a page has besides its body. */
export const PAGE_FIELDS = ['title', 'description', 'headings'] as const;
export type PageField = (typeof PAGE_FIELDS)[number] | 'body';
const SMALL = PAGE_FIELDS.length;
/** Lengths are kept per page for the small fields and then the body. */
const LENGTHS = SMALL + 1;
const BODY = SMALL;

/** What a page index is made of, as the index file stores it. */
export interface PageIndexData {
  /** The small fields' terms in code-unit order: found by binary search, so opening builds no map. */
  terms: string[];
  /** Start of each (term, field) list in `pages`/`counts`, at `term * 3 + field`; one more for the end. */
  offsets: Uint32Array;
  /** Ascending within each list. */
  pages: Uint32Array;
  counts: Uint32Array;
  /** Words of each page's fields, at `page * 4 + field`, the body last (its paragraphs' text lengths added up). */
  lengths: Uint32Array;
}

export interface PageIndex {
  pageCount: number;
  /** Chunk position → page (a document, or a section of a long one). */
  pageOf: Uint32Array;
  /** First chunk of each page; one more entry for the end. */
  starts: Uint32Array;
  /** Page → the document it is or is part of. */
  documentOf: Uint32Array;
  data: PageIndexData;
  /** Average length of each field, the body last. */
  averages: Float64Array;
}

/** The opening of a page's first prose paragraph: "git-stash - Stash the changes in a dirty working directory away". */
const DESCRIPTION_CHARS = 400;
/** Paragraphs looked at for that opening: a page may begin with an import line or a synopsis. */
const DESCRIPTION_SEARCH = 3;

const indexes = new WeakMap<object, PageIndex>();

/**
 * The page index of a knowledge base, one per chunk store: given by the index file when the
 * knowledge base was loaded (see usePageIndex), otherwise built on first use.
 */
export function pageIndex(kb: KnowledgeBase): PageIndex {
  const known = indexes.get(kb.chunks);
  if (known) return known;
  const units = pageUnits(kb);
  const index = fromData(units, buildPageIndexData(kb, units));
  indexes.set(kb.chunks, index);
  return index;
}

/** Serves `data`, read from the index file, as the page index of `kb`. */
export function usePageIndex(kb: KnowledgeBase, data: PageIndexData): void {
  const units = pageUnits(kb);
  checkData(units, data);
  indexes.set(kb.chunks, fromData(units, data));
}

/** Where the postings of `term` in a small field lie in `data.pages`/`data.counts`: [start, end), empty for an unknown term. */
export function pagePostingRange(index: PageIndex, term: string, field: (typeof PAGE_FIELDS)[number]): [number, number] {
  const id = termId(index.data.terms, term);
  if (id < 0) return [0, 0];
  const key = id * SMALL + PAGE_FIELDS.indexOf(field);
  return [index.data.offsets[key]!, index.data.offsets[key + 1]!];
}

function termId(terms: readonly string[], term: string): number {
  let low = 0;
  let high = terms.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const t = terms[mid]!;
    if (t === term) return mid;
    if (t < term) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

function fromData(units: PageUnits, data: PageIndexData): PageIndex {
  const pageCount = units.documentOf.length;
  // Lengths are whole numbers, so their sums are exact whatever the order.
  const averages = new Float64Array(LENGTHS);
  for (let i = 0; i < data.lengths.length; i++) averages[i % LENGTHS]! += data.lengths[i]!;
  if (pageCount > 0) for (let f = 0; f < LENGTHS; f++) averages[f]! /= pageCount;
  return { pageCount, pageOf: units.unitOf, starts: units.starts, documentOf: units.documentOf, data, averages };
}

/** A file that passed its checksum can still disagree with the chunks it came with, if written by a faulty build. */
function checkData(units: PageUnits, data: PageIndexData): void {
  const { terms, offsets, pages, counts, lengths } = data;
  const pageCount = units.documentOf.length;
  if (lengths.length !== pageCount * LENGTHS) throw new Error(`page lengths for ${lengths.length / LENGTHS} pages, ${pageCount} pages in the chunks`);
  if (offsets.length !== terms.length * SMALL + 1 || offsets[offsets.length - 1] !== pages.length || counts.length !== pages.length) {
    throw new Error('page postings do not add up');
  }
  for (let i = 0; i < pages.length; i++) if (pages[i]! >= pageCount) throw new Error(`page posting names page ${pages[i]!}`);
}

/** term → page, count, page, count, … for one field, pages ascending. */
type FieldLists = Map<string, number[]>;

function fieldLists(pageCount: number, lengths: Uint32Array, field: number, textsOf: (page: number) => string[]): FieldLists {
  const lists: FieldLists = new Map();
  for (let page = 0; page < pageCount; page++) {
    const counts = new Map<string, number>();
    let length = 0;
    for (const text of textsOf(page)) {
      for (const token of tokenize(text)) {
        const term = termOf(token);
        if (term === null) continue;
        length++;
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
    lengths[page * LENGTHS + field] = length;
    for (const [term, count] of counts) {
      let list = lists.get(term);
      if (!list) lists.set(term, (list = []));
      list.push(page, count);
    }
  }
  return lists;
}

/** The three fields' lists as one sorted dictionary and flat arrays. */
function flatten(fields: readonly FieldLists[], lengths: Uint32Array): PageIndexData {
  const terms = [...new Set(fields.flatMap((f) => [...f.keys()]))].sort();
  const offsets = new Uint32Array(terms.length * SMALL + 1);
  let total = 0;
  for (const f of fields) for (const list of f.values()) total += list.length / 2;
  const pages = new Uint32Array(total);
  const counts = new Uint32Array(total);
  let at = 0;
  terms.forEach((term, id) => {
    for (let f = 0; f < SMALL; f++) {
      offsets[id * SMALL + f] = at;
      const list = fields[f]!.get(term) ?? [];
      for (let i = 0; i < list.length; i += 2) {
        pages[at] = list[i]!;
        counts[at] = list[i + 1]!;
        at++;
      }
    }
  });
  offsets[terms.length * SMALL] = at;
  return { terms, offsets, pages, counts, lengths };
}

/** A page's id read as words: its folder and file name say what it is ("nodejs/api/child_process"). */
export function idWords(id: string): string {
  return id.replace(/[/_.-]+/g, ' ');
}

function buildPageIndexData(kb: KnowledgeBase, units: PageUnits): PageIndexData {
  const pageCount = units.documentOf.length;
  const columns = kb.chunks.columns;
  const { starts, unitOf, documentOf } = units;
  const lengths = new Uint32Array(pageCount * LENGTHS);
  for (let c = 0; c < kb.chunks.size; c++) lengths[unitOf[c]! * LENGTHS + BODY]! += textLength(kb.index.data, c);

  const description = (page: number): string[] => {
    const end = Math.min(starts[page + 1]!, starts[page]! + DESCRIPTION_SEARCH);
    for (let c = starts[page]!; c < end; c++) {
      if (kb.chunks.kindAt(c) === 'paragraph') return [kb.chunks.at(c).text.slice(0, DESCRIPTION_CHARS)];
    }
    return [];
  };
  const headings = (page: number): string[] => {
    const seen = new Set<number>();
    const out: string[] = [];
    for (let c = starts[page]!; c < starts[page + 1]!; c++) {
      const b = columns.breadcrumb[c]!;
      if (seen.has(b)) continue;
      seen.add(b);
      const trail = columns.breadcrumbs[b]!;
      // The outer headings were counted with the section that introduced them.
      if (trail.length > 0) out.push(trail[trail.length - 1]!);
    }
    return out;
  };
  const fields = [
    fieldLists(pageCount, lengths, 0, (page) => [kb.documents[documentOf[page]!]!.title, idWords(kb.documents[documentOf[page]!]!.id)]),
    fieldLists(pageCount, lengths, 1, description),
    fieldLists(pageCount, lengths, 2, headings),
  ];
  return flatten(fields, lengths);
}

/** Reusable per-page accumulators: queries run one at a time. */
class PageScratch {
  readonly score: Float64Array;
  readonly tf: Float64Array;
  readonly body: Float64Array;
  readonly scored: Uint8Array;
  /** Left for the caller to combine page scores in; it must leave it zeroed. */
  readonly rank: Float64Array;
  /** Pages one term reached, in the order reached, and those of its body postings. */
  hit: Uint32Array;
  readonly bodyHit: Uint32Array;

  constructor(pageCount: number) {
    this.rank = new Float64Array(pageCount);
    this.score = new Float64Array(pageCount);
    this.scored = new Uint8Array(pageCount);
    this.tf = new Float64Array(pageCount);
    this.body = new Float64Array(pageCount);
    this.hit = new Uint32Array(pageCount);
    this.bodyHit = new Uint32Array(pageCount);
  }

  /** Adds to a page's weighted count of the current term; returns the new number of pages hit. */
  add(hits: number, page: number, value: number): number {
    if (this.tf[page] === 0) {
      // Only a zero or negative weight can bring a page back to zero and in twice.
      if (hits === this.hit.length) this.hit = grown(this.hit);
      this.hit[hits++] = page;
    }
    this.tf[page] = this.tf[page]! + value;
    return hits;
  }
}

function grown(list: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(Math.max(16, list.length * 2));
  bigger.set(list);
  return bigger;
}

const scratches = new WeakMap<PageIndex, PageScratch>();

/**
 * BM25F scores of the pages holding any of `terms`, as (page, score) pairs in no order. A word's
 * counts are normalised field by field and added with the field weights before one saturation,
 * so a word in the title and the body is not counted as two words; its idf is over pages.
 */
export function scorePages(kb: KnowledgeBase, terms: readonly QueryTerm[], ranking: PageRanking): { pages: number[]; scores: Float64Array; rank: Float64Array } {
  const index = pageIndex(kb);
  const n = index.pageCount;
  let s = scratches.get(index);
  if (!s) scratches.set(index, (s = new PageScratch(n)));
  const pages: number[] = [];
  for (const { term, boost } of terms) {
    let hits = addSmallFields(index, s, term, ranking, 0);
    hits = addBody(kb, index, s, term, ranking, hits);
    const idf = Math.log(1 + (n - hits + 0.5) / (hits + 0.5));
    const { k1 } = ranking;
    for (let i = 0; i < hits; i++) {
      const page = s.hit[i]!;
      const tf = s.tf[page]!;
      if (s.scored[page] === 0) {
        s.scored[page] = 1;
        pages.push(page);
      }
      s.score[page] = s.score[page]! + (boost * idf * tf * (k1 + 1)) / (tf + k1);
      s.tf[page] = 0;
    }
  }
  const scores = new Float64Array(pages.length);
  pages.forEach((page, i) => {
    scores[i] = s.score[page]!;
    s.score[page] = 0;
    s.scored[page] = 0;
  });
  return { pages, scores, rank: s.rank };
}

/** A term's weighted counts in the title, description and headings, in that order. */
function addSmallFields(index: PageIndex, s: PageScratch, term: string, ranking: PageRanking, hits: number): number {
  const { offsets, pages, counts, lengths, terms } = index.data;
  const id = termId(terms, term);
  if (id < 0) return hits;
  for (let f = 0; f < SMALL; f++) {
    const field = PAGE_FIELDS[f]!;
    const weight = ranking.weights[field];
    if (weight === 0) continue;
    const b = ranking.lengthNorm[field];
    const average = index.averages[f]!;
    for (let i = offsets[id * SMALL + f]!; i < offsets[id * SMALL + f + 1]!; i++) {
      const page = pages[i]!;
      hits = s.add(hits, page, (weight * counts[i]!) / (1 - b + (b * lengths[page * LENGTHS + f]!) / average));
    }
  }
  return hits;
}

/** A term's weighted count in each page's body: its counts in the page's paragraphs added up. */
function addBody(kb: KnowledgeBase, index: PageIndex, s: PageScratch, term: string, ranking: PageRanking, hits: number): number {
  const { docs, freqs } = kb.index.data;
  const [start, end] = kb.index.postingRange(term, 'text');
  const pageOf = index.pageOf;
  let bodyHits = 0;
  for (let p = start; p < end; p++) {
    const page = pageOf[docs[p]!]!;
    if (s.body[page] === 0) s.bodyHit[bodyHits++] = page;
    s.body[page] = s.body[page]! + freqs[p]!;
  }
  const b = ranking.lengthNorm.body;
  const weight = ranking.weights.body;
  const average = index.averages[BODY]!;
  const lengths = index.data.lengths;
  for (let i = 0; i < bodyHits; i++) {
    const page = s.bodyHit[i]!;
    hits = s.add(hits, page, (weight * s.body[page]!) / (1 - b + (b * lengths[page * LENGTHS + BODY]!) / average));
    s.body[page] = 0;
  }
  return hits;
}
