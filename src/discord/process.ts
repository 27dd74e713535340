import type { Logger } from '../log.ts';

/** The part of `process` the handlers attach to (an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * A promise rejected with nobody listening is a bug to log, not a reason to take the bot down for
 * everyone (Node's default since 15 is to exit). Returns a function that removes the handler.
 */
export function installProcessHandlers(log: Logger, target: ProcessEvents = process): () => void {
  const onRejection = (reason: unknown) => {
    log.error({ err: reason }, 'unhandled promise rejection (logged; the bot keeps running)');
  };
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('unhandledRejection', onRejection);
  };
}
