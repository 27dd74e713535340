import type { PdfOptions } from './format-options.ts';
import { descriptionTab, readGrid } from './pdf-entries.ts';
import type { OutlineEntry } from './pdf-headings.ts';
import { collapse, continuesAddress, joinLine, normalTitle, TITLE_PREFIX, type Line } from './pdf-line.ts';
import { paragraphs, type PdfBody } from './pdf-paragraphs.ts';
import { cellsOf } from './pdf-tables.ts';

/**
 * Turning a PDF's text layer back into paragraphs. A PDF holds runs of glyphs placed on a page,
 * not paragraphs: this module rebuilds lines from positions, reads columns one after another and
 * drops running headers, footers and contents pages; pdf-paragraphs.ts joins the lines into
 * blocks, with headings found by pdf-headings.ts. None of them knows pdf.js, so they are tested
 * on runs directly.
 */

/** A run of text as the PDF placed it: baseline origin in points from the bottom-left. */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Type size in points. */
  size: number;
  /** Set in a fixed-pitch font: part of a code listing. */
  mono: boolean;
}

export interface PdfPageText {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  runs: PdfRun[];
}

/** A list marker on its own: a bullet, "5.", "b)". */
const LIST_MARKER = /^(?:[•◦▪‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])$/u;
const MARKER_AND_SPACE = /^(?:[•◦▪‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])\s+/u;

/**
 * Where a list item's words begin: the second run when the marker is a run of its own, else the
 * marker's share of the first run's width (glyph widths are not known here, their average is).
 */
function itemTextX(runs: readonly PdfRun[]): number {
  const [first, second] = runs;
  if (!first) return 0;
  if (second && LIST_MARKER.test(first.text.trim())) return second.x;
  const prefix = MARKER_AND_SPACE.exec(first.text)?.[0].length ?? 0;
  return first.x + (prefix > 0 && first.text.length > 0 ? (first.width * prefix) / first.text.length : 0);
}

/** Runs on one baseline, left to right, with a space wherever the gap between them is a word gap. */
function joinRuns(runs: PdfRun[]): string {
  let out = '';
  let end = -Infinity;
  for (const run of runs) {
    const gap = run.x - end;
    if (out !== '' && gap > run.size * 0.15 && !/\s$/.test(out) && !/^\s/.test(run.text)) out += ' ';
    out += run.text;
    end = Math.max(end, run.x + run.width);
  }
  return out;
}

/** Groups runs into lines by baseline, top to bottom. */
function toLines(runs: PdfRun[], page: PdfPageText, left: number, right: number, options: PdfOptions): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: PdfRun[] = [];
  let baseline = 0;
  const close = () => {
    if (current.length === 0) return;
    current.sort((a, b) => a.x - b.x);
    const text = collapse(joinRuns(current));
    if (text !== '') {
      const size = Math.max(...current.map((r) => r.size));
      const x1 = Math.max(...current.map((r) => r.x + r.width));
      const textX = itemTextX(current);
      lines.push({ text, x0: current[0]!.x, x1, y: baseline, size, mono: current.every((r) => r.mono), page: page.page, pageHeight: page.height, left, right, cells: cellsOf(current, joinRuns, options), textX });
    }
    current = [];
  };
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(run.y - baseline) > Math.max(run.size, 1) * 0.5) close();
    if (current.length === 0) baseline = run.y;
    current.push(run);
  }
  close();
  return lines;
}

/**
 * The page's gutters: vertical strips, wide enough and inside the text, that almost no run
 * touches while text stands on both sides of them. A heading spanning the columns may cross one.
 */
function gutters(runs: PdfRun[], width: number, options: PdfOptions): [number, number][] {
  if (runs.length < 4) return [];
  const bin = 2;
  const bins = Math.ceil(width / bin) + 1;
  const cover = new Uint32Array(bins);
  const chars = new Float64Array(bins);
  let minX = Infinity;
  let maxX = -Infinity;
  for (const run of runs) {
    const from = Math.max(0, Math.floor(run.x / bin));
    const to = Math.min(bins - 1, Math.floor((run.x + run.width) / bin));
    for (let b = from; b <= to; b++) cover[b]!++;
    chars[from]! += run.text.length;
    minX = Math.min(minX, run.x);
    maxX = Math.max(maxX, run.x + run.width);
  }
  // A title spanning the columns may cross the gutter.
  const allowed = Math.max(1, Math.floor(runs.length * 0.02));
  const minBins = Math.ceil((width * options.columnGapShare) / bin);
  const total = runs.reduce((sum, r) => sum + r.text.length, 0);
  const found: [number, number][] = [];
  let start = -1;
  const first = Math.floor(minX / bin) + 1;
  const last = Math.floor(maxX / bin) - 1;
  for (let b = first; b <= last + 1; b++) {
    const open = b <= last && cover[b]! <= allowed;
    if (open && start < 0) start = b;
    if (!open && start >= 0) {
      if (b - start >= minBins) {
        let before = 0;
        for (let k = 0; k < start; k++) before += chars[k]!;
        // Both sides must hold a real share of the text: a ragged right margin is not a column.
        if (before > total * 0.15 && total - before > total * 0.15) found.push([start * bin, b * bin]);
      }
      start = -1;
    }
  }
  return found;
}

/**
 * A term's lines: names, paths and commands, whose hyphens are their own, so a line ending in a
 * hyphen, a slash or an equals sign runs straight on ("update-" "alternatives").
 */
function joinTerm(before: string, line: string): string {
  return before === '' ? line : /[-/=]$/.test(before) || continuesAddress(before, line) ? before + line : `${before} ${line}`;
}

/** A column's lines, top to bottom; a column set as a grid of entries gives one line per entry. */
function columnLines(runs: PdfRun[], page: PdfPageText, left: number, right: number, options: PdfOptions): Line[] {
  const tab = runs.length > 0 ? descriptionTab(runs, options) : null;
  if (tab === null) return toLines(runs, page, left, right, options);
  const lines = (part: PdfRun[]) => toLines(part, page, left, right, options);
  return readGrid(runs, tab, lines, options).map((piece): Line => {
    if (piece.kind === 'line') return piece.centred ? { ...piece.line, grid: 'heading' } : piece.line;
    const { term, description } = piece;
    const parts = [collapse(term.map((l) => l.text).reduce(joinTerm, '')), collapse(description.map((l) => l.text).reduce((a, b) => (a === '' ? b : joinLine(a, b)), ''))].filter((t) => t !== '');
    const members = [...term, ...description];
    return {
      text: parts.join(' — '),
      x0: Math.min(...members.map((l) => l.x0)),
      x1: Math.max(...members.map((l) => l.x1)),
      y: Math.max(...members.map((l) => l.y)),
      size: Math.max(...members.map((l) => l.size)),
      mono: false,
      page: page.page,
      pageHeight: page.height,
      left,
      right,
      cells: [],
      textX: Math.min(...members.map((l) => l.x0)),
      grid: 'entry',
    };
  });
}

/** The page's lines in reading order: text spanning the columns above them, each column top to bottom, then the rest. */
export function pageLines(page: PdfPageText, options: PdfOptions): Line[] {
  const runs = page.runs.filter((r) => r.text.trim() !== '');
  const gaps = gutters(runs, page.width, options);
  if (gaps.length === 0) {
    const left = Math.min(...runs.map((r) => r.x));
    const right = Math.max(...runs.map((r) => r.x + r.width));
    return columnLines(runs, page, left, right, options);
  }
  const edges = [-Infinity, ...gaps.flatMap(([a, b]) => [a, b]), Infinity];
  const columns: PdfRun[][] = gaps.map(() => []).concat([[]]);
  const spanning: PdfRun[] = [];
  for (const run of runs) {
    const end = run.x + run.width;
    // A title spans a gutter from side to side; a line of a column may reach into it (the
    // gutter allows a few runs), and stays in the column that holds most of it.
    if (gaps.some(([a, b]) => run.x < a && end > b)) {
      spanning.push(run);
      continue;
    }
    const centre = run.x + run.width / 2;
    const column = gaps.filter(([a, b]) => centre >= (a + b) / 2).length;
    columns[column]!.push(run);
  }
  const columnTop = Math.max(...columns.flat().map((r) => r.y));
  const above = spanning.filter((r) => r.y > columnTop);
  const below = spanning.filter((r) => r.y <= columnTop);
  const textLeft = Math.min(...runs.map((r) => r.x));
  const textRight = Math.max(...runs.map((r) => r.x + r.width));
  return [
    ...toLines(above, page, textLeft, textRight, options),
    ...columns.flatMap((c, i) => columnLines(c, page, Math.max(textLeft, edges[2 * i]!), Math.min(textRight, edges[2 * i + 1]!), options)),
    ...toLines(below, page, textLeft, textRight, options),
  ];
}

/** A line's identity across pages: its words, without the page and chapter numbers that change. */
const runningKey = (text: string) => collapse(text.toLowerCase().replace(/[^\p{L}\s]+/gu, ' ').replace(/\b[ivxlc]+\b/g, ' '));

/** A page number standing alone at either end of a line: "52 Chapter 6. …", "6.5. Summary … 51". */
const PAGE_NUMBER_AT_END = /^\d+\s+(?=\S)|\s+\d+$/u;
/**
 * A running title: a line in a page's outer margin that is a page number and the name of a
 * chapter or section the outline lists. Books print the current section's name there, so it
 * changes every few pages and never recurs often enough to be caught as a repeated line.
 */
function isRunningTitle(line: Line, titles: ReadonlySet<string>, options: PdfOptions): boolean {
  if (titles.size === 0) return false;
  const inMargin = line.y > line.pageHeight * (1 - options.runningEdgeShare) || line.y < line.pageHeight * options.runningEdgeShare;
  if (!inMargin || !PAGE_NUMBER_AT_END.test(line.text)) return false;
  const words = line.text.replace(PAGE_NUMBER_AT_END, '').trim();
  return titles.has(normalTitle(words.replace(TITLE_PREFIX, ''))) || titles.has(normalTitle(words));
}

/**
 * Drops running headers and footers: the topmost and bottommost lines of a page that recur,
 * numbers aside, on `runningShare` of the pages, or at the edge of a page nearby (a chapter's
 * running title, on every other page). A line that is only a page number goes too.
 */
export function dropRunningLines(pages: Line[][], options: PdfOptions, titles: ReadonlySet<string> = new Set()): Line[][] {
  if (pages.length < options.runningMinPages) return pages;
  // A page's first and last lines, and any other line in its outer margins.
  const edges = pages.map((lines) => {
    if (lines.length === 0) return new Set<Line>();
    const byY = [...lines].sort((a, b) => b.y - a.y);
    const margin = (line: Line) => line.y > line.pageHeight * (1 - options.runningEdgeShare) || line.y < line.pageHeight * options.runningEdgeShare;
    return new Set([byY[0]!, byY[byY.length - 1]!, ...lines.filter(margin)]);
  });
  const count = new Map<string, number>();
  const seenOn = edges.map((set) => new Set([...set].map((line) => runningKey(line.text))));
  for (const keys of seenOn) for (const key of keys) count.set(key, (count.get(key) ?? 0) + 1);
  const threshold = Math.max(2, pages.length * options.runningShare);
  return pages.map((lines, p) =>
    lines.filter((line) => {
      if (!edges[p]!.has(line)) return true;
      if (isRunningTitle(line, titles, options)) return false;
      const key = runningKey(line.text);
      if (key === '' || key === 'page' || key === 'page of') return false;
      if ((count.get(key) ?? 0) >= threshold) return false;
      for (let q = p - options.runningNearPages; q <= p + options.runningNearPages; q++) if (q !== p && seenOn[q]?.has(key)) return false;
      return true;
    }),
  );
}

/** A table-of-contents entry: a title, dot leaders, a page number. It points at text; it is not text. */
const CONTENTS_ENTRY = /(?:\.\s?){4,}\s*(?:\d+|[ivxlc]+)$/iu;

/** Every page's text as blocks, in reading order. */
export function layoutPages(pages: PdfPageText[], outline: readonly OutlineEntry[], options: PdfOptions): PdfBody {
  const titles = new Set(outline.map((entry) => normalTitle(entry.title.replace(TITLE_PREFIX, ''))).filter((t) => t !== ''));
  const lines = dropRunningLines(
    pages.map((p) => withoutContents(pageLines(p, options), options)),
    options,
    titles,
  );
  return paragraphs(lines, outline, options);
}

/**
 * A page's lines without its table of contents. On a contents page the entries that carry no
 * dot leaders (a chapter's line set in bold, the first line of an entry that wraps) are contents
 * too, so a page mostly made of entries is dropped whole.
 */
function withoutContents(lines: Line[], options: PdfOptions): Line[] {
  const entries = lines.filter((line) => CONTENTS_ENTRY.test(line.text)).length;
  if (lines.length > 0 && entries >= lines.length * options.contentsShare) return [];
  return lines.filter((line) => !CONTENTS_ENTRY.test(line.text));
}
