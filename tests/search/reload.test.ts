import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/index.ts';
import { openKnowledgeBase, reloadKnowledgeBase, type KnowledgeBase } from '../../src/search/index.ts';
import { knowledgeFolder } from '../helpers/folders.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup() {
  const folder = await knowledgeFolder({
    'deploy.md': '# Deploy\n\nThe deploy key lives in the vault.\n\nRotate it every quarter.',
    'oncall.md': '# On call\n\nThe pager rotation changes on Mondays.',
  });
  cleanups.push(folder.cleanup);
  const { kb } = await openKnowledgeBase({ knowledgeDir: folder.dir, cacheDir: null });
  return { dir: folder.dir, kb };
}

/** Writes a file and moves its modification time on, as an editor saving it would. */
async function save(path: string, text: string) {
  await writeFile(path, text);
  const later = new Date(Date.now() + 10_000 + Math.random() * 1000);
  await utimes(path, later, later);
}

const topId = (kb: KnowledgeBase, q: string) => ask(kb, q).passages[0]?.chunk.id;

describe('reloadKnowledgeBase', () => {
  it('adds a new document and answers from it, leaving the old knowledge base as it was', async () => {
    const { dir, kb } = await setup();
    await save(join(dir, 'backups.md'), '# Backups\n\nSnapshots are taken nightly at two.');
    const { kb: next, report } = await reloadKnowledgeBase(kb);
    expect(report).toMatchObject({ added: ['backups'], changed: [], removed: [], paragraphs: { before: 3, after: 4 } });
    expect(topId(next, 'When are snapshots taken?')).toBe('backups#p1');
    expect(ask(kb, 'When are snapshots taken?').answered).toBe(false);
    expect(kb.documents.map((d) => d.id)).toEqual(['deploy', 'oncall']);
  });

  it('re-reads only a changed document, and its old words are gone', async () => {
    const { dir, kb } = await setup();
    await save(join(dir, 'deploy.md'), '# Deploy\n\nThe deploy key lives in the password manager.');
    const { kb: next, report } = await reloadKnowledgeBase(kb);
    expect(report).toMatchObject({ added: [], changed: ['deploy'], removed: [] });
    expect(ask(next, 'Where is the deploy key?').answer[0]?.text).toContain('password manager');
    expect(ask(next, 'vault').answered).toBe(false);
    expect(next.vocabulary.df.has('vault')).toBe(false);
    expect(next.documentIndexedAt.get('oncall')).toBe(kb.documentIndexedAt.get('oncall'));
    expect(next.chunks.get('oncall#p1')).toEqual(kb.chunks.get('oncall#p1'));
  });

  it('removes a deleted document', async () => {
    const { dir, kb } = await setup();
    await rm(join(dir, 'oncall.md'));
    const { kb: next, report } = await reloadKnowledgeBase(kb);
    expect(report).toMatchObject({ removed: ['oncall'], paragraphs: { before: 3, after: 2 } });
    expect(next.chunks.has('oncall#p1')).toBe(false);
    expect(ask(next, 'pager on Mondays').answered).toBe(false);
  });

  it('skips a file broken by an edit, names it, and keeps serving the rest', async () => {
    const { dir, kb } = await setup();
    await save(join(dir, 'oncall.md'), '---\ntitle: [broken\n---\nText.');
    const { kb: next, report } = await reloadKnowledgeBase(kb);
    expect(report.removed).toEqual(['oncall']);
    expect(report.skipped).toEqual([{ path: 'oncall.md', reason: expect.stringContaining('not valid YAML') }]);
    expect(topId(next, 'Where is the deploy key?')).toBe('deploy#p1');
  });

  it('refuses to reload into nothing, so the old index keeps serving', async () => {
    const { dir, kb } = await setup();
    await rm(join(dir, 'deploy.md'));
    await save(join(dir, 'oncall.md'), '');
    await expect(reloadKnowledgeBase(kb)).rejects.toThrow(/keeping the current index/);
    expect(topId(kb, 'pager rotation')).toBe('oncall#p1');
  });

  it('gives the same answers as a fresh build of the same folder', async () => {
    const { dir, kb } = await setup();
    await save(join(dir, 'deploy.md'), '# Deploy\n\nKeys rotate monthly now.\n\nAsk the platform team.');
    await save(join(dir, 'runbook.md'), '# Runbook\n\nRestart the worker with systemctl.');
    const { kb: reloaded } = await reloadKnowledgeBase(kb);
    const { kb: fresh } = await openKnowledgeBase({ knowledgeDir: dir, cacheDir: null });
    expect([...reloaded.chunks].map((c) => c.id)).toEqual([...fresh.chunks].map((c) => c.id));
    expect(reloaded.vocabulary.df).toEqual(fresh.vocabulary.df);
    for (const q of ['restart worker', 'keys rotate', 'pager', 'platform team']) {
      expect(ask(reloaded, q).passages.map((p) => [p.chunk.id, p.score.toFixed(6)])).toEqual(ask(fresh, q).passages.map((p) => [p.chunk.id, p.score.toFixed(6)]));
    }
  });
});
