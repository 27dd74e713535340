import { once } from 'node:events';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { openQuestionStore } from '../../src/store/open.ts';
import { answerIdTime, newAnswerId, QuestionLog, type QuestionLogOptions } from '../../src/store/question-log.ts';
import { startRetention } from '../../src/store/retention.ts';
import { SQLITE_DEFAULTS } from '../../src/store/sqlite.ts';
import type { QuestionRecord, QuestionRow, QuestionStore, VoteOutcome, VoteRecord } from '../../src/store/types.ts';
import { captureLog, type CapturedLog } from '../helpers/discord/log.ts';
import { tempDir } from '../helpers/folders.ts';

const ALICE = '111111111111111111';
const BOB = '222222222222222222';

function record(id: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return { id, askedAt: 1_000, guildId: 'g1', channelId: 'c1', userId: ALICE, via: 'command', question: `question ${id}`, answered: true, reason: null, citations: ['p1'], ...overrides };
}

function vote(answerId: string, value: 1 | -1 = 1): VoteRecord {
  return { answerId, userId: BOB, value, admin: false, at: 2_000 };
}

/** A QuestionStore in memory that can be broken and mended, and counts the batches it gets. */
class MemoryStore implements QuestionStore {
  readonly description = 'memory';
  readonly questions = new Map<string, QuestionRecord>();
  readonly votes = new Map<string, VoteRecord>();
  readonly batches: string[][] = [];
  broken: Error | null = null;
  closed = false;

  #check(): void {
    if (this.broken) throw this.broken;
  }
  async migrate(): Promise<void> {}
  async recordQuestions(records: readonly QuestionRecord[]): Promise<void> {
    this.#check();
    this.batches.push(records.map((r) => r.id));
    for (const r of records) if (!this.questions.has(r.id)) this.questions.set(r.id, r);
  }
  async vote(v: VoteRecord): Promise<VoteOutcome> {
    this.#check();
    if (!this.questions.has(v.answerId)) return 'unknown-answer';
    const key = `${v.answerId}/${v.userId}`;
    const before = this.votes.get(key);
    this.votes.set(key, v);
    return before === undefined ? 'recorded' : before.value === v.value ? 'unchanged' : 'changed';
  }
  async rows(): Promise<QuestionRow[]> {
    this.#check();
    return [...this.questions.values()].map((q) => ({ id: q.id, askedAt: q.askedAt, guildId: q.guildId, channelId: q.channelId, question: q.question, answered: q.answered, reason: q.reason, citations: q.citations, helpful: 0, unhelpful: 0 }));
  }
  async votedAnswers() {
    return [];
  }
  async #deleteWhere(match: (q: QuestionRecord) => boolean): Promise<number> {
    this.#check();
    const gone = [...this.questions.values()].filter(match);
    for (const q of gone) this.questions.delete(q.id);
    return gone.length;
  }
  forgetUser(userId: string): Promise<number> {
    return this.#deleteWhere((q) => q.userId === userId);
  }
  clearGuild(guildId: string): Promise<number> {
    return this.#deleteWhere((q) => q.guildId === guildId);
  }
  deleteOlderThan(before: number): Promise<number> {
    return this.#deleteWhere((q) => q.askedAt < before);
  }
  async close(): Promise<void> {
    this.closed = true;
    this.#check();
  }
}

const logs: QuestionLog[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(logs.splice(0).map((l) => l.close()));
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function questionLog(store: QuestionStore | null, options: Partial<QuestionLogOptions> = {}): { log: QuestionLog; captured: CapturedLog } {
  const captured = captureLog();
  // A long flush delay by default, so that each test decides when a batch goes (with flush()).
  const log = new QuestionLog(store, { log: createLogger({ destination: captured.stream, format: 'json', level: 'debug' }), flushDelayMs: 60_000, ...options });
  logs.push(log);
  return { log, captured };
}

function warnings(captured: CapturedLog): string[] {
  return captured
    .lines()
    .filter((l) => l.level === 40)
    .map((l) => String(l.msg));
}

async function sqliteStore(): Promise<{ store: QuestionStore; path: string }> {
  const temp = await tempDir('footnote-log-');
  cleanups.push(temp.cleanup);
  const store = await openQuestionStore({ databaseUrl: null, dataDir: temp.dir });
  await store.migrate();
  return { store, path: join(temp.dir, SQLITE_DEFAULTS.fileName) };
}

describe('QuestionLog with SQLite', () => {
  it('queues a record without waiting and has it in the database after flush()', async () => {
    const { store } = await sqliteStore();
    const { log } = questionLog(store);
    log.record(record('a'));
    log.record(record('b'));
    expect(log.health()).toEqual({ state: 'ok', pending: 2, lastError: null, since: null });
    await log.flush();
    expect((await log.rows({ since: null })).map((r) => r.id)).toEqual(['a', 'b']);
    expect(log.health().pending).toBe(0);
  });

  it('writes on its own shortly after record()', async () => {
    const { store } = await sqliteStore();
    const { log } = questionLog(store, { flushDelayMs: 1 });
    const written = once(log.events, 'written');
    log.record(record('a'));
    expect(await written).toEqual([1]);
    expect((await store.rows({ since: null })).map((r) => r.id)).toEqual(['a']);
  });

  it('finds the answer of a vote cast right after its record', async () => {
    const { store } = await sqliteStore();
    const { log } = questionLog(store);
    log.record(record('a'));
    expect(await log.vote(vote('a'))).toBe('recorded');
    expect(await log.vote(vote('a', -1))).toBe('changed');
    expect(await log.vote(vote('nowhere'))).toBe('unknown-answer');
  });

  it('keeps records while the database is locked, warns once, and writes them when it is free again', async () => {
    const { store, path } = await sqliteStore();
    const { log, captured } = questionLog(store, { retryFirstMs: 5, retryMaxMs: 20, now: () => 42 });
    const locker = new BetterSqlite3(path);
    cleanups.push(async () => void locker.close());
    locker.exec('BEGIN EXCLUSIVE');

    for (const id of ['a', 'b', 'c']) log.record(record(id));
    await log.flush();
    expect(log.health()).toMatchObject({ state: 'retrying', pending: 3, since: 42 });
    expect(log.health().lastError).toMatch(/locked|busy/iu);
    await expect(log.vote(vote('a'))).rejects.toThrow();
    log.record(record('d'));
    await log.flush();
    expect(warnings(captured).filter((m) => m.includes('cannot write'))).toHaveLength(1);

    const recovered = once(log.events, 'recovered');
    locker.exec('COMMIT');
    await recovered;
    await log.flush();
    expect((await store.rows({ since: null })).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.health()).toEqual({ state: 'ok', pending: 0, lastError: null, since: null });
    expect(captured.lines().some((l) => l.level === 30 && String(l.msg).includes('writing to the database again'))).toBe(true);
    expect(await log.vote(vote('a'))).toBe('recorded');
  });
});

describe('QuestionLog with a failing store', () => {
  it('never throws from record(), rejects votes, reports the outage and survives close()', async () => {
    const store = new MemoryStore();
    store.broken = new Error('disk full');
    const { log, captured } = questionLog(store);
    expect(() => log.record(record('a'))).not.toThrow();
    await log.flush();
    expect(log.health()).toMatchObject({ state: 'retrying', pending: 1, lastError: 'disk full' });
    await expect(log.vote(vote('a'))).rejects.toThrow('disk full');
    await expect(log.close()).resolves.toBeUndefined();
    expect(store.closed).toBe(true);
    expect(warnings(captured)).toEqual(expect.arrayContaining([expect.stringContaining('cannot write'), expect.stringContaining('lost')]));
  });

  it('survives a store that throws instead of rejecting', async () => {
    const store = new MemoryStore();
    store.recordQuestions = () => {
      throw new Error('synchronous failure');
    };
    const { log } = questionLog(store);
    log.record(record('a'));
    await log.flush();
    expect(log.health()).toMatchObject({ state: 'retrying', lastError: 'synchronous failure' });
  });

  it('keeps at most maxPending records, dropping the oldest with one warning', async () => {
    const store = new MemoryStore();
    store.broken = new Error('locked');
    const { log, captured } = questionLog(store, { maxPending: 3 });
    for (const id of ['1', '2', '3', '4', '5']) log.record(record(id));
    expect(log.health().pending).toBe(3);
    await log.flush();
    log.record(record('6'));
    expect(warnings(captured).filter((m) => m.includes('dropping the oldest'))).toHaveLength(1);
    store.broken = null;
    await log.flush();
    expect([...store.questions.keys()]).toEqual(['4', '5', '6']);
  });

  it('writes in batches of batchSize, in order', async () => {
    const store = new MemoryStore();
    const { log } = questionLog(store, { batchSize: 2 });
    for (const id of ['1', '2', '3', '4', '5']) log.record(record(id));
    await log.flush();
    expect(store.batches).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it("forgets a person's queued questions too, so none is written afterwards", async () => {
    const store = new MemoryStore();
    const { log } = questionLog(store);
    log.record(record('written'));
    await log.flush();
    log.record(record('queued'));
    log.record(record('bob', { userId: BOB }));
    expect(await log.forgetUser(ALICE)).toBe(2);
    await log.flush();
    expect([...store.questions.keys()]).toEqual(['bob']);
  });

  it('writes what is queued when it closes', async () => {
    const store = new MemoryStore();
    const { log } = questionLog(store);
    log.record(record('a'));
    await log.close();
    expect([...store.questions.keys()]).toEqual(['a']);
    expect(store.closed).toBe(true);
    log.record(record('after'));
    expect(store.questions.has('after')).toBe(false);
  });
});

describe('QuestionLog switched off', () => {
  it('records nothing, knows no answer and reads empty', async () => {
    const { log } = questionLog(null);
    log.record(record('a'));
    expect(log.health()).toEqual({ state: 'off', pending: 0, lastError: null, since: null });
    expect(await log.vote(vote('a'))).toBe('unknown-answer');
    expect(await log.rows({ since: null })).toEqual([]);
    expect(await log.votedAnswers()).toEqual([]);
    expect(await log.forgetUser(ALICE)).toBe(0);
    expect(await log.clearGuild('g1')).toBe(0);
    expect(await log.deleteOlderThan(5)).toBe(0);
    await log.flush();
    await log.close();
  });
});

describe('startRetention', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('removes questions older than the period at start', async () => {
    const store = new MemoryStore();
    const { log, captured } = questionLog(store);
    const now = 100 * DAY;
    log.record(record('old', { askedAt: now - 31 * DAY }));
    log.record(record('recent', { askedAt: now - 29 * DAY }));
    await log.flush();
    const retention = startRetention(log, { days: 30, now: () => now, logger: createLogger({ destination: captured.stream, format: 'json' }) });
    expect(await retention.firstSweep).toBe(1);
    retention.stop();
    expect([...store.questions.keys()]).toEqual(['recent']);
  });

  it('keeps everything when days is 0', async () => {
    const store = new MemoryStore();
    const { log, captured } = questionLog(store);
    log.record(record('ancient', { askedAt: 0 }));
    await log.flush();
    const retention = startRetention(log, { days: 0, now: () => 1e15, logger: createLogger({ destination: captured.stream }) });
    expect(await retention.firstSweep).toBe(0);
    retention.stop();
    expect(store.questions.size).toBe(1);
  });
});

describe('newAnswerId', () => {
  it('is short, [0-9a-z] only, unique, and carries its time', () => {
    const now = Date.UTC(2025, 4, 17, 12, 0, 0, 123);
    const ids = Array.from({ length: 10_000 }, () => newAnswerId(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^[0-9a-z]+$/u);
      expect(id.length).toBeLessThanOrEqual(20);
      expect(answerIdTime(id)).toBe(now);
    }
  });

  it('sorts by time as text', () => {
    const times = [0, 1, 35, 36, 1_000_000, Date.UTC(2025, 0, 1), Date.UTC(2100, 0, 1)];
    const ids = times.map((t) => newAnswerId(t));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map(answerIdTime)).toEqual(times);
  });

  it('reads no time from what is not an answer id', () => {
    for (const id of ['', 'abc', 'ABCDEFGHIJKLMNOPQ', '0123456789abcdef-', '0'.repeat(30)]) expect(answerIdTime(id)).toBeNull();
  });
});
