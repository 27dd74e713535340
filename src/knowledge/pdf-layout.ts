import type { PdfOptions } from './format-options.ts';
import { descriptionTab, readGrid } from './pdf-entries.ts';
import { cellsOf, tableRows, type Cell } from './pdf-tables.ts';
import type { Block } from './types.ts';

/**
 * Turning a PDF's text layer back into paragraphs. A PDF holds runs of glyphs placed on a page,
 * not paragraphs: this module rebuilds lines from positions, reads columns one after another,
 * drops running headers and footers, rejoins words hyphenated at line ends and finds headings by
 * the outline or by type size. It knows nothing of pdf.js, so it is tested on runs directly.
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

/** An entry of the document outline (bookmarks), with its depth from 1. */
export interface OutlineEntry {
  title: string;
  depth: number;
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  mono: boolean;
  page: number;
  pageHeight: number;
  /** The left and right edges of the column the line stands in. */
  left: number;
  right: number;
  /** The line cut at wide gaps: table cells when its neighbours line up with it. */
  cells: Cell[];
  /** Where the words after a list marker set as a run of its own ("5.", "•") begin; else x0. */
  textX: number;
  /**
   * What a grid of entries made of the line: one entry, term and description; or the title of
   * a section of entries, a line centred across the grid.
   */
  grid?: 'entry' | 'heading';
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

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

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
/** What a running title adds before the heading it repeats: "Chapter 6.", "Appendix B", "6.5.". */
const TITLE_PREFIX = /^(?:(?:chapter|appendix|section|part)\s+)?(?:[A-Z]|\d+)(?:\.\d+)*\.?\s+/iu;

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

/** A numbered heading below the top level: "8.6.4.1 The shlibs files", with no full stop after it. */
const SUBSECTION = /^(\d+(?:\.\d+)+)\.?\s+\p{Lu}[^.]*$/u;

const SENTENCE_END = /[.!?:;)"”’]$/u;
/** A heading opens with a capital or its number, and does not end the way a sentence or a clause does. */
const HEADING_SHAPE = /^[\p{Lu}\p{N}](?:.*[^.,;:\]])?$/u;
const BULLET = /^(?:[•◦▪‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])\s+\S/u;
const HYPHENATED = /\p{L}[-\u00AD\u2010]$/u;

/** What carries a web address on at the next line's start: a path, or a domain name. */
const ADDRESS_ON = /^(?:\S*\/|[a-z0-9-]+\.[a-z]{2,})/u;

/** Whether a line break falls inside a web address: "https://lists." then "debian.org/". */
function continuesAddress(before: string, line: string): boolean {
  return /(?:^|\s)(?:https?:|www\.)\S*$/u.test(before) && ADDRESS_ON.test(line);
}

/** Joins a line to the text before it: a word hyphenated across the break is one word again. */
function joinLine(before: string, line: string): string {
  if (continuesAddress(before, line)) return before + line;
  if (HYPHENATED.test(before) && /^\p{Ll}/u.test(line)) return before.slice(0, -1) + line;
  return `${before} ${line}`;
}

const normalTitle = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The type size most of the text is set in. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, w] of weight) if (w > most) [best, most] = [size, w];
  return best;
}

export interface PdfBody {
  heading: string | null;
  blocks: Block[];
}

/**
 * Lines into blocks. A paragraph ends at extra vertical space, a change of type size, a short
 * line that ends a sentence, or a bullet; it runs on across a page break when the page ended
 * mid-sentence. Headings are lines the outline names, or else lines set larger than the body.
 */
export function paragraphs(pages: Line[][], outline: readonly OutlineEntry[], options: PdfOptions): PdfBody {
  const all = pages.flat();
  const body = bodySize(all);
  const outlineDepth = new Map<string, number>();
  for (const entry of outline) {
    const key = normalTitle(entry.title);
    if (key !== '' && !outlineDepth.has(key)) outlineDepth.set(key, entry.depth);
  }
  // A title the outline spells exactly as the line does is a heading whatever its shape ("clear").
  const outlineTitles = new Set(outline.map((entry) => entry.title.trim()));
  const outlineLevels = Math.max(0, ...outline.map((e) => e.depth));
  const headingSizes = [...new Set(all.filter((l) => l.size >= body * options.headingScale).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);

  /** The outline's depth for a heading's text, when the outline names it. */
  const namedDepth = (text: string): number | undefined => {
    // "3.1 The package name" is the outline's "The package name" with its number.
    const bare = normalTitle(text.replace(/^(?:(?:chapter|appendix|section|part)\s+)?(?:[A-Z]|\d+)(?:\.\d+)*\.?\s+/iu, ''));
    return outlineDepth.get(normalTitle(text)) ?? outlineDepth.get(bare);
  };

  /** A line's heading depth, or 0 when it is text. */
  const headingDepth = (line: Line): number => {
    if (line.text.length > 200 || !/\p{L}/u.test(line.text)) return 0;
    // Headings are set at least as large as the body; a size a hair under it is the same size, rounded.
    const bodyOrLarger = line.size >= body * 0.95;
    // At body size, a line that happens to be a title's words ("package.", the end of a sentence
    // wrapped onto its own line) is only a heading when it is shaped like one.
    const shaped = line.size >= body * options.headingScale || HEADING_SHAPE.test(line.text) || outlineTitles.has(line.text);
    const named = outlineDepth.size > 0 && bodyOrLarger && shaped ? namedDepth(line.text) : undefined;
    if (named !== undefined) return named;
    // "8.6.4.1 The shlibs files present" under a heading "8.6.4": a level the outline stops short of.
    const sub = SUBSECTION.exec(line.text);
    if (sub?.[1] && line.text.length <= 120 && bodyOrLarger && numbered.has(sub[1].replace(/\.\d+$/, ''))) return sub[1].split('.').length;
    // Below the outline's levels, so a heading the outline names closes it.
    if (line.size >= body * options.headingScale) return outlineLevels + headingSizes.indexOf(Math.round(line.size * 2) / 2) + 1;
    // A section's title in a grid of entries, set at body size: below every larger heading.
    if (line.grid === 'heading' && bodyOrLarger && line.text.length <= 120 && HEADING_SHAPE.test(line.text)) return outlineLevels + headingSizes.length + 1;
    return 0;
  };

  const blocks: Block[] = [];
  const trail: { depth: number; text: string }[] = [];
  /** The section numbers of the headings met so far. */
  const numbered = new Set<string>();
  let heading: string | null = null;
  let open: { block: Block; last: Line } | null = null;

  const breadcrumb = () => trail.map((h) => h.text);
  const startsNew = (prev: Line, line: Line): boolean => {
    if (prev.grid === 'entry') return true;
    if (prev.page !== line.page) {
      // Across a page break, only a sentence cut mid-way carries on.
      return SENTENCE_END.test(prev.text) || !/^\p{Ll}/u.test(line.text) || Math.abs(prev.size - line.size) > 0.5;
    }
    if (prev.mono !== line.mono) return true;
    if (Math.abs(prev.size - line.size) > body * 0.1) return true;
    const spacing = Math.max(prev.size, line.size) * 1.2;
    if (prev.y - line.y > spacing * (1 + options.paragraphGap) || prev.y < line.y) return true;
    if (BULLET.test(line.text) && !line.mono) return true;
    const width = prev.right - prev.left;
    // "https://lists." ends no sentence when the next line carries the address on.
    if (!prev.mono && SENTENCE_END.test(prev.text) && prev.x1 < prev.right - width * 0.15 && !continuesAddress(prev.text, line.text)) return true;
    return false;
  };

  let pendingHeading: { depth: number; text: string; last: Line; grid: boolean } | null = null;
  const settleHeading = () => {
    if (!pendingHeading) return;
    const { text } = pendingHeading;
    // A heading set over two lines may be one the outline names only whole.
    const named = namedDepth(text);
    const depth = named ?? pendingHeading.depth;
    const section = pendingHeading.grid;
    pendingHeading = null;
    // A section of a grid of entries names only that section.
    if (heading === null && named === undefined && !section && trail.every((h) => h.depth > depth)) {
      // The first heading names the document, unless the outline lists it or a section of its
      // rank or above came first. A folded card may set smaller sections before its title.
      heading = text;
      trail.length = 0;
      return;
    }
    while (trail.length > 0 && (trail[trail.length - 1]?.depth ?? 0) >= depth) trail.pop();
    trail.push({ depth, text });
    const number = /^(\d+(?:\.\d+)*)\.?\s/u.exec(text)?.[1];
    if (number) numbered.add(number);
  };

  /** The type size each block started in: footnotes are set smaller than the text they interrupt. */
  const sizes = new Map<Block, number>();
  /**
   * The list a bullet at the top of a page carries on: one that ended the page before, under the
   * same heading, with nothing after it but footnotes (smaller type) at that page's foot.
   */
  const listBrokenByPage = (line: Line): Block | null => {
    if (open === null || open.last.page !== line.page - 1) return null;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const block = blocks[i]!;
      if (block.kind === 'list') return block.breadcrumb.join('\u0000') === breadcrumb().join('\u0000') && Math.abs((sizes.get(block) ?? 0) - line.size) < 0.5 ? block : null;
      // Only footnotes may stand between: on the page before, in smaller type.
      if (block.page !== line.page - 1 || (sizes.get(block) ?? Infinity) >= body * 0.95) return null;
    }
    return null;
  };
  /** The list item read last: where its marker and its words stand, for paragraphs set under it. */
  let item: { block: Block; textX: number; markerX: number; page: number } | null = null;
  const tables = tableRows(all, options);
  /** A table row: the next row of the table being read, or the first of a new one. */
  const addRow = (line: Line) => {
    settleHeading();
    const row = line.cells.map((c) => c.text).join(' | ');
    if (open?.block.kind === 'table' && tables.has(open.last) && open.last.page === line.page) {
      open.block.text = `${open.block.text}\n${row}`;
      open.last = line;
      return;
    }
    const block: Block = { kind: 'table', text: row, breadcrumb: breadcrumb(), page: line.page };
    blocks.push(block);
    open = { block, last: line };
  };

  for (const line of all) {
    if (tables.has(line)) {
      addRow(line);
      continue;
    }
    const depth = headingDepth(line);
    if (depth > 0) {
      open = null;
      // A heading set over two lines is one heading.
      if (pendingHeading && Math.abs(pendingHeading.last.size - line.size) < 0.5 && pendingHeading.last.page === line.page && pendingHeading.last.y - line.y < line.size * 2) {
        pendingHeading.text = `${pendingHeading.text} ${line.text}`;
        pendingHeading.last = line;
        continue;
      }
      settleHeading();
      // A title set larger than the body is the document's or a part's even when it stands in a grid.
      pendingHeading = { depth, text: line.text, last: line, grid: line.grid === 'heading' && line.size < body * options.headingScale };
      continue;
    }
    settleHeading();
    if (line.grid === 'entry') {
      // A grid's entries are one block per section and page, an entry a line, as a list's items are.
      if (open?.block.kind === 'list' && open.last.grid === 'entry' && open.last.page === line.page) open.block.text = `${open.block.text}\n${line.text}`;
      else {
        const block: Block = { kind: 'list', text: line.text, breadcrumb: breadcrumb(), page: line.page };
        blocks.push(block);
        sizes.set(block, line.size);
        open = { block, last: line };
      }
      open.last = line;
      item = null;
      continue;
    }
    if (open && open.block.kind !== 'table' && !startsNew(open.last, line)) {
      open.block.text = line.mono ? `${open.block.text}\n${' '.repeat(Math.max(0, Math.round((line.x0 - line.left) / (line.size * 0.6))))}${line.text}` : joinLine(open.block.text, line.text);
      open.last = line;
      continue;
    }
    const bullet = !line.mono && BULLET.test(line.text);
    const continued = bullet ? listBrokenByPage(line) : null;
    if (continued) {
      continued.text = `${continued.text}\n${line.text}`;
      open = { block: continued, last: line };
      continue;
    }
    // The block being read, when a list carried over a page break sits behind the footnotes.
    const reading = open as { block: Block; last: Line } | null;
    const previous: Block | undefined = reading?.block.kind === 'list' ? reading.block : blocks[blocks.length - 1];
    // The page the previous block's last line is on (a list may have started a page earlier).
    const previousPage = reading !== null && reading.block === previous ? reading.last.page : previous?.page;
    if (!bullet && item !== null && previous === item.block && item.page === line.page && Math.abs(line.x0 - item.textX) <= line.size * 0.6 && line.x0 > item.markerX + line.size * 0.5) {
      // A paragraph set at an item's text indent, under it, is more of that item.
      previous.text = `${previous.text}\n${line.text}`;
      open = { block: previous, last: line };
      continue;
    }
    if (bullet && previous && previousPage === line.page && (previous.kind === 'list' || /[:：]$/.test(previous.text)) && previous.breadcrumb.join('\u0000') === breadcrumb().join('\u0000')) {
      // A list stays with the sentence that introduces it, and its items with each other.
      previous.kind = 'list';
      previous.text = `${previous.text}\n${line.text}`;
      open = { block: previous, last: line };
      item = { block: previous, textX: line.textX, markerX: line.x0, page: line.page };
      continue;
    }
    const block: Block = { kind: line.mono ? 'code' : bullet ? 'list' : 'paragraph', text: line.text, breadcrumb: breadcrumb(), page: line.page };
    blocks.push(block);
    sizes.set(block, line.size);
    open = { block, last: line };
    item = bullet ? { block, textX: line.textX, markerX: line.x0, page: line.page } : null;
  }
  settleHeading();
  return { heading, blocks: blocks.filter((b) => b.text.trim() !== '') };
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
