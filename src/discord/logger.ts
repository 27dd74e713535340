import { createLogger, type Logger } from '../log.ts';
import type { BaseConfig } from '../config.ts';

/**
 * The bot's logger: the project's pino logger with the token registered as a secret, so it is
 * scrubbed from every line whatever carries it (an error message, a request dump, a config
 * object).
 */
export function createBotLogger(
  config: Pick<BaseConfig, 'logLevel' | 'logFormat'> & { token: string },
  destination?: NodeJS.WritableStream,
): Logger {
  return createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: [config.token],
    ...(destination ? { destination } : {}),
  });
}
