import { z } from 'zod';
import { ConfigError, describeIssues, withoutEmpty } from '../config.ts';
import { DEFAULT_DATA_DIR, userPath } from '../paths.ts';

/**
 * The question log's settings. DATABASE_URL usually holds a password, so no message here ever
 * repeats its value: they are printed, and logs get shared.
 */

export interface QuestionLogConfig {
  /** FOOTNOTE_QUESTION_LOG=off records nothing. */
  enabled: boolean;
  /** PostgreSQL when set; null for SQLite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Records older than this many days are deleted; 0 keeps them forever. */
  logDays: number;
}

export const DEFAULT_LOG_DAYS = 90;

/** What is wrong with a database URL, in words that do not repeat it. */
function databaseUrlProblem(value: string): string | null {
  // Not even the scheme is repeated: in "user:password@host" the "scheme" is the user name.
  if (!/^postgres(ql)?:\/\//iu.test(value.trim())) return 'must start with postgres:// or postgresql:// (postgres://user:password@host:5432/database); leave it unset for the embedded SQLite database';
  // A URL without a host is fine: pg then takes the socket folder from ?host=.
  if (!URL.canParse(value.trim())) return 'cannot be read as a URL (a password with special characters must be percent-encoded, such as %40 for @); its value is not shown';
  return null;
}

const schema = z.object({
  FOOTNOTE_QUESTION_LOG: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['on', 'off'], { error: 'must be on or off' }))
    .default('on'),
  DATABASE_URL: z
    .string()
    .superRefine((value, ctx) => {
      const problem = databaseUrlProblem(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((v) => v.trim())
    .optional(),
  FOOTNOTE_LOG_DAYS: z
    .string()
    .trim()
    .regex(/^\d+$/u, { error: 'must be a whole number of days (0 keeps questions forever)' })
    .transform(Number)
    .pipe(z.number().max(36_500, { error: 'must be at most 36500 days (use 0 to keep questions forever)' }))
    .default(DEFAULT_LOG_DAYS),
  FOOTNOTE_DATA_DIR: z.string().min(1).optional(),
});

/** The question log's settings; throws ConfigError listing every problem at once. */
export function readQuestionLogConfig(rawEnv: NodeJS.ProcessEnv = process.env): QuestionLogConfig {
  const env = withoutEmpty(rawEnv);
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`The question log's settings are invalid; fix them (in .env or the environment):\n${describeIssues(parsed.error)}`);
  const d = parsed.data;
  return {
    enabled: d.FOOTNOTE_QUESTION_LOG === 'on',
    databaseUrl: d.DATABASE_URL ?? null,
    dataDir: d.FOOTNOTE_DATA_DIR ? userPath(d.FOOTNOTE_DATA_DIR, env) : DEFAULT_DATA_DIR,
    logDays: d.FOOTNOTE_LOG_DAYS,
  };
}

/**
 * What of a database URL must never reach a log line: the whole URL and its password, as written
 * and percent-decoded. Empty without a URL (SQLite has no secret).
 */
export function databaseSecrets(databaseUrl: string | null): string[] {
  if (databaseUrl === null) return [];
  const secrets = [databaseUrl];
  try {
    const password = new URL(databaseUrl).password;
    if (password !== '') secrets.push(password, decodeURIComponent(password));
  } catch {
    // An unreadable URL was refused when the settings were read; the whole URL stays secret.
  }
  return [...new Set(secrets)];
}
