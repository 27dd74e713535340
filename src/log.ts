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

/**
 * Replaces every occurrence of a secret inside strings, errors, arrays and plain objects, however
 * deeply nested. A value met again on the way down (a cycle, such as an error whose cause points
 * back at it) is replaced by its copy in progress, so the walk ends and the copy keeps the shape.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return scrub(value, secrets, new Map()) as T;
}

function scrubString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

function scrub(value: unknown, secrets: readonly string[], seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return scrubString(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (value instanceof Error) {
    const copy = new Error(scrubString(value.message, secrets));
    seen.set(value, copy);
    copy.name = value.name;
    copy.stack = scrubString(value.stack ?? '', secrets);
    if (value.cause !== undefined) copy.cause = scrub(value.cause, secrets, seen);
    for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = scrub(v, secrets, seen);
    return copy;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const v of value) copy.push(scrub(v, secrets, seen));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [k, v] of Object.entries(value)) copy[k] = scrub(v, secrets, seen);
  return copy;
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
