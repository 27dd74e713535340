import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/search/index.ts';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTICLE_DIR = join(PROJECT, 'knowledge');

/** A scratch folder that is removed by `cleanup()`. */
export async function tempDir(prefix = 'footnote-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path → text or bytes) under a fresh folder. */
export async function knowledgeFolder(files: Record<string, string | Uint8Array>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const temp = await tempDir('footnote-knowledge-');
  await writeFiles(temp.dir, files);
  return temp;
}

export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

let article: Promise<KnowledgeBase> | null = null;

/** The project's own article, indexed once per test file and kept in memory. */
export function articleKb(): Promise<KnowledgeBase> {
  article ??= openKnowledgeBase({ knowledgeDir: ARTICLE_DIR, cacheDir: null }).then((o) => o.kb);
  return article;
}

export async function kbFrom(files: Record<string, string | Uint8Array>): Promise<KnowledgeBase> {
  const folder = await knowledgeFolder(files);
  try {
    return (await openKnowledgeBase({ knowledgeDir: folder.dir, cacheDir: null })).kb;
  } finally {
    await folder.cleanup();
  }
}
