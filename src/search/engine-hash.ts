import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The code that decides what goes into an index or a derived table (chunking, tokenizing,
 * vocabulary, WordNet's stems). Its hash is part of every persisted file's key, so a file written
 * by different code is rebuilt even when someone forgot to bump a format version.
 */
const ENGINE_DIRS = ['../knowledge', '.'];
let engineHash: string | null = null;

/** sha256 of the engine's source files, read once per process. */
export function engineSourceHash(): string {
  if (engineHash !== null) return engineHash;
  const hash = createHash('sha256');
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of ENGINE_DIRS) {
    const abs = join(here, dir);
    for (const name of readdirSync(abs).filter((n) => /\.(ts|js)$/.test(n)).sort()) {
      hash.update(name).update(readFileSync(join(abs, name)));
    }
  }
  engineHash = hash.digest('hex');
  return engineHash;
}
