import { UnknownCitationError, UnknownDocumentError } from '../answer/index.ts';
import { ConfigError } from '../config.ts';
import { KnowledgeFolderError } from '../knowledge/index.ts';
import type { Logger } from '../log.ts';
import type { Io } from './io.ts';
import { USAGE, UsageError } from './usage.ts';

/**
 * How a failed command ends, by the error's type: wrong usage explains what is expected and
 * exits 2; a mistake the person can fix (a missing folder, an unknown citation, a bad setting)
 * is said in one line and exits 1; anything else is a bug, logged with its stack, and exits 1.
 */
export type Failure = { kind: 'usage'; message: string } | { kind: 'user'; message: string } | { kind: 'bug'; error: unknown };

const USER_ERRORS = [UnknownCitationError, UnknownDocumentError, KnowledgeFolderError, ConfigError] as const;

export function classify(error: unknown): Failure {
  if (error instanceof UsageError) return { kind: 'usage', message: error.message };
  if (USER_ERRORS.some((type) => error instanceof type)) return { kind: 'user', message: (error as Error).message };
  return { kind: 'bug', error };
}

export const EXIT_CODE: Readonly<Record<Failure['kind'], number>> = { usage: 2, user: 1, bug: 1 };

/** Says what went wrong on stderr; `log` is null when the failure came before the logger existed. */
export function reportFailure(failure: Failure, io: Io, log: Logger | null): number {
  switch (failure.kind) {
    case 'usage':
      io.stderr.write(`${failure.message}\n\n${USAGE}\n`);
      break;
    case 'user':
      io.stderr.write(`${failure.message}\n`);
      break;
    case 'bug': {
      const { error } = failure;
      if (log) log.error({ err: error }, 'command failed');
      else io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  return EXIT_CODE[failure.kind];
}
