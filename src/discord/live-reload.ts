import type { Logger } from '../log.ts';
import { logSkipped } from '../open-knowledge.ts';
import { watchKnowledge, type KnowledgeWatcher } from '../knowledge/watch.ts';
import { cacheFileFor, saveIndex, type KnowledgeBase } from '../search/index.ts';
import type { KnowledgeHolder, ReloadOutcome } from './knowledge.ts';

/** Persists a reloaded index where the next start looks for it; nothing when caching is off. */
export function persistIndex(cacheDir: string | null, log: Logger): ((kb: KnowledgeBase) => Promise<void>) | undefined {
  if (!cacheDir) return undefined;
  return async (kb) => {
    const file = cacheFileFor(cacheDir, kb.dir);
    try {
      await saveIndex(file, kb);
      log.debug({ file }, 'persisted the reloaded index');
    } catch (error) {
      // The reloaded index serves anyway; the next start rebuilds.
      log.warn({ err: error }, 'could not persist the reloaded index');
    }
  };
}

/** One log line per reload: what changed, or why the old index is still serving. */
export function logReload(log: Logger, outcome: ReloadOutcome, trigger: string): void {
  if (!outcome.ok) {
    log.error({ err: outcome.error, trigger }, 'reload failed; the previous index keeps serving');
    return;
  }
  const { report } = outcome;
  if (outcome.unchanged) {
    log.debug({ trigger, ms: Math.round(report.ms) }, 'reload: nothing changed');
    return;
  }
  log.info(
    { trigger, added: report.added, changed: report.changed, removed: report.removed, paragraphs: report.paragraphs, ms: Math.round(report.ms) },
    `reloaded: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed`,
  );
  logSkipped(log, report.skipped);
}

/** Re-indexes the knowledge folder whenever its files change (debounced). */
export function startLiveReload(holder: KnowledgeHolder, dir: string, log: Logger, debounceMs = 500): KnowledgeWatcher {
  const watcher = watchKnowledge(
    dir,
    () => {
      void holder.reload().then((outcome) => logReload(log, outcome, 'file change'));
    },
    { debounceMs, onError: (error) => log.warn({ err: error, dir }, 'stopped watching the knowledge folder; use /reload') },
  );
  log.info({ dir }, 'watching the knowledge folder for changes');
  return watcher;
}
