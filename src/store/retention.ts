import type { Logger } from '../log.ts';
import type { QuestionLog } from './question-log.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const RETENTION_DEFAULTS = {
  /** How often old records are swept after the first sweep at start. */
  everyMs: 6 * 60 * 60 * 1000,
} as const;

export interface RetentionOptions {
  /** Records older than this many days go; 0 keeps them forever (nothing is swept). */
  days: number;
  now: () => number;
  logger: Logger;
  /** Default RETENTION_DEFAULTS.everyMs. */
  everyMs?: number;
}

export interface Retention {
  stop(): void;
  /** The sweep made at start: how many questions it removed (0 when it failed or nothing is swept). */
  readonly firstSweep: Promise<number>;
}

/**
 * Deletes records older than `days` now and then every few hours. The timer does not keep the
 * process alive, and a failed sweep is logged and tried again at the next one.
 */
export function startRetention(log: QuestionLog, options: RetentionOptions): Retention {
  if (options.days <= 0) return { stop: () => undefined, firstSweep: Promise.resolve(0) };
  const sweep = async (): Promise<number> => {
    const before = options.now() - options.days * DAY_MS;
    try {
      const removed = await log.deleteOlderThan(before);
      if (removed > 0) options.logger.info({ removed, days: options.days }, 'question log: removed questions older than the retention period');
      return removed;
    } catch (error) {
      options.logger.warn({ err: error instanceof Error ? error : new Error(String(error)) }, 'question log: removing old questions failed; will try again later');
      return 0;
    }
  };
  const timer = setInterval(() => void sweep(), options.everyMs ?? RETENTION_DEFAULTS.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), firstSweep: sweep() };
}
