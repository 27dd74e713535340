import type { Chunk } from '../src/knowledge/index.ts';
import { PEERS, PEER_NAMES } from './peers/engines.ts';
import { canCollect, settle } from './peers/measure.ts';
import type { PeerDoc, PeerFigures, PeerQuery } from './peers/types.ts';
import { ms, row } from './stats.ts';

export type { PeerFigures, PeerQuery } from './peers/types.ts';
export { footnoteFigures } from './peers/footnote.ts';
export { PEER_NAMES } from './peers/engines.ts';

export interface PeerOptions {
  /** Which engines to run, by name (see PEER_NAMES); all of them by default, in that order. */
  engines?: string[];
  /** Index at most this many chunks (the first ones) for an engine; lunr defaults to 100,000. */
  maxChunks?: Record<string, number>;
}

/** The fields Footnote indexes, as plain strings: the breadcrumb's headings joined by spaces. */
export const toPeerDoc = (chunk: Chunk): PeerDoc => ({
  id: chunk.id,
  title: chunk.title,
  breadcrumb: chunk.breadcrumb.join(' '),
  text: chunk.text,
});

/**
 * Builds, persists, reloads and queries each peer engine over the same chunks, one engine at a
 * time, dropping each before the next so memory figures are its own. Queries run on the loaded
 * index, as Footnote's do.
 */
export async function benchPeers(
  chunks: readonly Chunk[],
  queries: readonly PeerQuery[],
  options: PeerOptions = {},
): Promise<PeerFigures[]> {
  const wanted = options.engines ?? PEER_NAMES;
  const unknown = wanted.filter((name) => !PEER_NAMES.includes(name));
  if (unknown.length > 0) throw new Error(`unknown peer engine ${unknown.join(', ')}; known: ${PEER_NAMES.join(', ')}`);
  const docs = chunks.map(toPeerDoc);
  const out: PeerFigures[] = [];
  for (const p of PEERS) {
    if (!wanted.includes(p.engine)) continue;
    const cap = options.maxChunks?.[p.engine] ?? p.defaultMaxChunks ?? Infinity;
    settle();
    const figures = await p.run(docs.length > cap ? docs.slice(0, cap) : docs, docs.length, queries);
    if (!canCollect()) figures.note = `${figures.note ?? ''}${figures.note ? '; ' : ''}no gc available: memory figure includes garbage`;
    out.push(figures);
    settle();
  }
  return out;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes >= 100 * 1024 * 1024 ? 0 : 1)} MB` : `${Math.round(bytes / 1024)} KB`;

/** peer ÷ footnote, with two significant figures; a dash when there is nothing to divide by. */
function ratio(peer: number, footnote: number): string {
  if (!(footnote > 0) || !Number.isFinite(peer) || peer < 0) return '–';
  const r = peer / footnote;
  return `${r >= 100 ? Math.round(r).toString() : r.toPrecision(2)}×`;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number) => (Number.isFinite(x) ? ms(x) : '–');
const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(100 * x).toFixed(1)} pt`;

/**
 * The figures as a table, then the same as ratios against Footnote (peer ÷ Footnote: above 1× the
 * peer is slower or bigger), top-1 as a difference in percentage points, then each engine's notes.
 */
export function formatPeers(footnote: PeerFigures, peers: PeerFigures[]): string[] {
  const all = [footnote, ...peers];
  const nameWidth = Math.max(20, ...all.map((f) => f.engine.length));
  const line = (name: string, cells: (string | number)[], widths: number[]) => `${name.padEnd(nameWidth)}  ${row(cells, widths)}`;
  const w = [7, 9, 8, 8, 8, 8, 7, 7, 7, 7];
  const lines = [line('engine', ['chunks', 'build ms', 'save ms', 'load ms', 'size', 'memory', 'p50 ms', 'p95 ms', 'p99 ms', 'top-1'], w)];
  for (const f of all) {
    const cells = [f.chunks ?? '', num(f.buildMs), num(f.serializeMs), num(f.loadMs), size(f.bytes), size(Math.max(0, f.memoryBytes))];
    lines.push(line(f.engine, [...cells, num(f.query.p50), num(f.query.p95), num(f.query.p99), percent(f.top1)], w));
  }
  if (peers.length === 0) return lines;
  const rw = [7, 7, 7, 7, 7, 7, 7, 7, 9];
  lines.push('', `against ${footnote.engine} (peer ÷ ${footnote.engine}: above 1× is slower or bigger; top-1 in percentage points)`);
  lines.push(line('engine', ['build', 'save', 'load', 'size', 'memory', 'p50', 'p95', 'p99', 'top-1'], rw));
  for (const p of peers) {
    const times = [ratio(p.buildMs, footnote.buildMs), ratio(p.serializeMs, footnote.serializeMs), ratio(p.loadMs, footnote.loadMs)];
    const space = [ratio(p.bytes, footnote.bytes), ratio(p.memoryBytes, footnote.memoryBytes)];
    const latency = [ratio(p.query.p50, footnote.query.p50), ratio(p.query.p95, footnote.query.p95), ratio(p.query.p99, footnote.query.p99)];
    lines.push(line(p.engine, [...times, ...space, ...latency, points(p.top1 - footnote.top1)], rw));
  }
  const noted = all.filter((f) => f.note);
  if (noted.length > 0) {
    lines.push('', 'notes:');
    for (const f of noted) lines.push(`  ${f.engine}: ${f.note}`);
  }
  return lines;
}
