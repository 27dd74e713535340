import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The question log's tables, as Kysely sees them. Both databases hold the same columns with the
 * same types: booleans are integers (0 or 1) because SQLite has no boolean, and times are
 * milliseconds since the epoch in a bigint column.
 */
export interface Database {
  /** Installation-wide values; `salt` keys the user hashes. */
  meta: { key: string; value: string };
  questions: {
    id: string;
    asked_at: number;
    guild_id: string | null;
    channel_id: string | null;
    /** HMAC-SHA256 of the Discord user id with the installation's salt, hex: never the id itself. */
    user_hash: string;
    via: string;
    question: string;
    answered: number;
    reason: string | null;
    /** JSON array of chunk ids. */
    citations: string;
    /** The first of them, as a column so votes on one paragraph can be grouped and indexed. */
    first_citation: string | null;
  };
  votes: {
    question_id: string;
    user_hash: string;
    value: number;
    admin: number;
    voted_at: number;
  };
}

/** The `meta` key of the per-installation salt. */
export const SALT_KEY = 'salt';

/**
 * Every statement is "if not exists", so a migration that stopped half-way on a database that
 * cannot roll back its DDL is simply run again.
 */
const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('meta')
      .ifNotExists()
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('questions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('asked_at', 'bigint', (c) => c.notNull())
      .addColumn('guild_id', 'text')
      .addColumn('channel_id', 'text')
      .addColumn('user_hash', 'text', (c) => c.notNull())
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('answered', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('citations', 'text', (c) => c.notNull())
      .addColumn('first_citation', 'text')
      .execute();
    await db.schema
      .createTable('votes')
      .ifNotExists()
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('user_hash', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('admin', 'integer', (c) => c.notNull())
      .addColumn('voted_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('votes_pk', ['question_id', 'user_hash'])
      .execute();
    const indexes: [name: string, table: 'questions' | 'votes', column: string][] = [
      ['questions_asked_at', 'questions', 'asked_at'],
      ['questions_user_hash', 'questions', 'user_hash'],
      ['questions_guild_id', 'questions', 'guild_id'],
      ['questions_first_citation', 'questions', 'first_citation'],
      ['votes_user_hash', 'votes', 'user_hash'],
    ];
    for (const [name, table, column] of indexes) await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
  },
};

/** The migrations in order; a new one is added at the end under the next number, never edited. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Brings the schema up to date; throws the first migration error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'footnote_migration', migrationLockTableName: 'footnote_migration_lock' });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(`question log migration failed: ${String(error)}`);
}
