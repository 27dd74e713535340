import { Feedback, type AnswerVotes } from '../answer/index.ts';
import type { Logger } from '../log.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { errorForLog } from './logger.ts';

export interface LearnedAnswersOptions {
  /** Reads the votes (the question log's votedAnswers). */
  votes: () => Promise<readonly AnswerVotes[]>;
  log: Logger;
  /**
   * How often the votes are read again on their own, for votes cast through other shards or
   * hosts; a vote cast here is read at once. 0: only here.
   */
  refreshMs: number;
}

/**
 * What the team's votes taught, for the engine: the last votes read, turned into the engine's
 * Feedback for the knowledge base in use. Answering never waits for it: until the votes have been
 * read (or when the database cannot be read) questions are answered as if nobody had voted.
 */
export class LearnedAnswers {
  readonly #options: LearnedAnswersOptions;
  #votes: readonly AnswerVotes[] = [];
  #version = 0;
  #built: { kb: KnowledgeBase; version: number; feedback: Feedback } | null = null;
  #reading: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: LearnedAnswersOptions) {
    this.#options = options;
  }

  /** Reads the votes now, and then every `refreshMs`. */
  start(): void {
    void this.refresh();
    if (this.#options.refreshMs > 0 && this.#timer === null) {
      this.#timer = setInterval(() => void this.refresh(), this.#options.refreshMs);
      this.#timer.unref();
    }
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** The feedback to answer with on `kb`; built once per knowledge base and set of votes. */
  for(kb: KnowledgeBase): Feedback | undefined {
    if (this.#votes.length === 0) return undefined;
    if (this.#built?.kb !== kb || this.#built.version !== this.#version) {
      this.#built = { kb, version: this.#version, feedback: Feedback.from(kb, this.#votes) };
    }
    return this.#built.feedback;
  }

  /** Reads the votes again; calls while a read runs are folded into one more read after it. */
  refresh(): Promise<void> {
    if (this.#reading !== null) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = this.#read().finally(() => {
      this.#reading = null;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#reading;
  }

  async #read(): Promise<void> {
    try {
      this.#votes = await this.#options.votes();
      this.#version += 1;
    } catch (error) {
      this.#options.log.warn({ err: errorForLog(error) }, 'could not read the votes; answering with what was learned before');
    }
  }
}
