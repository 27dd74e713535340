import type { Logger } from '../log.ts';
import { errorForLog } from './logger.ts';

/** The part of `process` the handlers attach to (an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
}

export interface ProcessHandlerOptions {
  /**
   * What to do after an uncaught exception has been logged: after one, the process is in an
   * unknown state and must end (start.ts shuts the bot down and exits 1). Default: exit 1 now.
   */
  onFatal?: (error: unknown) => void;
}

/**
 * A promise rejected with nobody listening is a bug to log, not a reason to take the bot down for
 * everyone (Node's default since 15 is to exit). An exception nobody caught does end the process,
 * but through the logger: Node's own report would print the error as it is, token and all, where
 * the logger scrubs it. Returns a function that removes both handlers.
 */
export function installProcessHandlers(log: Logger, target: ProcessEvents = process, options: ProcessHandlerOptions = {}): () => void {
  const onRejection = (reason: unknown) => {
    log.error({ err: errorForLog(reason) }, 'unhandled promise rejection (logged; the bot keeps running)');
  };
  let failed = false;
  const onException = (error: unknown) => {
    if (failed) {
      // A second one while shutting down after the first: stop trying.
      log.fatal({ err: errorForLog(error) }, 'uncaught exception while shutting down; exiting now');
      log.flush();
      process.exit(1);
    }
    failed = true;
    log.fatal({ err: errorForLog(error) }, 'uncaught exception; shutting down (a process manager should start Footnote again)');
    log.flush();
    if (options.onFatal) options.onFatal(error);
    else process.exit(1);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
