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
  const walk = new FolderWalk(root, realFolder(root));
  walk.folder(root);
  return walk.sorted();
}

/** The folder's real path; a missing or unreadable root, or a file, is an error, not an empty folder. */
function realFolder(root: string): string {
  try {
    const rootReal = realpathSync(root);
    if (!statSync(rootReal).isDirectory()) throw new KnowledgeFolderError(`${root} is not a folder`);
    return rootReal;
  } catch (error) {
    if (error instanceof KnowledgeFolderError) throw error;
    throw new KnowledgeFolderError(`knowledge folder ${root} does not exist or cannot be read`);
  }
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** One walk of a knowledge folder: what it found, what it could not use, and the real folders already walked. */
class FolderWalk {
  private readonly files: KnowledgeFile[] = [];
  private readonly skipped: SkippedFile[] = [];
  private readonly visited: Set<string>;

  constructor(
    private readonly root: string,
    rootReal: string,
  ) {
    this.visited = new Set<string>([rootReal]);
  }

  folder(dir: string): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.skipped.push({ path: toPosix(relative(this.root, dir)) || '.', reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const entry of entries) if (!entry.name.startsWith('.')) this.entry(dir, entry);
  }

  sorted(): { files: KnowledgeFile[]; skipped: SkippedFile[] } {
    return { files: this.files.sort(byPath), skipped: this.skipped.sort(byPath) };
  }

  private entry(dir: string, entry: Dirent): void {
    const absolute = join(dir, entry.name);
    const path = toPosix(relative(this.root, absolute));
    try {
      let info = entry.isSymbolicLink() ? statSync(absolute) : null;
      const isDir = info ? info.isDirectory() : entry.isDirectory();
      if (isDir) {
        this.subfolder(absolute, path);
        return;
      }
      if (!isKnowledgeFile(entry.name)) return;
      info ??= statSync(absolute);
      if (!info.isFile()) return;
      this.files.push({ path, absolute, size: info.size, mtimeMs: info.mtimeMs });
    } catch (error) {
      this.skipped.push({ path, reason: unreadable(error) });
    }
  }

  private subfolder(absolute: string, path: string): void {
    const real = realpathSync(absolute);
    if (this.visited.has(real)) {
      this.skipped.push({ path, reason: 'symlink loop (folder already indexed)' });
      return;
    }
    this.visited.add(real);
    this.folder(absolute);
  }
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'removed while being read, or a broken symlink' : code === 'ELOOP' ? 'symlink loop' : `cannot be read (${code ?? String(error)})`;
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
