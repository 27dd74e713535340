import { watch, type FSWatcher } from 'node:fs';
import { isKnowledgeFile } from './file-kinds.ts';

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs: an editor's save is several events. */
  debounceMs?: number;
  onError?: (error: Error) => void;
}

export interface KnowledgeWatcher {
  close(): void;
}

/** Whether a change to `path` (relative to the watched folder) can change the knowledge. */
function concernsKnowledge(path: string): boolean {
  if (path.split(/[\\/]/).some((part) => part.startsWith('.'))) return false;
  // A folder renamed or removed reports the folder's name, not its files.
  return path === '' || isKnowledgeFile(path) || !/\.[^/\\]+$/.test(path);
}

/**
 * Calls `onChange` once things have settled after any knowledge file under `dir` is added,
 * changed or removed, with the paths that changed meanwhile (relative to `dir`, sorted; '' when
 * the system did not say). Hidden paths (`.git`, editors' swap files) are ignored.
 */
export function watchKnowledge(dir: string, onChange: (paths: string[]) => void, options: WatchOptions = {}): KnowledgeWatcher {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | null = null;
  let changed = new Set<string>();
  const settle = () => {
    timer = null;
    const paths = [...changed].sort();
    changed = new Set();
    onChange(paths);
  };
  let watcher: FSWatcher | null = watch(dir, { recursive: true, persistent: false }, (_event, name) => {
    const path = name === null ? '' : String(name);
    if (!concernsKnowledge(path)) return;
    changed.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(settle, debounceMs);
    timer.unref();
  });
  watcher.on('error', (error) => options.onError?.(error));
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
      watcher = null;
    },
  };
}
