import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import { KyselyQuestionStore } from './kysely-store.ts';
import type { Database } from './schema.ts';
import type { QuestionStore } from './types.ts';

/** The embedded database's settings, in one place. */
export const SQLITE_DEFAULTS = {
  /** The file inside the data folder. */
  fileName: 'questions.sqlite',
  /**
   * How long one statement waits for another process's write lock. better-sqlite3 waits
   * synchronously, blocking the bot's event loop, so this stays short and callers retry
   * asynchronously instead.
   */
  busyTimeoutMs: 20,
  /** A write transaction found the database busy: tries again after these pauses, then gives up. */
  transactionRetryMs: [10, 30, 60] as readonly number[],
  /** Opening or migrating while another process migrates: keeps trying for this long. */
  setupPatienceMs: 30_000,
} as const;

/** SQLITE_BUSY and its variants: another connection holds the lock; trying again later may work. */
export function isBusy(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Runs `work`, waiting asynchronously and trying again while the database is busy. */
async function whileBusy<T>(work: () => T | Promise<T>, pauses: Iterable<number>): Promise<T> {
  for (const pause of pauses) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error)) throw error;
      await sleep(pause);
    }
  }
  return work();
}

/** Pauses growing to a quarter second until `patienceMs` has passed. */
function* patiently(patienceMs: number): Generator<number> {
  const until = Date.now() + patienceMs;
  let pause = 5;
  while (Date.now() < until) {
    yield pause;
    pause = Math.min(pause * 2, 250);
  }
}

/**
 * Write transactions start with BEGIN IMMEDIATE: a deferred transaction that reads before it
 * writes fails outright (without the busy handler) when another process wrote in between.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

async function openFile(path: string): Promise<BetterSqlite3.Database> {
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma(`busy_timeout = ${SQLITE_DEFAULTS.busyTimeoutMs}`);
    // Switching to WAL needs a moment of exclusive access when several processes open a new file.
    await whileBusy(() => raw.pragma('journal_mode = WAL'), patiently(SQLITE_DEFAULTS.setupPatienceMs));
    // With WAL, NORMAL loses no committed transaction on a process crash, only on power loss.
    raw.pragma('synchronous = NORMAL');
    return raw;
  } catch (error) {
    raw.close();
    throw error;
  }
}

/** The question log in `<dataDir>/questions.sqlite`, creating the folder and file when needed. */
export async function openSqliteStore(dataDir: string): Promise<QuestionStore> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, SQLITE_DEFAULTS.fileName);
  const raw = await openFile(path);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
  return new KyselyQuestionStore({
    db,
    description: `sqlite:${path}`,
    // Kysely takes no lock for SQLite; one IMMEDIATE transaction around the whole migration
    // (SQLite rolls back DDL too) makes other processes wait their turn, then find it done.
    async serializeMigration(run) {
      await whileBusy(() => raw.exec('BEGIN IMMEDIATE'), patiently(SQLITE_DEFAULTS.setupPatienceMs));
      try {
        await run();
        raw.exec('COMMIT');
      } catch (error) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw error;
      }
    },
    transaction: (work) => whileBusy(() => db.transaction().execute(work), SQLITE_DEFAULTS.transactionRetryMs),
  });
}
