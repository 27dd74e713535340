import { Writable } from 'node:stream';

export interface CapturedLog {
  stream: Writable;
  text(): string;
  lines(): Record<string, unknown>[];
  /** Resolves with the first line (already written, or written later) for which `match` holds. */
  waitFor(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** A log destination that keeps every line, for assertions on what the bot logged and waits for lines to come. */
export function captureLog(): CapturedLog {
  const chunks: string[] = [];
  const watchers = new Set<() => void>();
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      for (const watch of watchers) watch();
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const waitFor = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const watch = () => {
        const found = lines().find(match);
        if (found === undefined) return;
        watchers.delete(watch);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        watchers.delete(watch);
        reject(new Error(`no such log line within ${timeoutMs} ms; the log:\n${text()}`));
      }, timeoutMs);
      watchers.add(watch);
      watch();
    });
  return { stream, text, lines, waitFor };
}
