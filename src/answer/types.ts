import type { JudgeCheck, Refusal } from './answerable.ts';
import type { Chunk } from '../knowledge/index.ts';

/** [start, end) offsets of a query word inside an excerpt's text. */
export type Span = [number, number];

/** A quotation from the material: its exact words, where they come from, and what matched. */
export interface Excerpt {
  text: string;
  /** Id of the chunk quoted, e.g. `china-ai-governance#p2`. */
  chunkId: string;
  /** What a person reads: "<title>, ¶N". */
  citation: string;
  url: string | null;
  /** The query's words inside `text`, for presenters to mark. */
  marks: Span[];
}

export interface Passage {
  chunk: Chunk;
  score: number;
  /** The sentences of the chunk that answer, in reading order. */
  excerpts: Excerpt[];
  /** Set when the paragraph was found through a question people voted helpful on it: that question. */
  learnedFrom?: string;
}

export interface AskResult {
  query: string;
  answered: boolean;
  /** Why the question was not answered, in words a person can act on. */
  refusal: string | null;
  /** The same, as a code: `empty` and `no-words` mean the question itself was unusable. */
  reason: Refusal | null;
  /** When the judge declined: which of its checks did (for tuning and the evaluation, not for people). */
  check?: JudgeCheck;
  /** The sentences that answer, in order: quoted verbatim, each with its citation. */
  answer: Excerpt[];
  /** Best first. */
  passages: Passage[];
  /** When not answered: nearby topics the material does cover. */
  suggestions: string[];
}

export interface SearchResult {
  query: string;
  total: number;
  offset: number;
  limit: number;
  hits: Passage[];
}

export interface SummaryResult {
  topic: string | null;
  document: string | null;
  /** False when a topic was given and the material says nothing about it. */
  answered: boolean;
  refusal: string | null;
  sentences: Excerpt[];
  suggestions: string[];
}

export interface SourceResult {
  chunk: Chunk;
  before: Chunk | null;
  after: Chunk | null;
}
