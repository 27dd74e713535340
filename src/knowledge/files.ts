import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isKnowledgeFile } from './file-kinds.ts';
import type { SkippedFile } from './types.ts';

export interface KnowledgeFile {
  /** Relative to the knowledge folder, forward slashes. */
  path: string;
  absolute: string;
  size: number;
  mtimeMs: number;
}

export class KnowledgeFolderError extends Error {
  override name = 'KnowledgeFolderError';
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Every knowledge file (`file-kinds.ts`) under `root`, sorted by path. The walk uses synchronous calls: a stat
 * costs microseconds from the kernel's cache, while a promise per stat made listing a large
 * folder several times slower (docs/benchmarks.md). Hidden entries (`.git`, `.obsidian`) are
 * not knowledge. Symlinked folders are followed once; a link back into a folder already walked is
 * reported as a loop instead of being walked forever.
 */
export async function listKnowledgeFiles(root: string): Promise<{ files: KnowledgeFile[]; skipped: SkippedFile[] }> {
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
    if (!statSync(rootReal).isDirectory()) throw new KnowledgeFolderError(`${root} is not a folder`);
  } catch (error) {
    if (error instanceof KnowledgeFolderError) throw error;
    throw new KnowledgeFolderError(`knowledge folder ${root} does not exist or cannot be read`);
  }

  const files: KnowledgeFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([rootReal]);

  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: toPosix(relative(root, dir)) || '.', reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(dir, entry.name);
      const path = toPosix(relative(root, absolute));
      try {
        let info = entry.isSymbolicLink() ? statSync(absolute) : null;
        const isDir = info ? info.isDirectory() : entry.isDirectory();
        if (isDir) {
          const real = realpathSync(absolute);
          if (visited.has(real)) {
            skipped.push({ path, reason: 'symlink loop (folder already indexed)' });
            continue;
          }
          visited.add(real);
          walk(absolute);
          continue;
        }
        if (!isKnowledgeFile(entry.name)) continue;
        info ??= statSync(absolute);
        if (!info.isFile()) continue;
        files.push({ path, absolute, size: info.size, mtimeMs: info.mtimeMs });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'ENOENT' ? 'removed while being read, or a broken symlink' : code === 'ELOOP' ? 'symlink loop' : `cannot be read (${code ?? String(error)})`;
        skipped.push({ path, reason });
      }
    }
  };
  walk(rootReal === root ? root : root);
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: files.sort(byPath), skipped: skipped.sort(byPath) };
}

/** `Team/On-call Rota.md` → `team/on-call-rota`: stable, URL- and custom-id-safe. */
export function slugFromPath(path: string): string {
  return path
    .replace(/\.[^./]+$/, '')
    .split('/')
    .map((segment) =>
      segment
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'untitled',
    )
    .join('/');
}
