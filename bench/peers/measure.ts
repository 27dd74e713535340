import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentiles } from '../stats.ts';
import type { PeerDoc, PeerFigures, PeerQuery } from './types.ts';

/**
 * A full garbage collection, so heap figures measure what is alive rather than what has not been
 * collected yet. `node --expose-gc` provides `gc`; without it (e.g. under `npm run bench`) the flag
 * is switched on at run time and `gc` taken from a fresh context, which V8 allows.
 */
let collector: (() => void) | null | undefined;
function gcFunction(): (() => void) | null {
  if (collector !== undefined) return collector;
  if (typeof globalThis.gc === 'function') {
    const gc = globalThis.gc;
    collector = () => void gc();
  } else {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collector = typeof gc === 'function' ? () => void (gc as () => void)() : null;
    } catch {
      collector = null;
    }
  }
  return collector;
}

export function canCollect(): boolean {
  return gcFunction() !== null;
}

/** Collects twice: the first pass can leave finalizable objects for the second. */
export function settle(): void {
  const gc = gcFunction();
  gc?.();
  gc?.();
}

/**
 * What an index holds in memory: the JavaScript heap and the array buffers beside it (where
 * Footnote keeps its postings and chunk texts, outside the heap but no less in memory).
 */
export const memoryHeld = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

type MaybePromise<T> = T | Promise<T>;

const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * One engine, as its users would set it up. `I` is whatever the library calls an index. Methods
 * may return promises (some libraries are async); the timing awaits only when they do.
 */
export interface PeerSpec<I> {
  engine: string;
  /** One line on the setup, shown under the table (tokenizer, stemming, stop words, result limit...). */
  setup: string;
  /** Default cap on chunks (an engine too slow or heavy at scale); `maxChunks` overrides it. */
  defaultMaxChunks?: number;
  build(docs: readonly PeerDoc[]): MaybePromise<I>;
  serialize(index: I): MaybePromise<string>;
  load(text: string): MaybePromise<I>;
  /** The id of the first result for a user's text, `undefined` when nothing matched. May throw. */
  top(index: I, query: string): MaybePromise<string | undefined>;
}

/** The index type erased, so engines of different libraries fit in one list. */
export interface Peer {
  engine: string;
  defaultMaxChunks: number | undefined;
  run(docs: readonly PeerDoc[], offered: number, queries: readonly PeerQuery[]): Promise<PeerFigures>;
}

/** How many queries are asked of both the freshly built and the loaded index, to check the round trip. */
export const PROBES = 20;

export function peer<I>(spec: PeerSpec<I>): Peer {
  return {
    engine: spec.engine,
    defaultMaxChunks: spec.defaultMaxChunks,
    run: (docs, offered, queries) => measure(spec, docs, offered, queries),
  };
}

async function ask<I>(spec: PeerSpec<I>, index: I, text: string): Promise<string | undefined> {
  const found = spec.top(index, text);
  return isPromise(found) ? await found : found;
}

interface Built {
  buildMs: number;
  serializeMs: number;
  bytes: number;
  probes: (string | undefined)[];
}

/**
 * Builds, serializes and writes the index, then returns only numbers: once this returns nothing
 * references the built index, so the load that follows is measured on a clean heap.
 */
async function buildAndSave<I>(spec: PeerSpec<I>, docs: readonly PeerDoc[], file: string, queries: readonly PeerQuery[]): Promise<Built> {
  let started = performance.now();
  const pending = spec.build(docs);
  const index = isPromise(pending) ? await pending : pending;
  const buildMs = performance.now() - started;

  started = performance.now();
  const serialized = spec.serialize(index);
  const text = isPromise(serialized) ? await serialized : serialized;
  const serializeMs = performance.now() - started;

  await writeFile(file, text, 'utf8');
  const probes: (string | undefined)[] = [];
  for (const q of queries.slice(0, PROBES)) probes.push(await ask(spec, index, q.text).catch(() => undefined));
  return { buildMs, serializeMs, bytes: Buffer.byteLength(text, 'utf8'), probes };
}

async function measure<I>(spec: PeerSpec<I>, docs: readonly PeerDoc[], offered: number, queries: readonly PeerQuery[]): Promise<PeerFigures> {
  const dir = await mkdtemp(join(tmpdir(), `footnote-peer-${spec.engine}-`));
  const file = join(dir, 'index');
  try {
    settle();
    const built = await buildAndSave(spec, docs, file, queries);
    settle();
    const { index, loadMs, memoryBytes } = await loadAndWeigh(spec, file);
    const run = await timeQueries(spec, index, docs, queries);
    const differ = await probesDiffering(spec, index, queries, built.probes);
    return {
      engine: spec.engine,
      buildMs: built.buildMs,
      serializeMs: built.serializeMs,
      loadMs,
      bytes: built.bytes,
      memoryBytes,
      query: percentiles(run.samples),
      top1: run.known > 0 ? run.hits / run.known : 0,
      chunks: docs.length,
      note: notesOn(spec, docs.length, offered, queries.length, run, differ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads the written index, timed, and what it keeps alive once loaded. */
async function loadAndWeigh<I>(spec: PeerSpec<I>, file: string): Promise<{ index: I; loadMs: number; memoryBytes: number }> {
  const before = memoryHeld();
  const started = performance.now();
  const pending = spec.load(await readFile(file, 'utf8'));
  const index = isPromise(pending) ? await pending : pending;
  const loadMs = performance.now() - started;
  settle();
  return { index, loadMs, memoryBytes: memoryHeld() - before };
}

/** Each query's time on the loaded index; a query that throws counts as a miss. */
interface QueryRun {
  samples: number[];
  errors: number;
  firstError: string;
  /** Queries whose paragraph is indexed, and of them those answered with it first. */
  known: number;
  hits: number;
}

async function timeQueries<I>(spec: PeerSpec<I>, index: I, docs: readonly PeerDoc[], queries: readonly PeerQuery[]): Promise<QueryRun> {
  const indexed = new Set(docs.map((d) => d.id));
  const run: QueryRun = { samples: [], errors: 0, firstError: '', known: 0, hits: 0 };
  for (const q of queries) {
    let id: string | undefined;
    const started = performance.now();
    try {
      // Called directly, not through `ask`: an async wrapper would add its own overhead to every sample.
      const found = spec.top(index, q.text);
      id = isPromise(found) ? await found : found;
    } catch (error) {
      run.errors++;
      run.firstError ||= `${error instanceof Error ? error.message : String(error)} (query "${q.text}")`;
    }
    run.samples.push(performance.now() - started);
    if (q.expected !== null && indexed.has(q.expected)) {
      run.known++;
      if (id === q.expected) run.hits++;
    }
  }
  return run;
}

/** How many of the probe queries the loaded index answers otherwise than the built one did. */
async function probesDiffering<I>(spec: PeerSpec<I>, index: I, queries: readonly PeerQuery[], probes: readonly (string | undefined)[]): Promise<number> {
  let differ = 0;
  for (const [i, q] of queries.slice(0, PROBES).entries()) {
    if ((await ask(spec, index, q.text).catch(() => undefined)) !== probes[i]) differ++;
  }
  return differ;
}

function notesOn<I>(spec: PeerSpec<I>, chunks: number, offered: number, queryCount: number, run: QueryRun, differ: number): string {
  const notes = [spec.setup];
  if (chunks < offered) {
    notes.push(`capped at the first ${chunks} of ${offered} chunks; top-1 over the ${run.known} queries whose paragraph is indexed`);
  }
  if (run.errors > 0) notes.push(`${run.errors} of ${queryCount} queries threw, counted as misses; first: ${run.firstError}`);
  if (differ > 0) notes.push(`the loaded index answered ${differ} of ${Math.min(PROBES, queryCount)} probe queries differently from the built one`);
  return notes.join('; ');
}
