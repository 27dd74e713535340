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

/**
 * Calls `onChange` once things have settled after any knowledge file under `dir` is added,
 * changed or removed. Hidden paths (`.git`, editors' swap files) are ignored.
 */
export function watchKnowledge(dir: string, onChange: () => void, options: WatchOptions = {}): KnowledgeWatcher {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
    timer.unref();
  };
  watcher = watch(dir, { recursive: true, persistent: false }, (_event, name) => {
    const path = name === null ? '' : String(name);
    if (path.split(/[\\/]/).some((part) => part.startsWith('.'))) return;
    // A folder renamed or removed reports the folder's name, not its files.
    if (path === '' || isKnowledgeFile(path) || !/\.[^/\\]+$/.test(path)) schedule();
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
