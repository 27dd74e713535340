/**
 * The question log's records and the store that keeps them. The adapters (the Discord bot, the
 * `questions` command) use these; the engine never does.
 */

/** Where a question came from. */
export type AskedVia = 'command' | 'menu' | 'mention' | 'dm' | 'help-channel' | 'thread' | 'forum';

/** One question and what Footnote did with it, as the adapter hands it to the log. */
export interface QuestionRecord {
  /** Made by the adapter before it answers (see newAnswerId); vote buttons carry it. */
  id: string;
  /** Milliseconds since the epoch. */
  askedAt: number;
  guildId: string | null;
  channelId: string | null;
  /** The Discord user id. The store keeps only its salted hash. */
  userId: string;
  via: AskedVia;
  /** The words the person typed. */
  question: string;
  answered: boolean;
  /** Why it was declined (AskResult.reason), or null when answered. */
  reason: string | null;
  /** Chunk ids cited by the answer, in order; empty when declined. */
  citations: string[];
}

export type VoteValue = 1 | -1;

export interface VoteRecord {
  /** The QuestionRecord id the answer carried. */
  answerId: string;
  userId: string;
  value: VoteValue;
  /** Whether the voter could manage the server when voting (such a vote counts for more). */
  admin: boolean;
  at: number;
}

/** What a vote did: new, changed from the other value, the same as before, or its answer is not in the log. */
export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'unknown-answer';

/** A logged question as reports read it, votes counted. */
export interface QuestionRow {
  id: string;
  askedAt: number;
  guildId: string | null;
  channelId: string | null;
  question: string;
  answered: boolean;
  reason: string | null;
  citations: string[];
  helpful: number;
  unhelpful: number;
}

export interface RowQuery {
  /** Only questions asked at or after this time (ms); null for all. */
  since: number | null;
  /** Only this server's questions; undefined for every server (the offline report). */
  guildId?: string;
}

/**
 * Votes on one wording of a question answered from one paragraph (its first citation), counted by
 * distinct voters: what learning from votes reads.
 */
export interface VotedAnswer {
  /** The question as asked (the most recent wording among equal ones, compared case-blind). */
  question: string;
  chunkId: string;
  helpful: number;
  unhelpful: number;
  /** Of those, votes by people who could manage the server. */
  adminHelpful: number;
  adminUnhelpful: number;
}

/** The database behind the question log: SQLite (embedded) or PostgreSQL, one schema, one query layer. */
export interface QuestionStore {
  /** Which database this is, for logs and /documents ("sqlite:<path>" or "postgres://user@host:port/db", never a password). */
  readonly description: string;
  /**
   * Creates or upgrades the schema (versioned migrations) and the installation's salt; safe to
   * call from every shard at once. Call it before anything else on this store.
   */
  migrate(): Promise<void>;
  /** Writes a batch of questions in one transaction; an id already present is left as it is. */
  recordQuestions(records: readonly QuestionRecord[]): Promise<void>;
  /** One vote per person per answer; voting again replaces their vote. */
  vote(vote: VoteRecord): Promise<VoteOutcome>;
  rows(query: RowQuery): Promise<QuestionRow[]>;
  votedAnswers(): Promise<VotedAnswer[]>;
  /** Removes a person's questions and votes; returns how many questions went. */
  forgetUser(userId: string): Promise<number>;
  /** Removes a server's questions (and the votes on them); returns how many went. */
  clearGuild(guildId: string): Promise<number>;
  /** Removes questions asked before `before` (ms) and their votes; returns how many went. */
  deleteOlderThan(before: number): Promise<number>;
  close(): Promise<void>;
}
