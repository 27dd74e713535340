import { randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from '../log.ts';
import type { QuestionRecord, QuestionRow, QuestionStore, RowQuery, VotedAnswer, VoteOutcome, VoteRecord } from './types.ts';

/**
 * The question log as the bot uses it: answers never wait on the database. `record()` queues in
 * memory and returns; a batch is written shortly after. While the database cannot be written
 * (locked, full, unreachable) the records stay queued, bounded, and are retried with backoff;
 * the first failure of an outage is logged as a warning, the recovery as info.
 */

/** The writer's tuning; every default in one place. */
export interface QuestionLogTuning {
  /** How long record() lets records gather before writing them as one batch (ms). */
  flushDelayMs: number;
  /** Records per transaction. */
  batchSize: number;
  /** Records kept while the database cannot be written; beyond it the oldest are dropped. */
  maxPending: number;
  /** The pause after the first failed write (ms); it doubles with each failure after that. */
  retryFirstMs: number;
  /** The longest pause between retries (ms). */
  retryMaxMs: number;
}

export const QUESTION_LOG_DEFAULTS: Readonly<QuestionLogTuning> = {
  // Short enough that a record is committed well within a second of the answer it belongs to
  // (a process killed later loses nothing already answered), long enough to batch a burst.
  flushDelayMs: 100,
  batchSize: 250,
  maxPending: 10_000,
  retryFirstMs: 250,
  retryMaxMs: 30_000,
};

export interface QuestionLogOptions extends Partial<QuestionLogTuning> {
  log: Logger;
  /** The clock for `health().since`; default Date.now. */
  now?: () => number;
}

export interface QuestionLogHealth {
  /** `off`: logging is switched off; `retrying`: the last write failed and records wait in memory. */
  state: 'ok' | 'retrying' | 'off';
  /** Records and votes not yet written. */
  pending: number;
  /** The latest error of the current outage; null while writes succeed. */
  lastError: string | null;
  /** When the current outage began (ms); null while writes succeed. */
  since: number | null;
}

/** What the writer reports, for tests and status pages that want to wait for it. */
export interface QuestionLogEvents {
  /** A batch of records was committed. */
  written: [count: number];
  /** A write failed; the records stay queued. */
  failed: [error: Error];
  /** A write succeeded after an outage. */
  recovered: [];
}

type Entry =
  | { kind: 'record'; record: QuestionRecord }
  | { kind: 'vote'; vote: VoteRecord; resolve: (outcome: VoteOutcome) => void; reject: (error: Error) => void };

type RecordEntry = Extract<Entry, { kind: 'record' }>;

interface Outage {
  since: number;
  lastError: string;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export class QuestionLog {
  readonly events = new EventEmitter<QuestionLogEvents>();
  readonly #store: QuestionStore | null;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #tuning: QuestionLogTuning;
  #queue: Entry[] = [];
  #records = 0;
  readonly #inFlight = new Set<Entry>();
  #draining: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #failures = 0;
  #outage: Outage | null = null;
  /** Records dropped since the last successful write. */
  #dropped = 0;
  #closed = false;

  /** `store` must already be migrated; null means logging is off: nothing is recorded and reads come back empty. */
  constructor(store: QuestionStore | null, options: QuestionLogOptions) {
    this.#store = store;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    const d = QUESTION_LOG_DEFAULTS;
    this.#tuning = {
      flushDelayMs: options.flushDelayMs ?? d.flushDelayMs,
      batchSize: Math.max(1, options.batchSize ?? d.batchSize),
      maxPending: Math.max(1, options.maxPending ?? d.maxPending),
      retryFirstMs: options.retryFirstMs ?? d.retryFirstMs,
      retryMaxMs: options.retryMaxMs ?? d.retryMaxMs,
    };
  }

  /** Whether questions are logged at all (FOOTNOTE_QUESTION_LOG). */
  get enabled(): boolean {
    return this.#store !== null;
  }

  /** Which database records go to, for /documents; null when logging is off. */
  get description(): string | null {
    return this.#store?.description ?? null;
  }

  /** Queues a question; never throws, never waits. */
  record(record: QuestionRecord): void {
    if (this.#store === null || this.#closed) return;
    try {
      this.#queue.push({ kind: 'record', record: { ...record, citations: [...record.citations] } });
      this.#records++;
      if (this.#records > this.#tuning.maxPending) this.#dropOldest();
      if (this.#draining === null && this.#timer === null) this.#setTimer(this.#tuning.flushDelayMs);
    } catch (error) {
      this.#log.warn({ err: asError(error) }, 'question log: a question could not be queued');
    }
  }

  /**
   * Records a vote after every record queued before it (so a vote just after its answer finds
   * it), written at once. Rejects when the database fails: the voter should be told, not kept
   * waiting through retries. With logging off every answer is unknown.
   */
  vote(vote: VoteRecord): Promise<VoteOutcome> {
    if (this.#store === null) return Promise.resolve('unknown-answer');
    if (this.#closed) return Promise.reject(new Error('the question log is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ kind: 'vote', vote: { ...vote }, resolve, reject });
      this.#drainNow();
    });
  }

  health(): QuestionLogHealth {
    if (this.#store === null) return { state: 'off', pending: 0, lastError: null, since: null };
    return { state: this.#outage ? 'retrying' : 'ok', pending: this.#queue.length, lastError: this.#outage?.lastError ?? null, since: this.#outage?.since ?? null };
  }

  /** Writes what is queued now; resolves when the queue is empty or a write has failed (never rejects). */
  async flush(): Promise<void> {
    if (this.#closed) return;
    if (this.#draining === null && this.#queue.length > 0) this.#drainNow();
    await this.#draining;
  }

  /** One last attempt to write what is queued, then closes the database; never throws. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimer();
    await this.#draining;
    if (this.#queue.length > 0) {
      this.#drainNow();
      await this.#draining;
    }
    const left = this.#queue.splice(0);
    this.#records = 0;
    for (const entry of left) if (entry.kind === 'vote') entry.reject(new Error('the question log closed before the vote was written'));
    const lost = left.filter((e) => e.kind === 'record').length;
    if (lost > 0) this.#log.warn({ lost, lastError: this.#outage?.lastError }, 'question log: closing with questions that could not be written; they are lost');
    try {
      await this.#store?.close();
    } catch (error) {
      this.#log.warn({ err: asError(error) }, 'question log: closing the database failed');
    }
  }

  /** Reads what is in the database (call flush() first to include what is queued). */
  async rows(query: RowQuery): Promise<QuestionRow[]> {
    return this.#store ? this.#store.rows(query) : [];
  }

  async votedAnswers(): Promise<VotedAnswer[]> {
    return this.#store ? this.#store.votedAnswers() : [];
  }

  /** Removes a person's questions, queued ones included (so none is written after); returns how many went. */
  forgetUser(userId: string): Promise<number> {
    return this.#remove((r) => r.userId === userId, (store) => store.forgetUser(userId));
  }

  clearGuild(guildId: string): Promise<number> {
    return this.#remove((r) => r.guildId === guildId, (store) => store.clearGuild(guildId));
  }

  deleteOlderThan(before: number): Promise<number> {
    return this.#remove((r) => r.askedAt < before, (store) => store.deleteOlderThan(before));
  }

  /**
   * Drops the queued records that match, waits for a batch already on its way (it may hold some),
   * then deletes in the database. Rejects when the database fails: the person asked for this.
   */
  async #remove(matches: (r: QuestionRecord) => boolean, remove: (store: QuestionStore) => Promise<number>): Promise<number> {
    if (this.#store === null) return 0;
    const before = this.#queue.length;
    this.#queue = this.#queue.filter((e) => e.kind !== 'record' || this.#inFlight.has(e) || !matches(e.record));
    const dropped = before - this.#queue.length;
    this.#records -= dropped;
    await this.#draining;
    return dropped + (await remove(this.#store));
  }

  /** Beyond maxPending the oldest record not already being written goes. */
  #dropOldest(): void {
    const index = this.#queue.findIndex((e) => e.kind === 'record' && !this.#inFlight.has(e));
    if (index < 0) return;
    this.#queue.splice(index, 1);
    this.#records--;
    if (this.#dropped++ === 0) this.#log.warn({ maxPending: this.#tuning.maxPending }, 'question log: too many questions waiting for the database; dropping the oldest');
  }

  #setTimer(ms: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#drainNow();
    }, ms);
    // A pause between retries must not keep a finished process alive; a batch about to be
    // written should, so the records of a short-lived command still land.
    if (this.#outage !== null) this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #drainNow(): void {
    if (this.#draining !== null) return;
    this.#clearTimer();
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      if (this.#closed || this.#queue.length === 0) return;
      this.#setTimer(this.#outage ? this.#backoff() : this.#tuning.flushDelayMs);
    });
  }

  #backoff(): number {
    const { retryFirstMs, retryMaxMs } = this.#tuning;
    return Math.min(retryFirstMs * 2 ** Math.max(0, this.#failures - 1), retryMaxMs);
  }

  /** Writes the queue in order until it is empty or a write fails; never rejects. */
  async #drain(): Promise<void> {
    const store = this.#store;
    if (store === null) return;
    while (this.#queue.length > 0) {
      const head = this.#queue[0];
      if (head === undefined) break;
      if (head.kind === 'vote') {
        this.#queue.shift();
        await this.#sendVote(store, head);
        continue;
      }
      if (!(await this.#sendBatch(store))) return;
    }
  }

  /** The leading run of records, up to a batch; false when the write failed. */
  async #sendBatch(store: QuestionStore): Promise<boolean> {
    const batch: RecordEntry[] = [];
    for (const entry of this.#queue) {
      if (entry.kind !== 'record' || batch.length >= this.#tuning.batchSize) break;
      batch.push(entry);
    }
    for (const entry of batch) this.#inFlight.add(entry);
    try {
      await store.recordQuestions(batch.map((e) => e.record));
    } catch (error) {
      this.#failed(asError(error));
      return false;
    } finally {
      this.#inFlight.clear();
    }
    const written = new Set<Entry>(batch);
    this.#queue = this.#queue.filter((e) => !written.has(e));
    this.#records -= batch.length;
    this.#succeeded(batch.length);
    return true;
  }

  async #sendVote(store: QuestionStore, entry: Extract<Entry, { kind: 'vote' }>): Promise<void> {
    try {
      entry.resolve(await store.vote(entry.vote));
    } catch (error) {
      const err = asError(error);
      this.#log.warn({ err }, 'question log: a vote could not be written');
      entry.reject(err);
    }
  }

  #failed(error: Error): void {
    this.#failures++;
    const pending = this.#records;
    if (this.#outage === null) {
      this.#outage = { since: this.#now(), lastError: error.message };
      this.#log.warn({ err: error, pending, database: this.#store?.description }, 'question log: cannot write to the database; keeping questions in memory and retrying');
    } else {
      this.#outage.lastError = error.message;
      this.#log.debug({ err: error, pending, failures: this.#failures }, 'question log: still cannot write to the database');
    }
    // Votes behind the failed records would otherwise wait through the backoff; their voters are
    // told now instead.
    const votes = this.#queue.filter((e): e is Extract<Entry, { kind: 'vote' }> => e.kind === 'vote');
    this.#queue = this.#queue.filter((e) => e.kind !== 'vote');
    for (const v of votes) v.reject(error);
    this.events.emit('failed', error);
  }

  #succeeded(count: number): void {
    this.#failures = 0;
    const outage = this.#outage;
    if (outage !== null) {
      this.#outage = null;
      this.#log.info({ downMs: this.#now() - outage.since, dropped: this.#dropped, pending: this.#records }, 'question log: writing to the database again');
      this.events.emit('recovered');
    } else if (this.#dropped > 0) {
      this.#log.info({ dropped: this.#dropped }, 'question log: caught up after dropping questions');
    }
    this.#dropped = 0;
    this.events.emit('written', count);
  }
}

/** Base-36 milliseconds, zero-padded so that ids sort by time as text. */
const TIME_DIGITS = 9;
const RANDOM_DIGITS = 8;
const ANSWER_ID = new RegExp(`^[0-9a-z]{${TIME_DIGITS + RANDOM_DIGITS}}$`, 'u');

/**
 * An answer's id: its creation time then random characters, only [0-9a-z], short enough for a
 * button's custom id, sortable by time, and carrying that time (so a vote on a very old answer
 * can be recognised without the database).
 */
export function newAnswerId(nowMs: number): string {
  const time = Math.max(0, Math.floor(nowMs)).toString(36).padStart(TIME_DIGITS, '0');
  let random = '';
  for (let i = 0; i < RANDOM_DIGITS; i++) random += randomInt(36).toString(36);
  return time + random;
}

/** The time newAnswerId was given, or null when `id` is not such an id. */
export function answerIdTime(id: string): number | null {
  if (!ANSWER_ID.test(id)) return null;
  const time = parseInt(id.slice(0, TIME_DIGITS), 36);
  return Number.isSafeInteger(time) ? time : null;
}
