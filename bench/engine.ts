import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ask, search, summarize } from '../src/answer/index.ts';
import type { Chunk } from '../src/knowledge/index.ts';
import { cacheFileFor, openKnowledgeBase, words, type KnowledgeBase } from '../src/search/index.ts';
import { mb, ms, percentiles, row, seeded, time, timeAsync } from './stats.ts';

export interface Query {
  text: string;
  /** The chunk the words were taken from (known-item search), when known. */
  expected: string | null;
}

/**
 * Known-item queries: 3–8 consecutive-ish words of a random paragraph, as someone who remembers
 * a passage would type them. Deterministic for a given seed.
 */
export function knownItemQueries(chunks: Iterable<Chunk>, count: number, seed = 42): Query[] {
  const random = seeded(seed);
  const prose = [...chunks].filter((c) => c.kind === 'paragraph' && c.text.length >= 80);
  const out: Query[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const chunk = prose[Math.floor(random() * prose.length)];
    if (!chunk) break;
    const ws = words(chunk.text).filter((w) => w.text.length > 2);
    const length = 3 + Math.floor(random() * 6);
    if (ws.length < length) continue;
    const start = Math.floor(random() * (ws.length - length));
    out.push({ text: ws.slice(start, start + length).map((w) => w.text).join(' '), expected: chunk.id });
  }
  return out;
}

const execFileAsync = promisify(execFile);

/** Time from a fresh process's start to its first answer, with or without the persisted index. */
async function readyInChild(knowledgeDir: string, cacheDir: string, rebuild: boolean): Promise<{ from: string; ms: number; rssBytes: number }> {
  const script = fileURLToPath(new URL('./ready.ts', import.meta.url));
  const args = ['--import', 'tsx', script, knowledgeDir, cacheDir, ...(rebuild ? ['rebuild'] : [])];
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as { from: string; ms: number; rssBytes: number };
}

/** The figures the chart draws (times in ms, sizes in bytes). */
export interface EngineFigures {
  paragraphs: number;
  ask: { p50: number; p99: number };
  autocompleteP99: number;
  /** A fresh process from start until it has answered from the persisted index, and its RSS then. */
  ready: { ms: number; rssBytes: number };
}

export interface EngineBench {
  kb: KnowledgeBase;
  lines: string[];
  figures: EngineFigures;
}

export async function benchEngine(knowledgeDir: string, cacheDir: string, queries: Query[] | null, rounds: number): Promise<EngineBench> {
  const { kb, lines } = await buildAndLoad(knowledgeDir, cacheDir);
  const cold = await readyInChild(knowledgeDir, cacheDir, true);
  const warm = await readyInChild(knowledgeDir, cacheDir, false);
  lines.push(
    `  process start → ready to answer: ${ms(warm.ms)} ms from the persisted index (RSS ${mb(warm.rssBytes)}), ${ms(cold.ms)} ms building it (RSS ${mb(cold.rssBytes)})`,
  );
  const qs = queries ?? knownItemQueries(kb.chunks, rounds);
  const list = Array.from({ length: rounds }, (_, i) => qs[i % qs.length]!);
  const timings = timeQueries(kb, list);
  const summaryMs: number[] = [];
  for (let i = 0; i < Math.min(50, rounds); i++) summaryMs.push(time(() => summarize(kb, { topic: list[i]!.text }))[1]);
  lines.push('', ...latencyTable(timings, summaryMs));
  const askP = percentiles(timings.askMs);
  const figures: EngineFigures = {
    paragraphs: kb.chunks.size,
    ask: { p50: askP.p50, p99: askP.p99 },
    autocompleteP99: percentiles(timings.completeMs).p99,
    ready: { ms: warm.ms, rssBytes: warm.rssBytes },
  };
  if (timings.known > 0) lines.push('', knownItemLine(timings));
  return { kb, lines, figures };
}

/** Builds the index, loads it back as a restart would, and reports both with the index's size and the memory after. */
async function buildAndLoad(knowledgeDir: string, cacheDir: string): Promise<{ kb: KnowledgeBase; lines: string[] }> {
  const [built, buildMs] = await timeAsync(() => openKnowledgeBase({ knowledgeDir, cacheDir, rebuild: true }));
  const size = (await stat(cacheFileFor(cacheDir, knowledgeDir))).size;
  const [loaded, loadMs] = await timeAsync(() => openKnowledgeBase({ knowledgeDir, cacheDir }));
  if (loaded.from !== 'cache') throw new Error(`expected the persisted index to load, got a rebuild: ${loaded.reason}`);
  const kb = loaded.kb;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const lines = [
    `knowledge: ${knowledgeDir}`,
    `  ${kb.documents.length} documents, ${kb.chunks.size} chunks, ${kb.skipped.length} skipped`,
    `  build ${ms(buildMs)} ms · load persisted ${ms(loadMs)} ms (${built.kb.chunks.size === kb.chunks.size ? 'same chunks' : 'MISMATCH'}) · index file ${mb(size)}`,
    `  after load, in this process (which also built it): heap ${mb(memory.heapUsed)} · array buffers ${mb(memory.arrayBuffers)} · RSS ${mb(memory.rss)}`,
  ];
  return { kb, lines };
}

/** Per-query times of each kind, and how often ask's first passage was the paragraph a known-item query came from. */
interface QueryTimings {
  askMs: number[];
  searchMs: number[];
  completeMs: number[];
  /** Queries with an expected paragraph; of them, first hits that were it, and that were it or as good. */
  known: number;
  top1: number;
  fair: number;
}

function timeQueries(kb: KnowledgeBase, list: readonly Query[]): QueryTimings {
  const t: QueryTimings = { askMs: [], searchMs: [], completeMs: [], known: 0, top1: 0, fair: 0 };
  for (const q of list) {
    const [result, askMs] = time(() => ask(kb, q.text));
    t.askMs.push(askMs);
    if (q.expected) {
      t.known++;
      const top = result.passages[0]?.chunk;
      if (top?.id === q.expected) t.top1++;
      if (top && (top.id === q.expected || sameWords(top, kb.chunks.get(q.expected), q.text))) t.fair++;
    }
    t.searchMs.push(time(() => search(kb, q.text, { limit: 5 }))[1]);
    // Autocomplete sees the question while it is being typed: cut it mid-word.
    const partial = q.text.slice(0, Math.max(2, Math.floor(q.text.length * 0.6)));
    t.completeMs.push(time(() => search(kb, partial, { limit: 25, prefix: true }))[1]);
  }
  return t;
}

function latencyTable(t: QueryTimings, summaryMs: number[]): string[] {
  const widths = [14, 7, 8, 8, 8, 8];
  const lines = [row(['latency (ms)', 'n', 'p50', 'p95', 'p99', 'max'], widths)];
  for (const [name, samples] of [['ask', t.askMs], ['search', t.searchMs], ['autocomplete', t.completeMs], ['summary topic', summaryMs]] as const) {
    const p = percentiles(samples);
    lines.push(row([name, p.n, ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)], widths));
  }
  return lines;
}

function knownItemLine(t: QueryTimings): string {
  const share = (n: number) => `${((100 * n) / t.known).toFixed(1)} %`;
  return `known-item top-1: ${share(t.top1)} of ${t.known} queries (${share(t.fair)} counting a first hit with the same text, or with the query's words in the same order)`;
}

const flat = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * A first hit that is not the paragraph the words came from can still be right: documentation
 * repeats paragraphs word for word, and three words of one paragraph can stand, in order, in
 * another. Strict top-1 counts those as misses; this says how many there were.
 */
function sameWords(top: Chunk, expected: Chunk | undefined, query: string): boolean {
  return (expected !== undefined && top.text === expected.text) || flat(top.text).includes(flat(query));
}
