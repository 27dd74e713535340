import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { search } from '../../src/answer/index.ts';
import type { LoadedKnowledge } from '../../src/knowledge/index.ts';
import { buildKnowledgeBase, fingerprintFiles, loadIndex, saveIndex, type KnowledgeBase } from '../../src/search/index.ts';
import { percentiles } from '../stats.ts';
import { memoryHeld, PROBES, settle } from './measure.ts';
import type { PeerFigures, PeerQuery } from './types.ts';

/**
 * Footnote measured the way the peers are, so the ratios compare like with like: build from
 * already-loaded chunks (no file reading or markdown parsing), persist with `saveIndex`, reload
 * with `loadIndex` (read, checksum, parse the metadata; the postings and chunk texts are used as read), then `search` (limit 5) on the loaded index.
 * Footnote's persisted file and memory include the chunks, documents, vocabulary and topics it needs
 * to answer and cite, which the peers (except Orama) do not keep.
 */
export async function footnoteFigures(knowledgeDir: string, loaded: LoadedKnowledge, queries: readonly PeerQuery[]): Promise<PeerFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'footnote-peer-footnote-'));
  const file = join(dir, 'index.bin');
  const fingerprint = fingerprintFiles(loaded.files);
  try {
    settle();
    const built = await buildAndSave(knowledgeDir, loaded, fingerprint, file, queries);
    const bytes = (await stat(file)).size;
    settle();
    const { kb, loadMs, memoryBytes } = await loadMeasured(file, fingerprint);
    const { query, top1 } = timeQueries(kb, queries);
    return {
      engine: 'footnote',
      buildMs: built.buildMs,
      serializeMs: built.serializeMs,
      loadMs,
      bytes,
      memoryBytes,
      query,
      top1,
      chunks: kb.chunks.size,
      note: notesOn(kb, queries, built.probes),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The persisted index read back, with how long that took and the memory it holds. */
async function loadMeasured(file: string, fingerprint: string): Promise<{ kb: KnowledgeBase; loadMs: number; memoryBytes: number }> {
  const before = memoryHeld();
  const started = performance.now();
  const read = await loadIndex(file, fingerprint);
  const loadMs = performance.now() - started;
  if (!read.ok) throw new Error(`Footnote's persisted index did not load: ${read.reason}`);
  const kb = read.kb;
  settle();
  return { kb, loadMs, memoryBytes: memoryHeld() - before };
}

/** Each query's latency, and the share of known-item queries whose paragraph came first. */
function timeQueries(kb: KnowledgeBase, queries: readonly PeerQuery[]): Pick<PeerFigures, 'query' | 'top1'> {
  const samples: number[] = [];
  let known = 0;
  let hits = 0;
  for (const q of queries) {
    const started = performance.now();
    const id = top(kb, q.text);
    samples.push(performance.now() - started);
    if (q.expected !== null) {
      known++;
      if (id === q.expected) hits++;
    }
  }
  return { query: percentiles(samples), top1: known > 0 ? hits / known : 0 };
}

/** What the figures measure, and whether the loaded index answers the probes as the built one did. */
function notesOn(kb: KnowledgeBase, queries: readonly PeerQuery[], probes: readonly (string | undefined)[]): string {
  const differ = queries.slice(0, PROBES).filter((q, i) => top(kb, q.text) !== probes[i]).length;
  const notes = ['search (limit 5) on the index loaded from its file; save includes the checksum and the file write; size and memory include the chunks, vocabulary and topics'];
  if (differ > 0) notes.push(`the loaded index answered ${differ} of ${Math.min(PROBES, queries.length)} probe queries differently from the built one`);
  return notes.join('; ');
}

/** Returns only numbers, so the built knowledge base is garbage by the time the load is measured. */
async function buildAndSave(knowledgeDir: string, loaded: LoadedKnowledge, fingerprint: string, file: string, queries: readonly PeerQuery[]) {
  let started = performance.now();
  const kb = buildKnowledgeBase(knowledgeDir, loaded, fingerprint);
  const buildMs = performance.now() - started;
  started = performance.now();
  await saveIndex(file, kb);
  const serializeMs = performance.now() - started;
  // The same probes the peers answer on their built index (which also warms up the same code paths).
  const probes = queries.slice(0, PROBES).map((q) => top(kb, q.text));
  return { buildMs, serializeMs, probes };
}

const top = (kb: KnowledgeBase, text: string) => search(kb, text, { limit: 5 }).hits[0]?.chunk.id;
