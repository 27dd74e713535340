import type { KnowledgeBase } from './knowledge-base.ts';
import { PAGE_UNITS, type PageUnitOptions } from './options.ts';
import { textLength } from './postings.ts';

/**
 * The units pages are ranked as. Most documents are one unit. A long one (a manual saved as one
 * PDF, a chapter of tens of thousands of words) is cut at its headings into sections that each
 * rank as a page would: page-level evidence (a heading that names the question, the best
 * paragraphs, the opening line) then points at a section instead of being spread over the whole
 * manual, and a long PDF ranks like the same content split into pages. Chunks, their ids and
 * their citations do not change; only what their scores are gathered into does.
 *
 * A document over `longWords` is cut where its outermost heading changes, and neighbouring parts
 * are joined again while together they hold at most `joinWords`; a part still over `longWords` is
 * cut at the next heading level, down to `deepestLevel`. A level at which a part has only one
 * heading (an HTML page whose every paragraph sits under its one h1) is passed through.
 */
export interface PageUnits {
  /** First chunk of each unit; one more entry for the end. */
  starts: Uint32Array;
  /** Chunk → unit. */
  unitOf: Uint32Array;
  /** Unit → its document. */
  documentOf: Uint32Array;
}

/** The units of `kb`'s chunks: whole documents, and the sections of long ones. */
export function pageUnits(kb: KnowledgeBase, options: PageUnitOptions = PAGE_UNITS): PageUnits {
  const { columns } = kb.chunks;
  const words = (from: number, to: number) => {
    let sum = 0;
    for (let c = from; c < to; c++) sum += textLength(kb.index.data, c);
    return sum;
  };
  const trailAt = (c: number) => columns.breadcrumbs[columns.breadcrumb[c]!]!;
  const starts: number[] = [];
  const documentOf: number[] = [];

  const cut = (from: number, to: number, level: number, document: number): void => {
    if (level > options.deepestLevel || words(from, to) <= options.longWords) {
      starts.push(from);
      documentOf.push(document);
      return;
    }
    const parts = partsAt(from, to, level, trailAt);
    if (parts.length === 1) return cut(from, to, level + 1, document);
    for (const [start, end] of joined(parts, words, options.joinWords)) cut(start, end, level + 1, document);
  };

  for (let d = 0; d < kb.documents.length; d++) {
    const [from, to] = kb.chunks.rangeOf(kb.documents[d]!.id);
    cut(from, to, 0, d);
  }
  const count = starts.length;
  const units: PageUnits = { starts: new Uint32Array(count + 1), unitOf: new Uint32Array(kb.chunks.size), documentOf: Uint32Array.from(documentOf) };
  units.starts.set(starts);
  units.starts[count] = kb.chunks.size;
  for (let u = 0; u < count; u++) units.unitOf.fill(u, units.starts[u]!, units.starts[u + 1]!);
  return units;
}

/**
 * Runs of chunks [start, end) under one heading at `level` (the text before a part's first
 * heading of that level is a run of its own, as a chapter's introduction is a page of its own).
 */
function partsAt(from: number, to: number, level: number, trailAt: (c: number) => readonly string[]): [number, number][] {
  const parts: [number, number][] = [];
  let start = from;
  let key = keyAt(trailAt(from), level);
  for (let c = from + 1; c < to; c++) {
    const next = keyAt(trailAt(c), level);
    if (next === key) continue;
    parts.push([start, c]);
    start = c;
    key = next;
  }
  parts.push([start, to]);
  return parts;
}

/**
 * Neighbouring runs joined while together they hold at most `most` words: a chapter cut at
 * headings a few paragraphs apart would otherwise rank as dozens of pages too short to gather
 * evidence, where the sections around one subject together make a page of ordinary length.
 */
function joined(parts: readonly [number, number][], words: (from: number, to: number) => number, most: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [start, end] of parts) {
    const last = out[out.length - 1];
    if (last && words(last[0], end) <= most) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

/** A chunk's place at `level`: its headings down to that level. */
const keyAt = (trail: readonly string[], level: number) => trail.slice(0, level + 1).join('\u0000');
