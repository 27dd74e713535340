import type { Logger } from '../log.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { QuestionStore } from './types.ts';

export interface OpenStoreOptions {
  /** postgres://… for PostgreSQL; null for SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Where the SQLite file lives (created when missing); unused with PostgreSQL. */
  dataDir: string;
  /** Where PostgreSQL's background connection errors go; default nowhere. */
  log?: Logger;
}

/**
 * Opens the question log's database. It does not migrate: call `migrate()` once before use (every
 * process may, at the same time).
 */
export async function openQuestionStore(options: OpenStoreOptions): Promise<QuestionStore> {
  if (options.databaseUrl !== null) return openPostgresStore(options.databaseUrl, options.log);
  return openSqliteStore(options.dataDir);
}
