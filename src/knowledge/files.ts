import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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

const KNOWLEDGE_EXTENSIONS = /\.(md|markdown|txt)$/i;

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Every `.md`/`.txt` file under `root`, sorted by path. Hidden entries (`.git`, `.obsidian`) are
 * not knowledge. Symlinked folders are followed once; a link back into a folder already walked is
 * reported as a loop instead of being walked forever.
 */
export async function listKnowledgeFiles(root: string): Promise<{ files: KnowledgeFile[]; skipped: SkippedFile[] }> {
  let rootReal: string;
  try {
    rootReal = await realpath(root);
    if (!(await stat(rootReal)).isDirectory()) throw new KnowledgeFolderError(`${root} is not a folder`);
  } catch (error) {
    if (error instanceof KnowledgeFolderError) throw error;
    throw new KnowledgeFolderError(`knowledge folder ${root} does not exist or cannot be read`);
  }

  const files: KnowledgeFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([rootReal]);

  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: toPosix(relative(root, dir)) || '.', reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    // Entries are looked at concurrently: one stat at a time made listing 6,000 files take longer
    // than loading their persisted index.
    await Promise.all(entries.map(async (entry) => {
      if (entry.name.startsWith('.')) return;
      const absolute = join(dir, entry.name);
      const path = toPosix(relative(root, absolute));
      try {
        let info = entry.isSymbolicLink() ? await stat(absolute) : null;
        const isDir = info ? info.isDirectory() : entry.isDirectory();
        if (isDir) {
          const real = await realpath(absolute);
          if (visited.has(real)) {
            skipped.push({ path, reason: 'symlink loop (folder already indexed)' });
            return;
          }
          visited.add(real);
          await walk(absolute);
          return;
        }
        if (!KNOWLEDGE_EXTENSIONS.test(entry.name)) return;
        info ??= await stat(absolute);
        if (!info.isFile()) return;
        files.push({ path, absolute, size: info.size, mtimeMs: info.mtimeMs });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'ENOENT' ? 'removed while being read, or a broken symlink' : code === 'ELOOP' ? 'symlink loop' : `cannot be read (${code ?? String(error)})`;
        skipped.push({ path, reason });
      }
    }));
  };
  await walk(rootReal === root ? root : root);
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
