import { pino, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LogOptions {
  level?: string;
  /** `pretty` for people, `json` for machines; default: pretty only when stderr is a terminal. */
  format?: 'json' | 'pretty' | undefined;
  /** Values that must never be written, wherever they appear (the bot token). */
  secrets?: readonly string[];
  /** Where lines go; default stderr, so stdout stays free for command output. */
  destination?: NodeJS.WritableStream;
}

const REDACTED = '[redacted]';

/** Keys whose values are secret whatever they hold. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
];

/** Replaces every occurrence of a secret inside strings, errors and plain objects. */
export function scrubSecrets<T>(value: T, secrets: readonly string[], depth = 0): T {
  if (secrets.length === 0 || depth > 4) return value;
  if (typeof value === 'string') {
    let out: string = value;
    for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join(REDACTED);
    return out as T;
  }
  if (value instanceof Error) {
    const copy = new Error(scrubSecrets(value.message, secrets));
    copy.name = value.name;
    copy.stack = scrubSecrets(value.stack ?? '', secrets);
    for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = scrubSecrets(v, secrets, depth + 1);
    return copy as T;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secrets, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubSecrets(v, secrets, depth + 1);
    return out as T;
  }
  return value;
}

/**
 * The project's logger: JSON lines on stderr, pretty when a person is watching. Known secret keys
 * are redacted by pino; secret values are scrubbed from anything else before it is written.
 */
export function createLogger(options: LogOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const destination = options.destination ?? process.stderr;
  const isTty = 'isTTY' in destination && destination.isTTY === true;
  const format = options.format ?? (isTty ? 'pretty' : 'json');
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
    hooks: {
      logMethod(args, method) {
        const clean = secrets.length > 0 ? (args.map((a) => scrubSecrets(a, secrets)) as typeof args) : args;
        method.apply(this, clean);
      },
    },
  };
  const stream = format === 'pretty' ? pretty({ destination, colorize: isTty, sync: true, ignore: 'pid,hostname' }) : destination;
  return pino(config, stream);
}

/** "skipped <file>: <reason>", one warning per file the loader passed over: the same line wherever a folder is opened. */
export function logSkippedFiles(log: Logger, skipped: readonly { path: string; reason: string }[]): void {
  for (const s of skipped) log.warn({ file: s.path, reason: s.reason }, `skipped ${s.path}: ${s.reason}`);
}
