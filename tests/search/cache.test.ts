import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/index.ts';
import { loadIndex, saveIndex } from '../../src/search/cache.ts';
import { cacheFileFor, openKnowledgeBase } from '../../src/search/index.ts';
import { knowledgeFolder, tempDir } from '../helpers/folders.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup() {
  const knowledge = await knowledgeFolder({
    'guide.md': '# Guide\n\nThe deploy key lives in the vault.\n\nRotate it every quarter.',
  });
  const cache = await tempDir('footnote-cache-');
  cleanups.push(knowledge.cleanup, cache.cleanup);
  const open = (problems: string[] = []) =>
    openKnowledgeBase({ knowledgeDir: knowledge.dir, cacheDir: cache.dir, onCacheProblem: (m) => problems.push(m) });
  return { knowledge: knowledge.dir, cache: cache.dir, open, file: cacheFileFor(cache.dir, knowledge.dir) };
}

describe('persisted index', () => {
  it('builds once, then loads while the files are unchanged', async () => {
    const s = await setup();
    const first = await s.open();
    expect(first.from).toBe('build');
    const second = await s.open();
    expect(second.from).toBe('cache');
    expect(ask(second.kb, 'Where is the deploy key?').answer[0]?.text).toBe('The deploy key lives in the vault.');
    expect(second.kb.chunks).toEqual(first.kb.chunks);
  });

  it('writes only into the cache folder, never into the knowledge folder, and leaves no temp files', async () => {
    const s = await setup();
    await s.open();
    expect(await readdir(s.knowledge)).toEqual(['guide.md']);
    expect(await readdir(s.cache)).toEqual([s.file.split('/').pop()]);
  });

  it('ignores, then clears away, what a writer that crashed mid-write left behind', async () => {
    const s = await setup();
    await s.open();
    const leftover = `${s.file}.99999.deadbeef.tmp`;
    await writeFile(leftover, '{"format":"footnote-index"'); // half a header: a killed writer
    const old = new Date(Date.now() - 60 * 60_000);
    await utimes(leftover, old, old);
    expect((await s.open()).from).toBe('cache');
    // The next write (after a change) removes the stale temporary file.
    await writeFile(join(s.knowledge, 'new.md'), 'More.');
    expect((await s.open()).from).toBe('build');
    expect(await readdir(s.cache)).toEqual([s.file.split('/').pop()]);
  });

  it('keeps an index saved under a name without .bin, where there is no older JSON name to clear', async () => {
    const s = await setup();
    const { kb } = await s.open();
    const file = join(s.cache, 'team.index');
    await saveIndex(file, kb);
    expect((await stat(file)).size).toBeGreaterThan(0);
    const read = await loadIndex(file, kb.fingerprint);
    expect(read.ok && read.kb.chunks).toEqual(kb.chunks);
  });

  it('removes the JSON index an older version left for the same folder', async () => {
    const s = await setup();
    const legacy = s.file.replace(/\.bin$/, '.json');
    await writeFile(legacy, '{"format":"footnote-index","version":3}\n{}');
    expect((await s.open()).from).toBe('build');
    expect(await readdir(s.cache)).toEqual([s.file.split('/').pop()]);
  });

  it('keeps one entry per knowledge folder: two folders sharing a cache folder each load their own', async () => {
    const s = await setup();
    const other = await knowledgeFolder({ 'runbook.md': '# Runbook\n\nRestart the queue worker with systemctl.' });
    cleanups.push(other.cleanup);
    const openOther = () => openKnowledgeBase({ knowledgeDir: other.dir, cacheDir: s.cache });
    expect([(await s.open()).from, (await openOther()).from]).toEqual(['build', 'build']);
    const [guide, runbook] = [await s.open(), await openOther()];
    expect([guide.from, runbook.from]).toEqual(['cache', 'cache']);
    expect(guide.kb.documents.map((d) => d.id)).toEqual(['guide']);
    expect(runbook.kb.documents.map((d) => d.id)).toEqual(['runbook']);
    expect((await readdir(s.cache)).sort()).toEqual([s.file, cacheFileFor(s.cache, other.dir)].map((f) => f.split('/').pop()).sort());
    // The same folder named another way is the same entry.
    const again = await openKnowledgeBase({ knowledgeDir: join(s.knowledge, '..', s.knowledge.split('/').pop()!), cacheDir: s.cache });
    expect(again.from).toBe('cache');
  });

  it('rebuilds when a file changes, and the answer follows the new text', async () => {
    const s = await setup();
    await s.open();
    const path = join(s.knowledge, 'guide.md');
    await writeFile(path, '# Guide\n\nThe deploy key lives in the password manager.\n');
    const later = new Date(Date.now() + 5000);
    await utimes(path, later, later);
    const problems: string[] = [];
    const reopened = await s.open(problems);
    expect(reopened.from).toBe('build');
    expect(problems).toEqual(['knowledge files changed since the index was built']);
    expect(ask(reopened.kb, 'Where is the deploy key?').answer[0]?.text).toContain('password manager');
  });

  const withHeader = (bytes: Buffer, edit: (header: string) => string) => {
    const newline = bytes.indexOf(0x0a);
    return Buffer.concat([Buffer.from(edit(bytes.toString('utf8', 0, newline))), bytes.subarray(newline)]);
  };
  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)), 'checksum'],
    ['corrupted', (bytes: Buffer) => Buffer.from(bytes).fill('x', bytes.indexOf('vault') + 4, bytes.indexOf('vault') + 5), 'checksum'],
    ['from another version', (bytes: Buffer) => withHeader(bytes, (h) => h.replace(/"version":\d+/, '"version":0')), 'format 0'],
    ['with a section table that does not add up', (bytes: Buffer) => withHeader(bytes, (h) => h.replace(/"sections":\[\d+/, '"sections":[1')), 'corrupt'],
    ['not an index at all', () => Buffer.from('garbage'), 'bad header'],
    ['of another format', (bytes: Buffer) => withHeader(bytes, (h) => h.replace(/"format":"[^"]*"/, '"format":"other"')), 'not a Footnote index'],
    ['built by another engine', (bytes: Buffer) => withHeader(bytes, (h) => h.replace(/"engine":"[^"]*"/, '"engine":"0"')), 'another version of the engine'],
    ['of the other byte order', (bytes: Buffer) => withHeader(bytes, (h) => h.replace(/"endianness":"(BE|LE)"/, (_m, e: string) => `"endianness":"${e === 'LE' ? 'BE' : 'LE'}"`)), 'another byte order'],
  ])('rebuilds a %s index instead of serving it', async (_name, damage, reason) => {
    const s = await setup();
    await s.open();
    await writeFile(s.file, damage(await readFile(s.file)));
    const problems: string[] = [];
    const reopened = await s.open(problems);
    expect(reopened.from).toBe('build');
    expect(problems.join()).toContain(reason);
    // The rebuilt index replaced the damaged one.
    expect((await s.open()).from).toBe('cache');
    expect((await stat(s.file)).size).toBeGreaterThan(100);
  });
});
