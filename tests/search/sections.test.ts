import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase, planQuery, runQuery, type KnowledgeBase } from '../../src/search/index.ts';
import { PAGE_UNITS } from '../../src/search/options.ts';
import { pageIndex } from '../../src/search/pages.ts';
import { pageUnits } from '../../src/search/sections.ts';
import { articleKb, kbFrom, PROJECT, tempDir } from '../helpers/folders.ts';

const HANDBOOK = join(PROJECT, 'tests/fixtures/long/handbook');
const QUESTION = 'How often should the backup rotation run?';

const handbook = () => openKnowledgeBase({ knowledgeDir: HANDBOOK, cacheDir: null }).then((o) => o.kb);

/** The chapter a chunk stands in: its outermost heading. */
const chapterOf = (kb: KnowledgeBase, chunk: number) => kb.chunks.at(chunk).breadcrumb[0] ?? '';

describe('sections of a long document', () => {
  it('cuts a long document where its chapters begin, and keeps each cut inside that document', async () => {
    const kb = await handbook();
    const units = pageUnits(kb);
    expect(kb.documents).toHaveLength(1);
    expect(units.documentOf.length).toBeGreaterThan(1);
    expect(units.starts[0]).toBe(0);
    expect(units.starts[units.documentOf.length]).toBe(kb.chunks.size);
    for (let u = 1; u < units.documentOf.length; u++) {
      const start = units.starts[u]!;
      // Every cut falls where the outermost heading changes, never mid-section.
      expect(chapterOf(kb, start)).not.toBe(chapterOf(kb, start - 1));
      expect(units.documentOf[u]).toBe(0);
    }
    for (let c = 0; c < kb.chunks.size; c++) expect(units.starts[units.unitOf[c]!]! <= c && c < units.starts[units.unitOf[c]! + 1]!).toBe(true);
  });

  it('joins a short opening to the chapter after it, and leaves chapters of a page each apart', async () => {
    const kb = await handbook();
    const heads = (joinWords: number) => [...pageUnits(kb, { ...PAGE_UNITS, joinWords }).starts].slice(0, -1).map((c) => chapterOf(kb, c));
    // Cut at every chapter, the one-paragraph opening is a unit of its own.
    expect(heads(0)).toEqual(['', '1 Installing', '2 Storage', '3 Networking', '4 Changes']);
    expect(heads(PAGE_UNITS.joinWords)).toEqual(['', '2 Storage', '3 Networking', '4 Changes']);
  });

  it('ranks the section that answers first, where paragraph scores alone put a passing mention first', async () => {
    const kb = await handbook();
    const plan = planQuery(QUESTION, kb.vocabulary);
    const first = (byPage: boolean) => runQuery(kb, plan, { limit: 3, ranking: { byPage } }).hits[0]!.chunk;
    // Paragraph by paragraph (the whole manual one page), the changelog's one sentence wins.
    expect(first(false).breadcrumb).toEqual(['4 Changes', 'Version 2.1']);
    // Section by section, the section about the rotation does; its paragraph keeps its id and page.
    const answer = first(true);
    expect(answer.breadcrumb).toEqual(['2 Storage', '2.2 Backup rotation']);
    expect(kb.chunks.get(answer.id)).toBe(answer);
    expect(answer.id).toMatch(/^handbook#p\d+$/);
  });

  it('ranks the same from a persisted index as from a fresh build', async () => {
    const cache = await tempDir();
    try {
      const built = await openKnowledgeBase({ knowledgeDir: HANDBOOK, cacheDir: cache.dir });
      const loaded = await openKnowledgeBase({ knowledgeDir: HANDBOOK, cacheDir: cache.dir });
      expect(loaded.from).toBe('cache');
      expect(pageIndex(loaded.kb).pageCount).toBe(pageIndex(built.kb).pageCount);
      const ids = (kb: KnowledgeBase) => runQuery(kb, planQuery(QUESTION, kb.vocabulary), { limit: 5 }).hits.map((h) => h.chunk.id);
      expect(ids(loaded.kb)).toEqual(ids(built.kb));
    } finally {
      await cache.cleanup();
    }
  });
});

describe('a short document', () => {
  it('stays one unit, ranked paragraph by paragraph as before', async () => {
    const kb = await kbFrom({ 'short.md': ['# Short', '## Backup rotation', 'The rotation runs every night.', '## Changes', 'The backup rotation now runs at a new hour.'].join('\n\n') });
    expect(pageIndex(kb).pageCount).toBe(1);
    const plan = planQuery(QUESTION, kb.vocabulary);
    const ids = (byPage: boolean) => runQuery(kb, plan, { ranking: { byPage } }).hits.map((h) => h.chunk.id);
    expect(ids(true)).toEqual(ids(false));
  });

  it('leaves the article whole', async () => {
    const kb = await articleKb();
    expect(pageUnits(kb).documentOf.length).toBe(1);
  });
});
