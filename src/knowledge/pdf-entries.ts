import type { PdfOptions } from './format-options.ts';
import type { PdfRun } from './pdf-layout.ts';

/**
 * Reference cards and command summaries set a column as a grid of entries: a term at the left
 * ("apt install package-names") and its description at a tab stop to the right, each side
 * wrapping on its own, the shorter side centred on the taller or level with its top. Read line
 * by line such a column is fragments; read as a reader does, each entry is one line, term then
 * description. Lines that cross the tab stop (a section's heading, a paragraph of prose) break
 * the grid and are read as lines.
 */

/** What the grid reader needs of a line. */
export interface GridLine {
  text: string;
  y: number;
  size: number;
}

/** A piece of a grid column in reading order: a line across the tab stop, or an entry. */
export type GridPiece<L> = { kind: 'line'; line: L; centred: boolean } | { kind: 'entry'; term: L[]; description: L[] };

/** Runs on one baseline, top to bottom, with the tolerance lines are built with. */
function baselines(runs: readonly PdfRun[]): PdfRun[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: PdfRun[][] = [];
  let baseline = 0;
  for (const run of sorted) {
    const current = out[out.length - 1];
    if (current && Math.abs(run.y - baseline) <= Math.max(run.size, 1) * 0.5) current.push(run);
    else {
      out.push([run]);
      baseline = run.y;
    }
  }
  return out;
}

/** How far inside a cell a run may reach past the tab stop and still be on its side. */
const slack = (size: number) => size * 0.25;
const crosses = (run: PdfRun, tab: number) => run.x < tab - slack(run.size) && run.x + run.width > tab + slack(run.size);

/**
 * A line off the grid: one that crosses the tab stop, is set larger than the grid's text (a
 * section's title, wherever it stands), or starts neither with a term nor at the tab (a title
 * centred over the column, clear of the stop).
 */
function offGrid(line: readonly PdfRun[], tab: number, size: number, options: PdfOptions): boolean {
  if (line.some((r) => crosses(r, tab) || r.size >= size * options.headingScale)) return true;
  const first = line.reduce((a, b) => (b.x < a.x ? b : a));
  return first.x > tab + slack(first.size);
}

/**
 * The x where a column's descriptions start, when its runs are set as a grid: many baselines
 * start a run there, well inside the column; terms stand to its left on many baselines, beside
 * the descriptions, and stop short of it by a clear gap; few lines cross it; and what starts
 * there is prose, not code aligned on a comment column nor a column of page numbers.
 */
export function descriptionTab(runs: readonly PdfRun[], options: PdfOptions): number | null {
  if (runs.length < options.entryMinRows * 2) return null;
  const lines = baselines(runs);
  const size = median(runs.map((r) => r.size));
  const tab = candidateTab(runs, lines, size, options);
  if (tab === null) return null;
  return looksLikeGrid(tallyGrid(lines, tab, size, options), lines.length, size, options) ? tab : null;
}

/** The x that most baselines start a run at, well inside the column, if enough of them do. */
function candidateTab(runs: readonly PdfRun[], lines: readonly PdfRun[][], size: number, options: PdfOptions): number | null {
  const starts = startsInside(runs, lines, size);
  let tab = -1;
  let most = 0;
  for (const [x, at] of starts) if (at.size > most || (at.size === most && x < tab)) [tab, most] = [x, at.size];
  if (most < Math.max(options.entryMinRows, lines.length * options.entryTabShare)) return null;
  // The exact edge: the leftmost start near the rounded one.
  return Math.min(...runs.filter((r) => Math.abs(r.x - tab) <= 1.5).map((r) => r.x));
}

/** Starts of runs past the column's left edge, rounded, by the baselines that have one there. */
function startsInside(runs: readonly PdfRun[], lines: readonly PdfRun[][], size: number): Map<number, Set<number>> {
  const left = Math.min(...runs.map((r) => r.x));
  const starts = new Map<number, Set<number>>();
  lines.forEach((line, i) => {
    for (const run of line) {
      if (run.x < left + size * 2) continue;
      const key = Math.round(run.x);
      for (const k of [key - 1, key, key + 1]) {
        if (!starts.has(k)) starts.set(k, new Set());
        starts.get(k)!.add(i);
      }
    }
  });
  return starts;
}

/** What a column's lines look like either side of a candidate tab stop. */
interface GridTally {
  /** Lines off the grid. */
  across: number;
  /** Lines with a term, the term's characters, and the terms that reach right up to the stop. */
  termLines: number;
  termChars: number;
  gapless: number;
  /** Characters right of the stop: all, set in a monospaced font, letters. */
  descChars: number;
  descMono: number;
  descLetters: number;
  /** Baselines of lines with a term, and of lines with a description. */
  termYs: number[];
  descYs: number[];
}

function tallyGrid(lines: readonly PdfRun[][], tab: number, size: number, options: PdfOptions): GridTally {
  const tally: GridTally = { across: 0, termLines: 0, termChars: 0, gapless: 0, descChars: 0, descMono: 0, descLetters: 0, termYs: [], descYs: [] };
  for (const line of lines) {
    if (offGrid(line, tab, size, options)) {
      tally.across++;
      continue;
    }
    const term = line.filter((r) => r.x < tab - slack(r.size));
    if (term.length > 0) tallyTerm(tally, term, line[0]!.y, tab, size);
    if (term.length < line.length) tally.descYs.push(line[0]!.y);
    for (const r of line) {
      if (r.x < tab - slack(r.size)) continue;
      tallyDescription(tally, r);
    }
  }
  return tally;
}

function tallyTerm(tally: GridTally, term: readonly PdfRun[], y: number, tab: number, size: number): void {
  tally.termLines++;
  tally.termYs.push(y);
  tally.termChars += term.reduce((n, r) => n + r.text.trim().length, 0);
  if (Math.max(...term.map((r) => r.x + r.width)) > tab - size * 0.5) tally.gapless++;
}

function tallyDescription(tally: GridTally, run: PdfRun): void {
  tally.descChars += run.text.length;
  tally.descLetters += run.text.replace(/[^\p{L}]/gu, '').length;
  if (run.mono) tally.descMono += run.text.length;
}

function looksLikeGrid(t: GridTally, lineCount: number, size: number, options: PdfOptions): boolean {
  // A term stands beside its description, level with a line of it or between two: not above
  // it, as a definition list sets its terms.
  const beside = t.termYs.filter((y) => t.descYs.some((d) => Math.abs(d - y) <= size * 0.75)).length;
  return (
    beside >= t.termLines * options.entryBesideShare &&
    t.across <= lineCount * options.entryCrossingShare &&
    t.termLines >= options.entryMinRows &&
    // Terms are words, not list markers standing in a hanging indent.
    t.termChars >= t.termLines * 3 &&
    t.gapless <= t.termLines * options.entryCrossingShare &&
    t.descMono < t.descChars / 2 &&
    // Descriptions are words: a column of page numbers or figures is a contents page or a table.
    t.descLetters >= t.descChars / 2
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Whether a description would break off mid-way: the line after it does not start as a
 * description does, with a capital or a number, but carries on in lower case or with a bracket
 * ("e.g." then "keyboard-configuration").
 */
const cutMidWay = (next: GridLine | undefined) => next !== undefined && !/^[\p{Lu}\p{N}]/u.test(next.text);

/**
 * Pairs a grid's term lines and description lines into entries, top to bottom. Each entry takes
 * the next few lines of either side; the pairing chosen is the one whose cells line up best
 * (centred on each other or level at the top), with fewest descriptions cut mid-sentence and
 * fewest cells left without a partner, and, all else equal, the most entries: rows set one
 * baseline each are separate entries, and a description that wraps stays whole.
 */
export function pairEntries<L extends GridLine>(terms: readonly L[], descriptions: readonly L[], options: PdfOptions): { term: L[]; description: L[] }[] {
  return new EntryPairing(terms, descriptions, options).entries() ?? [{ term: [...terms], description: [...descriptions] }];
}

/** What pairing some lines of one side with some of the other as one entry costs, in line pitches. */
class CellCosts {
  private readonly pitch: number;
  /** gaps[i] is what the gaps among a side's first i + 1 lines cost, so a cell's is a difference. */
  private readonly termGaps: number[];
  private readonly descriptionGaps: number[];

  constructor(
    private readonly terms: readonly GridLine[],
    private readonly descriptions: readonly GridLine[],
    private readonly options: PdfOptions,
  ) {
    const size = terms[0]?.size ?? descriptions[0]?.size ?? 10;
    this.pitch = linePitch(size, terms, descriptions) || size * 1.2;
    this.termGaps = this.gapCosts(terms);
    this.descriptionGaps = this.gapCosts(descriptions);
  }

  /** What pairing `a` terms from `i` with `b` descriptions from `j` costs. */
  cost(i: number, a: number, j: number, b: number): number {
    const { terms, descriptions, options } = this;
    let total = -options.entryRowBonus + inside(this.termGaps, i, a) + inside(this.descriptionGaps, j, b);
    if (a === 0 || b === 0) total += options.entryAlonePenalty;
    else total += Math.min(Math.abs(centre(terms, i, a) - centre(descriptions, j, b)), Math.abs(terms[i]!.y - descriptions[j]!.y)) / this.pitch;
    if (b > 0 && cutMidWay(descriptions[j + b])) total += options.entryAlonePenalty;
    return total;
  }

  /** A cell's own lines follow one another at the line pitch; a wide gap inside one is unlikely. */
  private gapCosts(side: readonly GridLine[]): number[] {
    let sum = 0;
    return side.map((line, i) => (sum += i === 0 ? 0 : Math.max(0, (side[i - 1]!.y - line.y) / this.pitch - 1.5)));
  }
}

const inside = (gaps: number[], from: number, count: number) => (count < 2 ? 0 : gaps[from + count - 1]! - gaps[from]!);
const centre = (side: readonly GridLine[], from: number, count: number) => (side[from]!.y + side[from + count - 1]!.y) / 2;

/** The cheapest pairing of a grid's two sides, found by dynamic programming over how many lines of each are paired. */
class EntryPairing<L extends GridLine> {
  private readonly costs: CellCosts;
  /** best[i][j]: the least cost of pairing the first i terms and j descriptions. */
  private readonly best: Float64Array[];
  /** from[i][j]: where the last entry of that pairing starts. */
  private readonly from: [number, number][][];

  constructor(
    private readonly terms: readonly L[],
    private readonly descriptions: readonly L[],
    private readonly options: PdfOptions,
  ) {
    const n = terms.length;
    const m = descriptions.length;
    this.costs = new CellCosts(terms, descriptions, options);
    this.best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1).fill(Infinity));
    this.from = Array.from({ length: n + 1 }, () => new Array<[number, number]>(m + 1).fill([0, 0]));
    this.best[0]![0] = 0;
  }

  /** The entries, top to bottom; null when no pairing keeps the rows from interleaving. */
  entries(): { term: L[]; description: L[] }[] | null {
    const n = this.terms.length;
    const m = this.descriptions.length;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) if (this.best[i]![j]! !== Infinity) this.extendFrom(i, j);
    }
    return this.best[n]![m] === Infinity ? null : this.traceBack();
  }

  /** Tries every next entry after pairing the first i terms and j descriptions. */
  private extendFrom(i: number, j: number): void {
    const { terms, descriptions, best, from } = this;
    const k = this.options.entryMaxCellLines;
    const here = best[i]![j]!;
    // Rows do not interleave: the next one starts below everything before it.
    const floor = Math.min(terms[i - 1]?.y ?? Infinity, descriptions[j - 1]?.y ?? Infinity);
    for (let a = 0; a <= k && i + a <= terms.length; a++) {
      for (let b = a === 0 ? 1 : 0; b <= k && j + b <= descriptions.length; b++) {
        const top = Math.max(a > 0 ? terms[i]!.y : -Infinity, b > 0 ? descriptions[j]!.y : -Infinity);
        if (top >= floor) continue;
        const total = here + this.costs.cost(i, a, j, b);
        if (total < best[i + a]![j + b]!) {
          best[i + a]![j + b] = total;
          from[i + a]![j + b] = [i, j];
        }
      }
    }
  }

  private traceBack(): { term: L[]; description: L[] }[] {
    const out: { term: L[]; description: L[] }[] = [];
    for (let i = this.terms.length, j = this.descriptions.length; i > 0 || j > 0; ) {
      const [pi, pj] = this.from[i]![j]!;
      out.unshift({ term: this.terms.slice(pi, i), description: this.descriptions.slice(pj, j) });
      [i, j] = [pi, pj];
    }
    return out;
  }
}

/** The usual distance between consecutive baselines of one side (a gap of a few lines is a break, not a pitch). */
function linePitch(size: number, ...sides: (readonly GridLine[])[]): number {
  return median(sides.flatMap((side) => side.slice(1).map((line, i) => side[i]!.y - line.y)).filter((g) => g > 0 && g < size * 3));
}

/**
 * A grid column in reading order: the lines that cross the tab stop where they stand, and
 * between them the entries of the grid they cut. A line across the stop is "centred" when it
 * stands in the middle of the column, as a boxed section's title does.
 */
export function readGrid<L extends GridLine & { x0: number; x1: number }>(runs: readonly PdfRun[], tab: number, toLines: (runs: PdfRun[]) => L[], options: PdfOptions): GridPiece<L>[] {
  const size = median(runs.map((r) => r.size));
  const left = Math.min(...runs.map((r) => r.x));
  const right = Math.max(...runs.map((r) => r.x + r.width));
  const pieces: GridPiece<L>[] = [];
  let terms: PdfRun[] = [];
  let descriptions: PdfRun[] = [];
  const settle = () => {
    if (terms.length > 0 || descriptions.length > 0) {
      for (const entry of pairEntries(toLines(terms), toLines(descriptions), options)) pieces.push({ kind: 'entry', ...entry });
    }
    terms = [];
    descriptions = [];
  };
  for (const line of baselines(runs)) {
    if (offGrid(line, tab, size, options)) {
      settle();
      for (const across of toLines(line)) {
        const margin = across.x0 - left;
        pieces.push({ kind: 'line', line: across, centred: margin > across.size * 2 && Math.abs(margin - (right - across.x1)) <= across.size });
      }
      continue;
    }
    for (const run of line) (run.x < tab - slack(run.size) ? terms : descriptions).push(run);
  }
  settle();
  return pieces;
}
