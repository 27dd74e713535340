import { writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchKnowledge, type KnowledgeWatcher } from '../../src/knowledge/watch.ts';
import { tempDir } from '../helpers/folders.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A watched folder whose calls are awaited one by one, in order. */
async function watched(debounceMs = 150) {
  const folder = await tempDir('footnote-watch-');
  const calls: string[][] = [];
  const waiting: ((paths: string[]) => void)[] = [];
  const watcher: KnowledgeWatcher = watchKnowledge(
    folder.dir,
    (paths) => {
      const next = waiting.shift();
      if (next) next(paths);
      else calls.push(paths);
    },
    { debounceMs },
  );
  cleanups.push(folder.cleanup, () => watcher.close());
  const nextCall = () => new Promise<string[]>((resolve) => (calls.length > 0 ? resolve(calls.shift()!) : waiting.push(resolve)));
  return { dir: folder.dir, nextCall };
}

describe('watchKnowledge', () => {
  it('calls back when a knowledge file is added, changed or removed, naming it', async () => {
    const w = await watched();
    const file = join(w.dir, 'guide.md');
    await writeFile(file, 'First.');
    expect(await w.nextCall()).toEqual(['guide.md']);
    await writeFile(file, 'Second.');
    expect(await w.nextCall()).toEqual(['guide.md']);
    await rm(file);
    expect(await w.nextCall()).toEqual(['guide.md']);
  });

  it('gathers a burst of changes into one call', async () => {
    const w = await watched();
    for (const name of ['a.md', 'b.markdown', 'c.txt']) writeFileSync(join(w.dir, name), 'Text.');
    expect(await w.nextCall()).toEqual(['a.md', 'b.markdown', 'c.txt']);
    // Had the burst been called back more than once, this call would be one of those.
    await writeFile(join(w.dir, 'd.md'), 'Text.');
    expect(await w.nextCall()).toEqual(['d.md']);
  });

  it('ignores hidden paths and files that are not knowledge', async () => {
    const w = await watched();
    await mkdir(join(w.dir, '.git'));
    await writeFile(join(w.dir, '.git', 'notes.md'), 'x');
    await writeFile(join(w.dir, '.guide.md.swp'), 'x');
    await writeFile(join(w.dir, 'diagram.png'), 'x');
    await writeFile(join(w.dir, 'guide.md'), 'Text.');
    expect(await w.nextCall()).toEqual(['guide.md']);
  });

  it('follows new folders, and counts a folder removed with its files', async () => {
    const w = await watched();
    await mkdir(join(w.dir, 'team'));
    expect(await w.nextCall()).toEqual(['team']);
    await writeFile(join(w.dir, 'team', 'rota.md'), 'Text.');
    expect(await w.nextCall()).toEqual(['team/rota.md']);
    await rm(join(w.dir, 'team'), { recursive: true });
    expect(await w.nextCall()).toEqual(expect.arrayContaining(['team']));
  });
});
