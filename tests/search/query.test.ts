import { describe, expect, it } from 'vitest';
import { planQuery } from '../../src/search/plan.ts';
import { runQuery, selectiveTerms } from '../../src/search/query.ts';
import type { KnowledgeBase } from '../../src/search/knowledge-base.ts';
import type { QueryPlan } from '../../src/search/plan.ts';
import { kbFrom } from '../helpers/folders.ts';

describe('terms searched in a large folder', () => {
  it('searches every word of an ordinary query, common ones included, and ranks by the rare ones', async () => {
    const paragraphs = Array.from({ length: 1200 }, (_, i) => `Use the file number ${i} with care.`);
    paragraphs[700] = 'Use the file with the quantum flux capacitor.';
    const kb = await kbFrom({ 'big.md': paragraphs.join('\n\n') });
    const plan = planQuery('use quantum flux capacitor', kb.vocabulary);
    expect(selectiveTerms(kb, plan).sort()).toEqual(['capacitor', 'flux', 'quantum', 'us']); // "use" stems to "us"
    expect(runQuery(kb, plan).hits[0]?.chunk.id).toBe('big#p701');
  });
});

describe('the work per query is bounded', () => {
  it('searches the rarest terms first and stops when their postings pass the budget', () => {
    const df = new Map([['rare', 5], ['uncommon', 4_000], ['common', 7_000], ['frequent', 9_000]]);
    const kb = (chunkCount: number) => ({ vocabulary: { chunkCount, df } }) as unknown as KnowledgeBase;
    const plan = { terms: new Map([...df.keys()].map((t) => [t, 1])) } as unknown as QueryPlan;
    // 5 + 4,000 are always searched; + 7,000 would pass the 10,000 postings of a 12k-chunk folder.
    expect(selectiveTerms(kb(12_000), plan)).toEqual(['rare', 'uncommon']);
    // A folder of 50k chunks allows 25,000: all four fit (20,005).
    expect(selectiveTerms(kb(50_000), plan)).toEqual(['rare', 'uncommon', 'common', 'frequent']);
  });
});

describe('equivalent expressions (jargon.ts)', () => {
  const folder = {
    'git-revert.md': '# git-revert\n\ngit-revert - Revert some existing commits, recording new commits that undo their effect.',
    'git-push.md': '# git-push\n\ngit-push - Update remote refs. Pushing a change lands it on the shared main branch.',
    'notes.md': '# Notes\n\nTo back it out we agreed on a safe way on main.\n\nAn unrelated paragraph about tea.',
  };

  it("finds the page named in the expert's word for a question in a newcomer's words", async () => {
    const kb = await kbFrom(folder);
    const plan = planQuery('a change landed on main, how do I safely back it out?', kb.vocabulary);
    const pages = runQuery(kb, plan).hits.map((h) => h.chunk.document);
    expect(pages).toContain('git-revert');
    expect(runQuery(kb, plan, { ranking: { jargonWeight: 0 } }).hits.map((h) => h.chunk.document)).not.toContain('git-revert');
  });

  it('leaves a query that quotes a paragraph to that paragraph', async () => {
    const kb = await kbFrom(folder);
    const plan = planQuery('to back it out we agreed on a safe way', kb.vocabulary);
    expect(runQuery(kb, plan).hits[0]?.chunk.id).toBe('notes#p1');
    expect(runQuery(kb, plan).hits.map((h) => h.chunk.id)).toEqual(runQuery(kb, plan, { ranking: { jargonWeight: 0 } }).hits.map((h) => h.chunk.id));
  });
});
