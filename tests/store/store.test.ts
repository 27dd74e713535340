// The QuestionStore contract, one body run against SQLite (a temporary folder) and PostgreSQL (a
// real server started for this file).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionStore } from '../../src/store/open.ts';
import { describePostgresUrl } from '../../src/store/postgres.ts';
import { SQLITE_DEFAULTS } from '../../src/store/sqlite.ts';
import type { QuestionRecord, QuestionStore, VoteRecord } from '../../src/store/types.ts';
import { TSX_LOADER } from '../helpers/discord/process.ts';
import { PROJECT, tempDir } from '../helpers/folders.ts';
import { findPostgresBinaries, postgresTestsSkipped, startPostgres, type PostgresServer } from '../helpers/postgres.ts';

/** One installation: a database the store can be opened on again and again. */
interface Installation {
  databaseUrl: string | null;
  dataDir: string;
}

interface Backend {
  name: string;
  skip: boolean;
  /**
   * Whether to migrate from child processes too. For PostgreSQL two pools in this process are two
   * server sessions, just as two processes would be, so the in-process test covers it; SQLite's
   * locks are file locks, worth seeing across real processes.
   */
  acrossProcesses: boolean;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  fresh(): Promise<Installation>;
  /** Every table's rows. */
  tables(installation: Installation): Promise<Record<string, unknown[]>>;
  /** Everything the database holds as text: every table's rows (and for SQLite the files' bytes). */
  dump(installation: Installation): Promise<string>;
}

const cleanups: (() => Promise<void>)[] = [];

async function scratchDir(): Promise<string> {
  const temp = await tempDir('footnote-store-');
  cleanups.push(temp.cleanup);
  return temp.dir;
}

const sqlite: Backend = {
  name: 'SQLite',
  skip: false,
  acrossProcesses: true,
  setup: async () => undefined,
  teardown: async () => undefined,
  fresh: async () => ({ databaseUrl: null, dataDir: join(await scratchDir(), 'data') }),
  async tables({ dataDir }) {
    const db = new BetterSqlite3(join(dataDir, SQLITE_DEFAULTS.fileName), { readonly: true });
    try {
      const names = db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
      return Object.fromEntries(names.map((t) => [t, db.prepare(`select * from "${t}"`).all()]));
    } finally {
      db.close();
    }
  },
  async dump(installation) {
    const path = join(installation.dataDir, SQLITE_DEFAULTS.fileName);
    const files = await Promise.all([path, `${path}-wal`].map((f) => readFile(f).then((b) => b.toString('latin1'), () => '')));
    return [JSON.stringify(await sqlite.tables(installation)), ...files].join('\n');
  },
};

let server: PostgresServer | null = null;

const postgres: Backend = {
  name: 'PostgreSQL',
  skip: postgresTestsSkipped(),
  acrossProcesses: false,
  async setup() {
    server = await startPostgres();
  },
  async teardown() {
    await server?.stop();
    server = null;
  },
  async fresh() {
    if (server === null) throw new Error('the PostgreSQL server did not start');
    return { databaseUrl: await server.newDatabase(), dataDir: await scratchDir() };
  },
  async tables({ databaseUrl }) {
    const client = new pg.Client({ connectionString: databaseUrl ?? '' });
    await client.connect();
    try {
      const names = await client.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'");
      const out: Record<string, unknown[]> = {};
      for (const { tablename } of names.rows) out[tablename] = (await client.query(`select * from "${tablename}"`)).rows;
      return out;
    } finally {
      await client.end();
    }
  },
  async dump(installation) {
    return JSON.stringify(await postgres.tables(installation));
  },
};

const ALICE = '111111111111111111';
const BOB = '222222222222222222';
const CAROL = '333333333333333333';
const GUILD = '900000000000000001';
const OTHER_GUILD = '900000000000000002';

function record(id: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    id,
    askedAt: 1_000,
    guildId: GUILD,
    channelId: '800000000000000001',
    userId: ALICE,
    via: 'command',
    question: `question ${id}`,
    answered: true,
    reason: null,
    citations: [`chunk-${id}`, 'chunk-extra'],
    ...overrides,
  };
}

function vote(answerId: string, userId: string, value: 1 | -1, admin = false): VoteRecord {
  return { answerId, userId, value, admin, at: 5_000 };
}

describe.each([sqlite, postgres])('the question store on $name', (backend) => {
  const stores: QuestionStore[] = [];

  async function userHashes(installation: Installation): Promise<string[]> {
    const { questions = [] } = await backend.tables(installation);
    return questions.map((q) => String((q as { user_hash: unknown }).user_hash));
  }

  async function open(installation: Installation): Promise<QuestionStore> {
    const store = await openQuestionStore(installation);
    stores.push(store);
    return store;
  }

  async function freshStore(): Promise<{ store: QuestionStore; installation: Installation }> {
    const installation = await backend.fresh();
    const store = await open(installation);
    await store.migrate();
    return { store, installation };
  }

  beforeAll(async () => {
    if (!backend.skip) await backend.setup();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  afterAll(() => backend.teardown());

  describe.skipIf(backend.skip)('', () => {
    it('migrates once, again, and from two connections at the same time', async () => {
      const installation = await backend.fresh();
      const [a, b] = [await open(installation), await open(installation)];
      await Promise.all([a.migrate(), b.migrate()]);
      await a.migrate();
      await a.recordQuestions([record('q1')]);
      expect((await b.rows({ since: null })).map((r) => r.id)).toEqual(['q1']);
    });

    if (backend.acrossProcesses) {
      it('migrates from several processes at the same time into one schema with one salt', async () => {
        const installation = await backend.fresh();
        const script = join(PROJECT, 'tests/store/scripts/migrate-and-record.ts');
        const ids = ['p1', 'p2'];
        await Promise.all(ids.map((id) => promisify(execFile)(process.execPath, ['--import', TSX_LOADER, script, JSON.stringify(installation), id])));
        const store = await open(installation);
        expect((await store.rows({ since: null })).map((r) => r.id).sort()).toEqual(ids);
        expect(new Set(await userHashes(installation)).size).toBe(1);
      });
    }

    it('says what it is without a password', async () => {
      const { store, installation } = await freshStore();
      expect(store.description).toBe(installation.databaseUrl === null ? `sqlite:${join(installation.dataDir, SQLITE_DEFAULTS.fileName)}` : describePostgresUrl(installation.databaseUrl));
    });

    it('records questions and reads them back, filtered by time and server', async () => {
      const { store } = await freshStore();
      await store.recordQuestions([
        record('a', { askedAt: 1_000 }),
        record('b', { askedAt: 2_000, guildId: null, channelId: null, via: 'dm', answered: false, reason: 'no-match', citations: [] }),
        record('c', { askedAt: 3_000, guildId: OTHER_GUILD }),
      ]);
      const all = await store.rows({ since: null });
      expect(all).toEqual([
        { id: 'a', askedAt: 1_000, guildId: GUILD, channelId: '800000000000000001', question: 'question a', answered: true, reason: null, citations: ['chunk-a', 'chunk-extra'], helpful: 0, unhelpful: 0 },
        { id: 'b', askedAt: 2_000, guildId: null, channelId: null, question: 'question b', answered: false, reason: 'no-match', citations: [], helpful: 0, unhelpful: 0 },
        { id: 'c', askedAt: 3_000, guildId: OTHER_GUILD, channelId: '800000000000000001', question: 'question c', answered: true, reason: null, citations: ['chunk-c', 'chunk-extra'], helpful: 0, unhelpful: 0 },
      ]);
      expect((await store.rows({ since: 2_000 })).map((r) => r.id)).toEqual(['b', 'c']);
      expect((await store.rows({ since: null, guildId: GUILD })).map((r) => r.id)).toEqual(['a']);
      expect(typeof all[0]?.askedAt).toBe('number');
    });

    it('keeps the first record of an id and ignores later ones, in one batch or another', async () => {
      const { store } = await freshStore();
      await store.recordQuestions([record('a'), record('a', { question: 'second' })]);
      await store.recordQuestions([record('a', { question: 'third' }), record('b')]);
      await store.recordQuestions([]);
      const rows = await store.rows({ since: null });
      expect(rows.map((r) => [r.id, r.question])).toEqual([
        ['a', 'question a'],
        ['b', 'question b'],
      ]);
    });

    it('keeps one vote per person per answer and says what each vote did', async () => {
      const { store } = await freshStore();
      await store.recordQuestions([record('a')]);
      expect(await store.vote(vote('a', BOB, 1))).toBe('recorded');
      expect(await store.vote(vote('a', BOB, 1))).toBe('unchanged');
      expect(await store.vote(vote('a', BOB, -1))).toBe('changed');
      expect(await store.vote(vote('a', CAROL, -1))).toBe('recorded');
      expect(await store.vote(vote('a', ALICE, 1))).toBe('recorded');
      expect(await store.vote(vote('missing', BOB, 1))).toBe('unknown-answer');
      const [row] = await store.rows({ since: null });
      expect(row).toMatchObject({ id: 'a', helpful: 1, unhelpful: 2 });
    });

    it('counts votes per wording and first citation by distinct voters, admins apart, with the latest wording', async () => {
      const { store } = await freshStore();
      await store.recordQuestions([
        record('a1', { question: 'How big is Shanghai?', askedAt: 1_000, citations: ['p1', 'p2'] }),
        record('a2', { question: '  how big is shanghai?', askedAt: 2_000, citations: ['p1'] }),
        record('b', { question: 'How big is Shanghai?', askedAt: 1_500, citations: ['p9'] }),
        record('declined', { answered: false, reason: 'no-match', citations: [] }),
        record('unvoted', { question: 'Nobody voted', citations: ['p1'] }),
      ]);
      // Bob votes helpful on both answers of the group: one voter, counted once.
      await store.vote(vote('a1', BOB, 1));
      await store.vote(vote('a2', BOB, 1));
      await store.vote(vote('a2', CAROL, 1, true));
      await store.vote(vote('a1', ALICE, -1, true));
      await store.vote(vote('b', BOB, -1));
      await store.vote(vote('declined', BOB, -1));
      const voted = await store.votedAnswers();
      const byChunk = Object.fromEntries(voted.map((v) => [v.chunkId, v]));
      expect(voted).toHaveLength(2);
      expect(byChunk.p1).toEqual({ question: '  how big is shanghai?', chunkId: 'p1', helpful: 2, unhelpful: 1, adminHelpful: 1, adminUnhelpful: 1 });
      expect(byChunk.p9).toEqual({ question: 'How big is Shanghai?', chunkId: 'p9', helpful: 0, unhelpful: 1, adminHelpful: 0, adminUnhelpful: 0 });
    });

    it("forgets a person: their questions, the votes on them and their votes elsewhere; no raw id is ever stored", async () => {
      const { store, installation } = await freshStore();
      await store.recordQuestions([record('alice-1'), record('alice-2'), record('bob-1', { userId: BOB })]);
      await store.vote(vote('alice-1', BOB, 1));
      await store.vote(vote('bob-1', ALICE, -1));
      await store.vote(vote('bob-1', CAROL, 1));
      expect(await backend.dump(installation)).not.toContain(ALICE);
      expect(await store.forgetUser(ALICE)).toBe(2);
      const rows = await store.rows({ since: null });
      expect(rows).toEqual([expect.objectContaining({ id: 'bob-1', helpful: 1, unhelpful: 0 })]);
      expect(await store.forgetUser(ALICE)).toBe(0);
      expect(await store.vote(vote('alice-1', BOB, 1))).toBe('unknown-answer');
      const dump = await backend.dump(installation);
      for (const id of [ALICE, BOB, CAROL]) expect(dump).not.toContain(id);
    });

    it("clears one server's questions and the votes on them", async () => {
      const { store } = await freshStore();
      await store.recordQuestions([record('here-1'), record('here-2'), record('there', { guildId: OTHER_GUILD }), record('dm', { guildId: null })]);
      await store.vote(vote('here-1', BOB, 1));
      await store.vote(vote('there', BOB, 1));
      expect(await store.clearGuild(GUILD)).toBe(2);
      expect((await store.rows({ since: null })).map((r) => [r.id, r.helpful])).toEqual([
        ['dm', 0],
        ['there', 1],
      ]);
      // Recorded again later, the id starts without the old votes.
      await store.recordQuestions([record('here-1')]);
      expect((await store.rows({ since: null, guildId: GUILD }))[0]).toMatchObject({ helpful: 0 });
    });

    it('deletes questions asked before a time, with their votes', async () => {
      const { store } = await freshStore();
      await store.recordQuestions([record('old', { askedAt: 1_000 }), record('edge', { askedAt: 2_000 }), record('new', { askedAt: 3_000 })]);
      await store.vote(vote('old', BOB, 1));
      expect(await store.deleteOlderThan(2_000)).toBe(1);
      expect((await store.rows({ since: null })).map((r) => r.id)).toEqual(['edge', 'new']);
      await store.recordQuestions([record('old', { askedAt: 1_000 })]);
      expect((await store.rows({ since: null }))[0]).toMatchObject({ id: 'old', helpful: 0 });
    });

    it('keeps its salt across reopening, and another installation has another', async () => {
      const { store, installation } = await freshStore();
      await store.recordQuestions([record('a')]);
      await store.close();
      const again = await open(installation);
      await again.migrate();
      await again.recordQuestions([record('b')]);
      const other = await freshStore();
      await other.store.recordQuestions([record('a')]);
      const mine = await userHashes(installation);
      const theirs = await userHashes(other.installation);
      expect(mine).toHaveLength(2);
      expect(mine[0]).toMatch(/^[0-9a-f]{64}$/u);
      expect(mine[1]).toBe(mine[0]);
      expect(theirs).toHaveLength(1);
      expect(theirs[0]).not.toBe(mine[0]);
    });

    it('refuses to write before migrate(), with a message that says so', async () => {
      const store = await open(await backend.fresh());
      await expect(store.recordQuestions([record('a')])).rejects.toThrow(/migrate\(\)/u);
    });
  });
});

describe('describePostgresUrl', () => {
  it('never shows a password or the parameters', () => {
    expect(describePostgresUrl('postgres://footnote:s3cret-pw@db.example:5432/footnote?password=other-secret')).toBe('postgres://footnote@db.example:5432/footnote');
    expect(describePostgresUrl('postgresql://db.example/footnote')).toBe('postgres://db.example/footnote');
    expect(describePostgresUrl('not a url s3cret')).toBe('postgres');
  });

  it('is what a PostgreSQL store calls itself, before it has connected', async () => {
    const store = await openQuestionStore({ databaseUrl: 'postgres://footnote:s3cret-pw@127.0.0.1:1/footnote', dataDir: '/nonexistent' });
    expect(store.description).toBe('postgres://footnote@127.0.0.1:1/footnote');
    await store.close();
  });
});

describe('the PostgreSQL test helper', () => {
  it('says where it looked when the server binaries are nowhere', () => {
    expect(findPostgresBinaries({ PATH: '/nowhere/bin' }, '/nowhere/postgresql')).toEqual({ found: false, lookedIn: ['/nowhere/bin', '/nowhere/postgresql/*/bin'] });
  });
});
