import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/knowledge/index.ts';
import { openKnowledgeBase, planQuery, runQuery, type KnowledgeBase } from '../../src/search/index.ts';
import { RANKING_DEFAULTS } from '../../src/search/options.ts';
import { pageIndex, scorePages } from '../../src/search/pages.ts';
import { selectiveTerms } from '../../src/search/query.ts';
import { PROJECT, tempDir } from '../helpers/folders.ts';

const FOLDER = join(PROJECT, 'tests/fixtures/pages');

/** Questions in a newcomer's words, keyword queries, and words that only a title or a path holds. */
const QUESTIONS = [
  'save my uncommitted changes away temporarily and restore them later',
  'show who last changed each line of a file',
  'cache the results of an expensive function call',
  'compress a stream with gzip',
  'resolve a hostname to an IP address',
  'run an external command and capture its output',
  'git stash pop conflict',
  'python gzip',
  'net',
  'forward a port to a database behind a firewall',
  'compression level 9',
  'follow a file across renames',
  'memoize',
  'page ranking fixture',
  'zzzz nothing matches this',
];

/** Runs of words from every paragraph: what someone who remembers a passage types. */
function remembered(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  for (let c = 0; c < kb.chunks.size; c++) {
    const words = kb.chunks.at(c).text.split(/\s+/);
    out.push(words.slice(0, 4).join(' '), words.slice(-6).join(' '));
  }
  return out;
}

/** Everything page ranking decides for a query, with scores compared as exact numbers. */
function rankings(kb: KnowledgeBase, query: string) {
  const plan = planQuery(query, kb.vocabulary);
  const terms = selectiveTerms(kb, plan).map((term) => ({ term, boost: plan.terms.get(term) ?? 1 }));
  const { pages, scores } = scorePages(kb, terms, RANKING_DEFAULTS.page);
  const byPage = pages.map((page, i) => [page, scores[i]!] as const).sort((a, b) => a[0] - b[0]);
  const hit = (h: { chunk: Chunk; score: number; pageScore?: number; terms: string[] }) => [h.chunk.id, h.score, h.pageScore, h.terms];
  return { byPage, hits: runQuery(kb, plan, { limit: 10 }).hits.map(hit) };
}

describe('the page index read back from the index file', () => {
  let cache: { dir: string; cleanup: () => Promise<void> };
  let built: KnowledgeBase;
  let loaded: KnowledgeBase;

  beforeAll(async () => {
    cache = await tempDir('footnote-pages-cache-');
    const first = await openKnowledgeBase({ knowledgeDir: FOLDER, cacheDir: cache.dir });
    const second = await openKnowledgeBase({ knowledgeDir: FOLDER, cacheDir: cache.dir });
    expect([first.from, second.from]).toEqual(['build', 'cache']);
    [built, loaded] = [first.kb, second.kb];
  });
  afterAll(() => cache.cleanup());

  it('is the one the build made, array for array', () => {
    expect(built.documents.length).toBeGreaterThan(5);
    const [a, b] = [pageIndex(built), pageIndex(loaded)];
    expect(b.data.terms).toEqual(a.data.terms);
    for (const name of ['offsets', 'pages', 'counts', 'lengths'] as const) expect([...b.data[name]]).toEqual([...a.data[name]]);
    expect([...b.averages]).toEqual([...a.averages]);
    expect([...b.starts]).toEqual([...a.starts]);
  });

  it('ranks pages and paragraphs exactly as the build does', () => {
    const queries = [...QUESTIONS, ...remembered(built)];
    let ranked = 0;
    for (const query of queries) {
      const expected = rankings(built, query);
      expect(rankings(loaded, query), query).toEqual(expected);
      if (expected.byPage.length > 1) ranked++;
    }
    // The comparison means something only if most queries reach several pages.
    expect(ranked).toBeGreaterThan(queries.length / 2);
  });

  it('finds the page a question means, from the file as from the build', () => {
    const first = (kb: KnowledgeBase, query: string) => runQuery(kb, planQuery(query, kb.vocabulary), { limit: 3 }).hits[0]?.chunk.document;
    expect(first(loaded, 'save my uncommitted changes away and restore them later')).toBe('git/git-stash');
    expect(first(loaded, 'resolve a hostname to an IP address')).toBe('net/host');
  });

  it('is read from the file, not built again, and leaves the fixture folder alone', async () => {
    const reopened = await openKnowledgeBase({ knowledgeDir: FOLDER, cacheDir: cache.dir });
    expect(reopened.from).toBe('cache');
    // Views of the file's buffer, as the paragraph postings are: nothing was rebuilt.
    expect(pageIndex(reopened.kb).data.pages.buffer).toBe(reopened.kb.index.data.docs.buffer);
    expect((await readdir(FOLDER)).sort()).toEqual(['README.md', 'git', 'net', 'python']);
  });
});
