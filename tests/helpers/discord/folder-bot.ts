// A bot over a folder of its own that a test can change: what /reload and live reload act on.
import { utimes, writeFile } from 'node:fs/promises';
import { afterEach } from 'vitest';
import { openKnowledgeBase } from '../../../src/search/index.ts';
import { knowledgeFolder } from '../folders.ts';
import { startHarness, type Harness } from './harness.ts';

const cleanups: (() => Promise<void>)[] = [];

/** Call once at the top of a test file: closes the bots and removes the folders after each test. */
export function cleanUpFolderBots(): void {
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });
}

/** A bot serving a folder holding one document, `deploy.md`. */
export async function withFolder(env: Record<string, string> = {}): Promise<{ h: Harness; dir: string }> {
  const folder = await knowledgeFolder({ 'deploy.md': '# Deploy\n\nThe deploy key lives in the vault.' });
  cleanups.push(folder.cleanup);
  const h = await startHarness({
    knowledge: () => openKnowledgeBase({ knowledgeDir: folder.dir, cacheDir: null }).then((o) => o.kb),
    env: { KNOWLEDGE_DIR: folder.dir, ...env },
  });
  cleanups.push(() => h.close());
  await h.bot.knowledge.get();
  return { h, dir: folder.dir };
}

/** Writes a file with a modification time in the future, so a reload cannot take it for unchanged. */
export async function save(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  const later = new Date(Date.now() + 10_000);
  await utimes(path, later, later);
}
