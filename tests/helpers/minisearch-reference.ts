import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { expect } from 'vitest';
import { FIELD_BOOSTS } from '../../src/search/options.ts';
import { PostingsBuilder, type PostingsIndex, type QueryTerm } from '../../src/search/postings.ts';
import { termOf, tokenize } from '../../src/search/text.ts';
import type { PeerDoc } from '../../bench/peers/types.ts';

/**
 * The reference the postings index is held to: MiniSearch indexing the same fields with the same
 * tokenizer and term rule, searched for exact terms with the same boosts. A chunk's fields as
 * plain strings, as the benchmark gives them to every engine.
 */
export type IndexedChunk = PeerDoc;

const INDEX_OPTIONS: Options<IndexedChunk> = { idField: 'id', fields: ['title', 'breadcrumb', 'text'], storeFields: [], tokenize, processTerm: termOf };
export const PLANNED_SEARCH: SearchOptions = {
  boost: FIELD_BOOSTS,
  prefix: false,
  fuzzy: false,
  combineWith: 'OR',
  tokenize: (query: string) => query.split(' '),
  processTerm: (term: string) => term,
};

export const tokenizing = { tokenize, processTerm: termOf };
export const fieldsOf = (c: IndexedChunk) => [c.title, c.breadcrumb, c.text];

export function buildPostings(chunks: readonly IndexedChunk[]): PostingsIndex {
  const builder = new PostingsBuilder(chunks.length, tokenizing);
  chunks.forEach((c, i) => builder.add(i, fieldsOf(c)));
  return builder.finish();
}

export function buildMiniSearch(chunks: readonly IndexedChunk[]): MiniSearch<IndexedChunk> {
  const ms = new MiniSearch<IndexedChunk>(INDEX_OPTIONS);
  ms.addAll(chunks);
  return ms;
}

/** The same chunks in both engines. */
export interface Pair {
  chunks: readonly IndexedChunk[];
  ms: MiniSearch<IndexedChunk>;
  index: PostingsIndex;
}

/** What MiniSearch itself returns for the same exact terms and boosts. */
export function reference(ms: MiniSearch<IndexedChunk>, query: readonly QueryTerm[], boostDocument?: (id: string) => number) {
  const boosts = new Map(query.map((q) => [q.term, q.boost]));
  return ms.search(query.map((q) => q.term).join(' '), {
    ...PLANNED_SEARCH,
    boostTerm: (t: string) => boosts.get(t) ?? 1,
    ...(boostDocument ? { boostDocument } : {}),
  });
}

/** The postings index scores `query` exactly as MiniSearch does: the same hits, scores, terms and total. */
export function expectSameAsMiniSearch({ chunks, ms, index }: Pair, query: readonly QueryTerm[], boostDocument?: (id: string) => number): void {
  const expected = reference(ms, query, boostDocument);
  const got = index.score(query, {
    fieldBoosts: FIELD_BOOSTS,
    limit: chunks.length,
    ...(boostDocument ? { chunkBoost: (i: number) => boostDocument(chunks[i]!.id) } : {}),
  });
  expect(got.total).toBe(expected.length);
  const byId = new Map(got.hits.map((h) => [chunks[h.chunk]!.id, h]));
  for (const r of expected) {
    const hit = byId.get(r.id as string);
    expect(hit, r.id as string).toBeDefined();
    expect(hit!.score).toBeCloseTo(r.score, 9);
    expect([...hit!.terms].sort()).toEqual([...r.terms].sort());
  }
  // Best first, as MiniSearch orders them (ties may fall either way).
  for (let i = 1; i < got.hits.length; i++) expect(got.hits[i - 1]!.score).toBeGreaterThanOrEqual(got.hits[i]!.score);
}
