import { createLogger, type Logger } from '../log.ts';
import type { BaseConfig } from '../config.ts';
import { databaseSecrets, type QuestionLogConfig } from '../store/index.ts';

/**
 * The bot's logger: the project's pino logger with the token (and DATABASE_URL with its password)
 * registered as secrets, so they are scrubbed from every line whatever carries them (an error
 * message, a request dump, a config object).
 */
export function createBotLogger(
  config: Pick<BaseConfig, 'logLevel' | 'logFormat'> & { token: string; questionLog?: Pick<QuestionLogConfig, 'databaseUrl'> },
  destination?: NodeJS.WritableStream,
): Logger {
  return createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: [config.token, ...databaseSecrets(config.questionLog?.databaseUrl ?? null)],
    ...(destination ? { destination } : {}),
  });
}

/** `/webhooks/<app>/<token>` and `/interactions/<id>/<token>`: the token part of the path. */
const TOKEN_IN_PATH = /(\/(?:webhooks|interactions)\/\d+\/)[^/?#\s]+/gu;

/** A URL or text with interaction tokens replaced. */
export function withoutInteractionTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '$1[token]');
}

/**
 * An error as it should reach the log. discord.js's request errors carry the request's URL, which
 * holds the interaction token (it lets anyone edit or delete the bot's reply for 15 minutes), and
 * the whole request body; pino would write both. The copy keeps what helps: name, message, stack,
 * HTTP status, Discord's error code, method and the URL with the token masked.
 */
export function errorForLog(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const copy = new Error(withoutInteractionTokens(error.message));
  copy.name = error.name;
  copy.stack = withoutInteractionTokens(error.stack ?? '');
  const source = error as unknown as Record<string, unknown>;
  const target = copy as unknown as Record<string, unknown>;
  for (const key of ['status', 'code', 'method']) {
    if (source[key] !== undefined) target[key] = source[key];
  }
  if (typeof source['url'] === 'string') target['url'] = withoutInteractionTokens(source['url']);
  if (error.cause !== undefined) copy.cause = errorForLog(error.cause);
  return copy;
}

/** Fields of a log line about one interaction: its id (never its token), and an error made fit to log. */
export function logFields(interactionId: string, fields: Record<string, unknown>): Record<string, unknown> {
  const { err, ...rest } = fields;
  return { interaction: interactionId, ...rest, ...(err === undefined ? {} : { err: errorForLog(err) }) };
}
