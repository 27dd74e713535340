import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { DEFAULT_CACHE_DIR, DEFAULT_KNOWLEDGE_DIR, userPath } from './paths.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings every entry point shares (CLI and bot). */
export const baseSchema = z.object({
  KNOWLEDGE_DIR: z.string().min(1).optional(),
  FOOTNOTE_CACHE_DIR: z.string().min(1).optional(),
  /** `off` keeps the index in memory only (for read-only installs). */
  FOOTNOTE_CACHE: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
});

export interface BaseConfig {
  knowledgeDir: string;
  cacheDir: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: 'json' | 'pretty' | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads `.env` (if there is one) into the environment without overriding what is already set. */
export function loadEnvFile(): void {
  loadDotenv({ quiet: true });
}

/** "LOG_LEVEL: expected one of …" for each problem, so a person can fix the file in one go. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`).join('\n');
}

/** `KEY=` in a copied `.env.example` means "not set", not "set to nothing". */
export function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

export function readBaseConfig(env: NodeJS.ProcessEnv = process.env, knowledgeOverride?: string): BaseConfig {
  const parsed = baseSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${describeIssues(parsed.error)}`);
  const c = parsed.data;
  const knowledge = knowledgeOverride ?? c.KNOWLEDGE_DIR;
  return {
    knowledgeDir: knowledge ? userPath(knowledge, env) : DEFAULT_KNOWLEDGE_DIR,
    cacheDir: c.FOOTNOTE_CACHE === 'off' ? null : c.FOOTNOTE_CACHE_DIR ? userPath(c.FOOTNOTE_CACHE_DIR, env) : DEFAULT_CACHE_DIR,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
  };
}
