import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_BOOSTS } from '../../src/search/options.ts';
import { MAX_STAMP, type QueryTerm } from '../../src/search/postings.ts';
import { buildMiniSearch, buildPostings, expectSameAsMiniSearch, type IndexedChunk, type Pair } from '../helpers/minisearch-reference.ts';
import { seeded } from '../../bench/stats.ts';

/**
 * A generated folder larger than the article in the ways that matter to the postings index:
 * more postings than the builder's first arrays hold (65,536), and words so common that a query
 * touches more chunks than the scratch list of touched chunks starts with (1,024).
 */
const CHUNKS = 4000;
const WORDS = 2000;
const word = (i: number) => `k${i}q`;

function generated(): IndexedChunk[] {
  const random = seeded(7);
  // Cubing skews the draw towards the first words, as real text favours its common words.
  const draw = () => word(Math.floor(random() ** 3 * WORDS));
  return Array.from({ length: CHUNKS }, (_, i) => ({
    id: `doc${Math.floor(i / 50)}#p${(i % 50) + 1}`,
    title: `Document ${word(Math.floor(i / 50))}`,
    breadcrumb: `Part ${word(i % 7)}`,
    text: Array.from({ length: 40 }, draw).join(' '),
  }));
}

function pair(): Pair {
  const chunks = generated();
  return { chunks, ms: buildMiniSearch(chunks), index: buildPostings(chunks) };
}

const options = { fieldBoosts: FIELD_BOOSTS, limit: CHUNKS };

describe('PostingsIndex beyond its first allocations', () => {
  it('scores as MiniSearch does once the builder and the scratch arrays have grown', () => {
    const p = pair();
    expect(p.index.data.docs.length).toBeGreaterThan(1 << 16);
    const common: QueryTerm[] = [{ term: word(0), boost: 1 }];
    expect(p.index.score(common, options).total).toBeGreaterThan(1024);
    expectSameAsMiniSearch(p, common);
    expectSameAsMiniSearch(p, [{ term: word(0), boost: 1 }, { term: word(1), boost: 0.5 }, { term: word(1500), boost: 2 }]);
    const term = fc.integer({ min: 0, max: WORDS - 1 }).map(word);
    const query = fc.uniqueArray(fc.record({ term, boost: fc.double({ min: 0.1, max: 3, noNaN: true }) }), { selector: (q) => q.term, minLength: 1, maxLength: 8 });
    fc.assert(fc.property(query, (q) => expectSameAsMiniSearch(p, q)), { numRuns: 40 });
  });

  it('counts each query term once per chunk after its stamps wrap around', () => {
    const p = pair();
    // In title and text of the chunks of doc0: a term found twice in one chunk must count once.
    const query: QueryTerm[] = [{ term: word(0), boost: 1 }];
    const first = p.index.score(query, options);
    expectSameAsMiniSearch(p, query);
    // A fresh index stamps its query terms 1, 2, 3…: the first query took stamp 1, these take the
    // rest, and the next query's term comes back round to stamp 1, where the chunks above still
    // carry the 1 they were stamped with, unless the wrap cleared them.
    const rare: QueryTerm[] = [{ term: word(WORDS - 1), boost: 1 }];
    for (let stamp = 2; stamp <= MAX_STAMP; stamp++) p.index.score(rare, { ...options, limit: 1 });
    expect(p.index.score(query, options)).toEqual(first);
    expect(p.index.score(query, options)).toEqual(first);
  });

  it('stores a word repeated more than 65,535 times in one paragraph as 65,535 repetitions', () => {
    const chunk = (id: string, repeats: number): IndexedChunk => ({ id, title: '', breadcrumb: '', text: 'echo '.repeat(repeats) });
    const chunks = [chunk('over', 70_000), chunk('at', 0xffff), chunk('under', 0xffff - 1), { id: 'other', title: '', breadcrumb: '', text: 'something else' }];
    const index = buildPostings(chunks);
    const score = new Map(index.score([{ term: 'echo', boost: 1 }], options).hits.map((h) => [chunks[h.chunk]!.id, h.score]));
    expect(score.get('over')).toBe(score.get('at'));
    expect(score.get('at')).toBeGreaterThan(score.get('under')!);
  });
});
