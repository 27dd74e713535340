import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import { migrateToLatest, SALT_KEY, type Database } from './schema.ts';
import type { QuestionRecord, QuestionRow, QuestionStore, RowQuery, VotedAnswer, VoteOutcome, VoteRecord } from './types.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A "select id from questions where …" subquery. */
type QuestionIds = SelectQueryBuilder<Database, 'questions', { id: string }>;

/** What differs between the two databases; everything else is the shared query layer below. */
export interface DialectParts {
  db: Kysely<Database>;
  description: string;
  /** Runs the migration so that two processes migrating at once take turns. */
  serializeMigration(run: () => Promise<void>): Promise<void>;
  /** Runs `work` in one write transaction. */
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/** Rows per INSERT: well under SQLite's limit on bound parameters per statement. */
const INSERT_CHUNK = 500;

/** The QuestionStore over a Kysely database, SQLite and PostgreSQL alike. */
export class KyselyQuestionStore implements QuestionStore {
  readonly description: string;
  readonly #parts: DialectParts;
  #salt: string | null = null;

  constructor(parts: DialectParts) {
    this.#parts = parts;
    this.description = parts.description;
  }

  async migrate(): Promise<void> {
    await this.#parts.serializeMigration(async () => {
      await migrateToLatest(this.#parts.db);
      // Outside the migrations so that the salt is never part of a schema version: every process
      // offers one, the first one in stays.
      await this.#parts.db
        .insertInto('meta')
        .values({ key: SALT_KEY, value: randomBytes(32).toString('hex') })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    });
    this.#salt = null;
  }

  async recordQuestions(records: readonly QuestionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const hash = await this.#hasher();
    const rows = records.map((r) => ({
      id: r.id,
      asked_at: r.askedAt,
      guild_id: r.guildId,
      channel_id: r.channelId,
      user_hash: hash(r.userId),
      via: r.via,
      question: r.question,
      answered: r.answered ? 1 : 0,
      reason: r.reason,
      citations: JSON.stringify(r.citations),
      first_citation: r.citations[0] ?? null,
    }));
    await this.#parts.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('questions')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    });
  }

  async vote(vote: VoteRecord): Promise<VoteOutcome> {
    const userHash = (await this.#hasher())(vote.userId);
    const row = { question_id: vote.answerId, user_hash: userHash, value: vote.value, admin: vote.admin ? 1 : 0, voted_at: vote.at };
    return this.#parts.transaction(async (trx) => {
      const question = await trx.selectFrom('questions').select('id').where('id', '=', vote.answerId).executeTakeFirst();
      if (question === undefined) return 'unknown-answer';
      const before = await trx.selectFrom('votes').select('value').where('question_id', '=', vote.answerId).where('user_hash', '=', userHash).executeTakeFirst();
      if (before !== undefined && Number(before.value) === vote.value) return 'unchanged';
      // An upsert rather than insert-or-update, so a vote from another shard landing between the
      // read and the write replaces it instead of failing.
      await trx
        .insertInto('votes')
        .values(row)
        .onConflict((oc) => oc.columns(['question_id', 'user_hash']).doUpdateSet({ value: row.value, admin: row.admin, voted_at: row.voted_at }))
        .execute();
      return before === undefined ? 'recorded' : 'changed';
    });
  }

  async rows(query: RowQuery): Promise<QuestionRow[]> {
    let select = this.#parts.db
      .selectFrom('questions as q')
      .leftJoin('votes as v', 'v.question_id', 'q.id')
      .select(['q.id', 'q.asked_at', 'q.guild_id', 'q.channel_id', 'q.question', 'q.answered', 'q.reason', 'q.citations'])
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when('v.value', '=', 1).then(1).else(0).end()).as('helpful'),
        eb.fn.sum<number>(eb.case().when('v.value', '=', -1).then(1).else(0).end()).as('unhelpful'),
      ])
      .groupBy('q.id')
      .orderBy('q.asked_at')
      .orderBy('q.id');
    if (query.since !== null) select = select.where('q.asked_at', '>=', query.since);
    if (query.guildId !== undefined) select = select.where('q.guild_id', '=', query.guildId);
    const rows = await select.execute();
    return rows.map((r) => ({
      id: r.id,
      askedAt: Number(r.asked_at),
      guildId: r.guild_id,
      channelId: r.channel_id,
      question: r.question,
      answered: Number(r.answered) === 1,
      reason: r.reason,
      citations: parseCitations(r.citations),
      helpful: Number(r.helpful ?? 0),
      unhelpful: Number(r.unhelpful ?? 0),
    }));
  }

  async votedAnswers(): Promise<VotedAnswer[]> {
    const db = this.#parts.db;
    const wording = sql<string>`lower(trim(q.question))`;
    const counts = await db
      .selectFrom('questions as q')
      .innerJoin('votes as v', 'v.question_id', 'q.id')
      .where('q.answered', '=', 1)
      .where('q.first_citation', 'is not', null)
      .select((eb) => {
        const voters = (value: number, adminOnly: boolean) =>
          eb.fn
            .count<number>(
              eb
                .case()
                .when(eb.and([eb('v.value', '=', value), ...(adminOnly ? [eb('v.admin', '=', 1)] : [])]))
                .then(eb.ref('v.user_hash'))
                .end(),
            )
            .distinct();
        return [
          wording.as('wording'),
          'q.first_citation as chunk_id',
          voters(1, false).as('helpful'),
          voters(-1, false).as('unhelpful'),
          voters(1, true).as('admin_helpful'),
          voters(-1, true).as('admin_unhelpful'),
        ];
      })
      .groupBy([wording, 'q.first_citation'])
      .execute();
    const latest = await this.#latestWordings(db);
    return counts.map((c) => ({
      question: latest.get(groupKey(c.wording, c.chunk_id ?? '')) ?? c.wording,
      chunkId: c.chunk_id ?? '',
      helpful: Number(c.helpful),
      unhelpful: Number(c.unhelpful),
      adminHelpful: Number(c.admin_helpful),
      adminUnhelpful: Number(c.admin_unhelpful),
    }));
  }

  /**
   * The most recent wording of each voted group. The group key comes from the database, so that it
   * folds case and spaces exactly as the grouping above did.
   */
  async #latestWordings(db: Executor): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('questions as q')
      .where('q.answered', '=', 1)
      .where('q.first_citation', 'is not', null)
      .where((eb) => eb.exists(eb.selectFrom('votes as v').select('v.question_id').whereRef('v.question_id', '=', 'q.id')))
      .select([sql<string>`lower(trim(q.question))`.as('wording'), 'q.first_citation', 'q.question'])
      .orderBy('q.asked_at')
      .orderBy('q.id')
      .execute();
    const latest = new Map<string, string>();
    for (const r of rows) latest.set(groupKey(r.wording, r.first_citation ?? ''), r.question);
    return latest;
  }

  async forgetUser(userId: string): Promise<number> {
    const userHash = (await this.#hasher())(userId);
    return this.#parts.transaction(async (trx) => {
      await trx
        .deleteFrom('votes')
        .where((eb) => eb.or([eb('user_hash', '=', userHash), eb('question_id', 'in', eb.selectFrom('questions').select('id').where('user_hash', '=', userHash))]))
        .execute();
      const gone = await trx.deleteFrom('questions').where('user_hash', '=', userHash).executeTakeFirst();
      return Number(gone.numDeletedRows);
    });
  }

  async clearGuild(guildId: string): Promise<number> {
    return this.#deleteQuestions((trx) => trx.selectFrom('questions').select('id').where('guild_id', '=', guildId));
  }

  async deleteOlderThan(before: number): Promise<number> {
    return this.#deleteQuestions((trx) => trx.selectFrom('questions').select('id').where('asked_at', '<', before));
  }

  async close(): Promise<void> {
    await this.#parts.db.destroy();
  }

  /** Deletes the chosen questions and the votes on them, in one transaction; returns how many questions went. */
  async #deleteQuestions(choose: (trx: Transaction<Database>) => QuestionIds): Promise<number> {
    return this.#parts.transaction(async (trx) => {
      await trx.deleteFrom('votes').where('question_id', 'in', choose(trx)).execute();
      const gone = await trx.deleteFrom('questions').where('id', 'in', choose(trx)).executeTakeFirst();
      return Number(gone.numDeletedRows);
    });
  }

  /** The salted hash of user ids; the salt is read once, after migrate() made it. */
  async #hasher(): Promise<(userId: string) => string> {
    if (this.#salt === null) {
      const row = await this.#parts.db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', SALT_KEY)
        .executeTakeFirst()
        .catch((error: unknown) => {
          throw new Error(`The question log at ${this.description} cannot read its salt (has migrate() run?): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
      if (row === undefined) throw new Error(`The question log at ${this.description} has no salt yet: call migrate() first`);
      this.#salt = row.value;
    }
    const salt = this.#salt;
    return (userId) => createHmac('sha256', salt).update(userId).digest('hex');
  }
}

function groupKey(wording: string, chunkId: string): string {
  return `${chunkId}\u0000${wording}`;
}

function parseCitations(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
