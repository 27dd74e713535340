import type { KnowledgeBase } from './knowledge-base.ts';
import type { QueryTerm } from './postings.ts';
import type { PageRanking } from './options.ts';
import { termOf, tokenize } from './text.ts';

/**
 * Pages as units of retrieval. In a folder of thousands of pages a question names what a page is
 * about (its title, the one line that says what it is for, its section headings) and spreads its
 * other words over several of its paragraphs, so no single paragraph holds them all. A page is
 * scored BM25F-style: the query's words counted in each of its fields, each field normalised by
 * its own length and weighted, then saturated once per word.
 *
 * The small fields are kept here, page by page; the body is read from the paragraph postings at
 * query time (a page's count of a word is the sum over its paragraphs), so nothing is persisted
 * and a reload, which makes a new chunk store, gets a new page index on first use.
 */

/** The fields a page has besides its body. */
export const PAGE_FIELDS = ['title', 'description', 'headings'] as const;
export type PageField = (typeof PAGE_FIELDS)[number] | 'body';

interface FieldPostings {
  /** term → page, count, page, count, … */
  postings: Map<string, number[]>;
  lengths: Float64Array;
  average: number;
}

export interface PageIndex {
  pageCount: number;
  /** Chunk position → page (document index). */
  pageOf: Uint32Array;
  /** First chunk of each page; one more entry for the end. */
  starts: Uint32Array;
  fields: Record<(typeof PAGE_FIELDS)[number], FieldPostings>;
  bodyLengths: Float64Array;
  bodyAverage: number;
}

const TEXT = 2;
const FIELD_COUNT = 3;
/** The opening of a page's first prose paragraph: "git-stash - Stash the changes in a dirty working directory away". */
const DESCRIPTION_CHARS = 400;
/** Paragraphs looked at for that opening: a page may begin with an import line or a synopsis. */
const DESCRIPTION_SEARCH = 3;

const built = new WeakMap<object, PageIndex>();

/**
 * The page index of a knowledge base, built once per chunk store: assembleKnowledgeBase asks for it,
 * so the first question does not wait while thousands of titles and headings are read.
 */
export function pageIndex(kb: KnowledgeBase): PageIndex {
  const cached = built.get(kb.chunks);
  if (cached) return cached;
  const index = buildPageIndex(kb);
  built.set(kb.chunks, index);
  return index;
}

function fieldPostings(pageCount: number, textsOf: (page: number) => string[]): FieldPostings {
  const postings = new Map<string, number[]>();
  const lengths = new Float64Array(pageCount);
  let sum = 0;
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
    lengths[page] = length;
    sum += length;
    for (const [term, count] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(page, count);
    }
  }
  return { postings, lengths, average: pageCount > 0 ? sum / pageCount : 0 };
}

/** A page's id read as words: its folder and file name say what it is ("nodejs/api/child_process"). */
export function idWords(id: string): string {
  return id.replace(/[/_.-]+/g, ' ');
}

function buildPageIndex(kb: KnowledgeBase): PageIndex {
  const pageCount = kb.documents.length;
  const columns = kb.chunks.columns;
  const pageOf = columns.document;
  const starts = new Uint32Array(pageCount + 1);
  for (let page = 0; page < pageCount; page++) starts[page] = kb.chunks.rangeOf(kb.documents[page]!.id)[0];
  starts[pageCount] = kb.chunks.size;
  const fieldLengths = kb.index.data.fieldLengths;
  const bodyLengths = new Float64Array(pageCount);
  let bodySum = 0;
  for (let c = 0; c < kb.chunks.size; c++) bodyLengths[pageOf[c]!]! += fieldLengths[c * FIELD_COUNT + TEXT]!;
  for (let page = 0; page < pageCount; page++) bodySum += bodyLengths[page]!;

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
  return {
    pageCount,
    pageOf,
    starts,
    fields: {
      title: fieldPostings(pageCount, (page) => [kb.documents[page]!.title, idWords(kb.documents[page]!.id)]),
      description: fieldPostings(pageCount, description),
      headings: fieldPostings(pageCount, headings),
    },
    bodyLengths,
    bodyAverage: pageCount > 0 ? bodySum / pageCount : 0,
  };
}

/** Reusable per-page accumulators: queries run one at a time. */
class PageScratch {
  readonly score: Float64Array;
  readonly tf: Float64Array;
  readonly body: Float64Array;
  readonly scored: Uint8Array;
  /** Left for the caller to combine page scores in; it must leave it zeroed. */
  readonly rank: Float64Array;

  constructor(pageCount: number) {
    this.rank = new Float64Array(pageCount);
    this.score = new Float64Array(pageCount);
    this.scored = new Uint8Array(pageCount);
    this.tf = new Float64Array(pageCount);
    this.body = new Float64Array(pageCount);
  }
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
  const { docs, freqs } = kb.index.data;
  const pages: number[] = [];
  const { weights, lengthNorm, k1 } = ranking;
  for (const { term, boost } of terms) {
    const hit: number[] = [];
    const add = (page: number, value: number) => {
      if (s.tf[page] === 0) hit.push(page);
      s.tf[page] = s.tf[page]! + value;
    };
    for (const field of PAGE_FIELDS) {
      const f = index.fields[field];
      const list = f.postings.get(term);
      if (!list || weights[field] === 0) continue;
      const b = lengthNorm[field];
      for (let i = 0; i < list.length; i += 2) {
        const page = list[i]!;
        add(page, (weights[field] * list[i + 1]!) / (1 - b + (b * f.lengths[page]!) / f.average));
      }
    }
    const [start, end] = kb.index.postingRange(term, 'text');
    const bodyHit: number[] = [];
    for (let p = start; p < end; p++) {
      const page = index.pageOf[docs[p]!]!;
      if (s.body[page] === 0) bodyHit.push(page);
      s.body[page] = s.body[page]! + freqs[p]!;
    }
    const b = lengthNorm.body;
    for (const page of bodyHit) {
      add(page, (weights.body * s.body[page]!) / (1 - b + (b * index.bodyLengths[page]!) / index.bodyAverage));
      s.body[page] = 0;
    }
    const df = hit.length;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const page of hit) {
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
