/**
 * The caps and thresholds of the HTML and PDF readers, in one place. Each cap turns a hostile or
 * broken file into a skipped file with a reason, so a load never stalls on one: the work of
 * reading a file is bounded by what these allow, not by what the file claims.
 */

export interface HtmlOptions {
  /** Elements nested deeper than this: the page is skipped rather than walked. */
  maxDepth: number;
  /** Elements in one page: beyond this the page is skipped instead of held as a tree in memory. */
  maxElements: number;
  /**
   * A page with no `main`, `article` or Sphinx body: its content is the smallest element holding
   * this share of the page's prose.
   */
  mainShare: number;
}

export interface PdfOptions {
  /** A PDF declaring more pages than this is skipped before any page is read. */
  maxPages: number;
  /**
   * The largest a single compressed stream may grow when inflated. A small file can inflate to
   * gigabytes (a "zip bomb"); every Flate stream is checked against this before pdf.js sees it.
   */
  maxStreamBytes: number;
  /** Characters of text in one document: past this it is skipped rather than indexed in part. */
  maxTextChars: number;
  /**
   * A line, header or footer is "running" (repeated chrome, dropped) when it recurs, digits aside,
   * on at least this share of the pages.
   */
  runningShare: number;
  /** Running lines are only looked for in documents of at least this many pages. */
  runningMinPages: number;
  /** The share of a page's height, at its top and at its bottom, where running lines stand. */
  runningEdgeShare: number;
  /**
   * A line at a page's edge that recurs at the edge of a page this many pages away or nearer is a
   * running title (a chapter's, on every other page), even when it is on few pages overall.
   */
  runningNearPages: number;
  /** Outline entries read, and how deep: the outline is read whole, so a hostile one is capped. */
  maxOutlineEntries: number;
  maxOutlineDepth: number;
  /** A line whose font is at least this many times the body's size is a heading. */
  headingScale: number;
  /**
   * A gap between text this wide, as a share of the page's width, running down most of a page,
   * splits it into columns read left to right.
   */
  columnGapShare: number;
  /** Extra vertical space, in line heights, that ends a paragraph. */
  paragraphGap: number;
  /**
   * A page whose lines are at least this share of contents entries (dot leaders, a page number)
   * is a table of contents: all its lines are dropped, the entries set without leaders too.
   */
  contentsShare: number;
  /**
   * A gap between runs on one line wider than this many ems separates table cells (word gaps are
   * about a quarter of an em, and a justified line stretches them to little more than half).
   */
  tableCellGap: number;
  /** Consecutive lines of two or more cells, their cells starting at shared columns, make a table from this many rows. */
  tableMinRows: number;
  /**
   * A column is a grid of entries (a term, and its description from a tab stop to its right, as
   * reference cards set them) when at least this many of its lines start a description at one
   * tab stop and as many hold a term to its left.
   */
  entryMinRows: number;
  /** ...and the lines starting a description there are at least this share of the column's lines. */
  entryTabShare: number;
  /** ...and at most this share of its lines cross the tab stop (headings, prose), or run up to it with no gap. */
  entryCrossingShare: number;
  /**
   * ...and at least this share of its terms stand beside a line of description, not above one
   * (a definition list sets each term on a line of its own, its description indented below).
   */
  entryBesideShare: number;
  /** The most lines one side of an entry is paired with: it bounds the work of pairing a column. */
  entryMaxCellLines: number;
  /**
   * Pairing terms with descriptions, in line pitches: what each entry earns (so, all else equal,
   * rows set one baseline each are entries of their own) and what a term or description without
   * a partner, or a description cut mid-sentence, costs.
   */
  entryRowBonus: number;
  entryAlonePenalty: number;
}

export interface FormatOptions {
  html: HtmlOptions;
  pdf: PdfOptions;
}

export const FORMAT_DEFAULTS: FormatOptions = {
  html: {
    maxDepth: 512,
    maxElements: 500_000,
    mainShare: 0.8,
  },
  pdf: {
    maxPages: 2_000,
    maxStreamBytes: 64 * 1024 * 1024,
    maxTextChars: 20_000_000,
    runningShare: 0.5,
    runningMinPages: 4,
    runningEdgeShare: 0.07,
    runningNearPages: 4,
    maxOutlineEntries: 10_000,
    maxOutlineDepth: 16,
    headingScale: 1.15,
    columnGapShare: 0.03,
    paragraphGap: 0.5,
    contentsShare: 0.5,
    tableCellGap: 1.5,
    tableMinRows: 3,
    entryMinRows: 4,
    entryTabShare: 0.3,
    entryCrossingShare: 0.25,
    entryBesideShare: 0.6,
    entryMaxCellLines: 12,
    entryRowBonus: 0.1,
    entryAlonePenalty: 1,
  },
};

/** Defaults with the given overrides, per format. */
export function formatOptions(overrides: { html?: Partial<HtmlOptions>; pdf?: Partial<PdfOptions> } = {}): FormatOptions {
  return { html: { ...FORMAT_DEFAULTS.html, ...overrides.html }, pdf: { ...FORMAT_DEFAULTS.pdf, ...overrides.pdf } };
}
