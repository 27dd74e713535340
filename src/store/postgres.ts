import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log.ts';
import { KyselyQuestionStore } from './kysely-store.ts';
import type { Database } from './schema.ts';
import type { QuestionStore } from './types.ts';

/** The PostgreSQL pool's settings, in one place. */
export const POSTGRES_DEFAULTS = {
  /** Connections per process: the log writes in batches, so a few are plenty even with shards. */
  maxConnections: 4,
  /** A server that does not answer makes the write fail (and the writer retry) instead of hang. */
  connectTimeoutMs: 10_000,
  /** Likewise for a query that never returns; generous, as a migration may wait for another's lock. */
  queryTimeoutMs: 60_000,
} as const;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * bigint and numeric come back as JavaScript numbers: times in milliseconds and counts stay far
 * below 2^53. Set on this pool only, not on the `pg` module, which other code may share.
 */
const getTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if ((oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary') return (value: string) => Number(value);
  return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
}) as typeof pg.types.getTypeParser;

/** The URL without its password or parameters (which may hold one too): safe to log and show. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username === '' ? '' : `${decodeURIComponent(u.username)}@`;
    return `postgres://${user}${u.host}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** The question log in the PostgreSQL database at `url` (postgres://…); connects on first use. */
export function openPostgresStore(url: string, log?: Logger): QuestionStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_DEFAULTS.maxConnections,
    connectionTimeoutMillis: POSTGRES_DEFAULTS.connectTimeoutMs,
    query_timeout: POSTGRES_DEFAULTS.queryTimeoutMs,
    application_name: 'footnote',
    types: { getTypeParser },
  });
  // An idle connection that breaks (server restart) emits 'error' on the pool, which would end
  // the process if nobody listened; the next query fails and the writer reports it.
  pool.on('error', (err) => log?.debug({ err }, 'question log: an idle PostgreSQL connection failed'));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyQuestionStore({
    db,
    description: describePostgresUrl(url),
    // Kysely's migrator takes an advisory lock and migrates in a transaction on PostgreSQL.
    serializeMigration: (run) => run(),
    transaction: (work) => db.transaction().execute(work),
  });
}
