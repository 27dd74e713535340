import type { Logger } from './log.ts';
import { openKnowledgeBase, type OpenOptions, type Opened } from './search/index.ts';

/**
 * Opening a knowledge folder the way every entry point reports it (the bot, a shard, the index
 * builder of `start:sharded`, the CLI): a persisted index that cannot be used is a warning, and so
 * is each file the loader skipped. The engine takes callbacks and knows nothing of loggers; this
 * is where the two meet, below the adapters, so none of them writes it again.
 */

export interface Skipped {
  path: string;
  reason: string;
}

/** One warning per file the loader skipped, naming it and why. */
export function logSkipped(log: Pick<Logger, 'warn'>, skipped: readonly Skipped[]): void {
  for (const s of skipped) log.warn({ file: s.path, reason: s.reason }, `skipped ${s.path}: ${s.reason}`);
}

/** openKnowledgeBase, with cache problems and skipped files logged (skipped ones only when `logSkippedFiles`). */
export async function openLogged(options: Omit<OpenOptions, 'onCacheProblem'>, log: Pick<Logger, 'warn'>, logSkippedFiles = true): Promise<Opened> {
  const opened = await openKnowledgeBase({
    ...options,
    onCacheProblem: (message) => log.warn({ knowledgeDir: options.knowledgeDir }, `rebuilding the index: ${message}`),
  });
  if (logSkippedFiles) logSkipped(log, opened.kb.skipped);
  return opened;
}
