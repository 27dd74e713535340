import type { Percentiles } from '../stats.ts';

/** One engine's figures over one set of chunks and queries. Times in ms, sizes in bytes. */
export interface PeerFigures {
  engine: string;
  /** Chunks → queryable in-memory index (no file reading or markdown parsing). */
  buildMs: number;
  /** In-memory index → the persisted text. */
  serializeMs: number;
  /** Persisted file → queryable index: read the file, parse, rebuild the structures. */
  loadMs: number;
  /** Size of the persisted index (UTF-8). */
  bytes: number;
  /** `memoryHeld` after load minus before, both after a full GC: what the loaded index keeps alive. */
  memoryBytes: number;
  /** Latency of one query on the loaded index, as a user would run it (the library's default search). */
  query: Percentiles;
  /** Share of known-item queries whose first result is the paragraph the words came from (0..1). */
  top1: number;
  /** How many chunks were indexed (fewer than offered when an engine is capped). */
  chunks?: number;
  note?: string;
}

/** What the peers index for each chunk: the same three fields Footnote indexes. */
export type PeerDoc = {
  id: string;
  title: string;
  breadcrumb: string;
  text: string;
};

export interface PeerQuery {
  text: string;
  /** The chunk the words were taken from (known-item search), when known. */
  expected: string | null;
}
