import fc from 'fast-check';
import type MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge, type Chunk } from '../../src/knowledge/index.ts';
import { indexedFields } from '../../src/search/knowledge-base.ts';
import { FIELD_BOOSTS } from '../../src/search/options.ts';
import type { PostingsIndex, QueryTerm } from '../../src/search/postings.ts';
import { ARTICLE_DIR, PROJECT } from '../helpers/folders.ts';
import { buildMiniSearch, buildPostings, expectSameAsMiniSearch, fieldsOf, PLANNED_SEARCH, tokenizing, type IndexedChunk } from '../helpers/minisearch-reference.ts';

const toIndexed = (c: Chunk): IndexedChunk => {
  const [title, breadcrumb, text] = indexedFields(c);
  return { id: c.id, title, breadcrumb, text };
};
const build = buildPostings;

let chunks: IndexedChunk[] = [];
let ms: MiniSearch<IndexedChunk>;
let index: PostingsIndex;
let terms: string[] = [];

beforeAll(async () => {
  const article = await loadKnowledge(ARTICLE_DIR);
  const fixture = await loadKnowledge(`${PROJECT}/tests/fixtures/discord-knowledge`);
  chunks = [...article.chunks, ...fixture.chunks].map(toIndexed);
  ms = buildMiniSearch(chunks);
  index = build(chunks);
  terms = index.data.terms;
});

const expectSame = (query: readonly QueryTerm[], boostDocument?: (id: string) => number) => expectSameAsMiniSearch({ chunks, ms, index }, query, boostDocument);

describe('PostingsIndex', () => {
  it('indexes every term MiniSearch indexes, with the same chunk counts per field', () => {
    expect(index.termCount).toBe(ms.termCount);
    for (const term of terms) {
      const data = ms.search(term, { ...PLANNED_SEARCH, fields: ['text'] });
      expect(index.frequency(term, 'text'), term).toBe(data.length);
    }
  });

  it.each([
    ['one common term', [{ term: 'ai', boost: 1 }]],
    ['several terms with boosts', [{ term: 'govern', boost: 1 }, { term: 'shanghai', boost: 0.7 }, { term: 'confer', boost: 0.4 }]],
    ['a term in titles and breadcrumbs', [{ term: 'handbook', boost: 1 }, { term: 'deploy', boost: 1 }]],
    ['a term no chunk has', [{ term: 'zzzz', boost: 1 }]],
  ])('scores %s as MiniSearch does', (_, query) => {
    expectSame(query);
  });

  it('applies a per-chunk boost, and a boost of 0 leaves the chunk out', () => {
    const credit = (id: string) => (id.endsWith('#credit') ? 0 : id.includes('#p1') ? 2 : 1);
    expectSame([{ term: 'ai', boost: 1 }, { term: 'illustr', boost: 1 }], credit);
  });

  it('matches MiniSearch on any set of indexed terms and boosts', () => {
    const query = fc.uniqueArray(fc.record({ term: fc.constantFrom(...terms), boost: fc.double({ min: 0.1, max: 3, noNaN: true }) }), { selector: (q) => q.term, minLength: 1, maxLength: 12 });
    fc.assert(fc.property(query, (q) => expectSame(q)), { numRuns: 200 });
  });

  it('tells apart the matches of up to 64 query terms, as MiniSearch does', () => {
    expect(terms.length).toBeGreaterThan(64);
    expectSame(terms.slice(0, 64).map((term, i) => ({ term, boost: 1 + (i % 3) / 2 })));
  });

  it('returns the best `limit` hits of all, and counts every match', () => {
    const query = [{ term: 'ai', boost: 1 }, { term: 'develop', boost: 1 }];
    const all = index.score(query, { fieldBoosts: FIELD_BOOSTS, limit: chunks.length });
    const few = index.score(query, { fieldBoosts: FIELD_BOOSTS, limit: 3 });
    expect(few.total).toBe(all.total);
    expect(few.hits).toEqual(all.hits.slice(0, 3));
  });

  it('leaves nothing behind between queries', () => {
    const query = [{ term: 'govern', boost: 1 }];
    const first = index.score(query, { fieldBoosts: FIELD_BOOSTS, limit: 10 });
    index.score([{ term: 'ai', boost: 2 }, { term: 'govern', boost: 1 }], { fieldBoosts: FIELD_BOOSTS, limit: 10 });
    expect(index.score(query, { fieldBoosts: FIELD_BOOSTS, limit: 10 })).toEqual(first);
  });

  it('filters chunks without changing their scores', () => {
    const query = [{ term: 'ai', boost: 1 }];
    const all = index.score(query, { fieldBoosts: FIELD_BOOSTS, limit: chunks.length });
    const even = index.score(query, { fieldBoosts: FIELD_BOOSTS, limit: chunks.length, filter: (i) => i % 2 === 0 });
    expect(even.hits).toEqual(all.hits.filter((h) => h.chunk % 2 === 0));
    expect(even.total).toBe(even.hits.length);
  });

  it('rebuilt with chunks dropped, moved and added scores as an index built from scratch', () => {
    // Drop every third chunk, keep the rest in order, and put two new chunks in between.
    const kept = chunks.filter((_, i) => i % 3 !== 0);
    const extra: IndexedChunk[] = [
      { id: 'new#p1', title: 'New', breadcrumb: '', text: 'AI governance needs new rules for frontier models.' },
      { id: 'new#p2', title: 'New', breadcrumb: 'Rules', text: 'Shanghai hosted the conference again.' },
    ];
    const next = [...kept.slice(0, 5), ...extra, ...kept.slice(5)];
    const position = new Map(next.map((c, i) => [c.id, i]));
    const remap = Int32Array.from(chunks, (c) => position.get(c.id) ?? -1);
    const rebuilt = index.rebuilt(remap, next.length, extra.map((c) => ({ chunk: position.get(c.id)!, fields: fieldsOf(c) })), tokenizing);
    const fresh = build(next);
    for (const query of [[{ term: 'ai', boost: 1 }], [{ term: 'shanghai', boost: 1 }, { term: 'rule', boost: 0.5 }], [{ term: 'frontier', boost: 1 }]]) {
      const a = rebuilt.score(query, { fieldBoosts: FIELD_BOOSTS, limit: 50 });
      const b = fresh.score(query, { fieldBoosts: FIELD_BOOSTS, limit: 50 });
      expect(a.total).toBe(b.total);
      expect(a.hits.map((h) => [h.chunk, h.terms])).toEqual(b.hits.map((h) => [h.chunk, h.terms]));
      a.hits.forEach((h, i) => expect(h.score).toBeCloseTo(b.hits[i]!.score, 9));
    }
    // The original still answers as before.
    expect(index.chunkCount).toBe(chunks.length);
  });
});
