import { performance } from 'node:perf_hooks';
import { listKnowledgeFiles } from '../knowledge/files.ts';
import { loadKnowledge, type FormatTally } from '../knowledge/load.ts';
import { cacheFileFor, fingerprintFiles, loadIndex, saveIndex } from './cache.ts';
import { buildKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';

export interface OpenOptions {
  knowledgeDir: string;
  /** Where persisted indexes live; `null` keeps everything in memory. */
  cacheDir: string | null;
  /** Ignore any persisted index and build afresh. */
  rebuild?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Told why a persisted index could not be used, or could not be written. */
  onCacheProblem?: (message: string) => void;
}

export interface Opened {
  kb: KnowledgeBase;
  from: 'cache' | 'build';
  /** Why the index was built rather than loaded (when it was). */
  reason: string | null;
  ms: number;
  /** Per format, how long parsing took (a build only). */
  formats: FormatTally[];
}

/**
 * The knowledge base for a folder: the persisted index when it is whole and matches the files,
 * otherwise a fresh build, which is then persisted for next time.
 */
export async function openKnowledgeBase(options: OpenOptions): Promise<Opened> {
  const started = performance.now();
  const listing = await listKnowledgeFiles(options.knowledgeDir);
  const fingerprint = fingerprintFiles(listing.files);
  const file = options.cacheDir ? cacheFileFor(options.cacheDir, options.knowledgeDir) : null;

  let reason: string | null = options.rebuild ? 'rebuild requested' : file ? null : 'no cache folder';
  if (file && !options.rebuild) {
    const cached = await loadIndex(file, fingerprint);
    if (cached.ok) return { kb: cached.kb, from: 'cache', reason: null, ms: performance.now() - started, formats: [] };
    reason = cached.reason;
    if (!/^no persisted index/.test(cached.reason)) options.onCacheProblem?.(cached.reason);
  }

  const loaded = await loadKnowledge(options.knowledgeDir, {
    listing,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const kb = buildKnowledgeBase(options.knowledgeDir, loaded, fingerprint);
  if (file) {
    try {
      await saveIndex(file, kb);
    } catch (error) {
      options.onCacheProblem?.(`could not persist the index to ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { kb, from: 'build', reason, ms: performance.now() - started, formats: loaded.formats };
}
