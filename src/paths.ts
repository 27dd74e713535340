import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's own folder, wherever it is run from. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Persisted indexes: inside the project (git-ignored), never inside a knowledge folder. */
export const DEFAULT_CACHE_DIR = resolve(PROJECT_ROOT, '.cache');

/** What the bot keeps between runs (its settings): inside the project, git-ignored. */
export const DEFAULT_DATA_DIR = resolve(PROJECT_ROOT, 'data');

export const DEFAULT_KNOWLEDGE_DIR = resolve(PROJECT_ROOT, 'knowledge');

/**
 * A path as the user meant it. `npm run` moves into the project folder, so a relative path is
 * resolved against the folder the command was typed in (npm's INIT_CWD).
 */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return isAbsolute(path) ? path : resolve(env.INIT_CWD ?? process.cwd(), path);
}
