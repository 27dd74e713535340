import type { Cell } from './pdf-tables.ts';

/**
 * A line of a PDF page as the layout rebuilt it, and the text rules every later step shares:
 * how lines join, how a title is compared.
 */
export interface Line {
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

export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A title as compared with the outline's: lower case, punctuation as spaces. */
export const normalTitle = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** What a printed title adds before the outline's words: "Chapter 6.", "Appendix B", "3.1". */
export const TITLE_PREFIX = /^(?:(?:chapter|appendix|section|part)\s+)?(?:[A-Z]|\d+)(?:\.\d+)*\.?\s+/iu;

const HYPHENATED = /\p{L}[-\u00AD\u2010]$/u;

/** What carries a web address on at the next line's start: a path, or a domain name. */
const ADDRESS_ON = /^(?:\S*\/|[a-z0-9-]+\.[a-z]{2,})/u;

/** Whether a line break falls inside a web address: "https://lists." then "debian.org/". */
export function continuesAddress(before: string, line: string): boolean {
  return /(?:^|\s)(?:https?:|www\.)\S*$/u.test(before) && ADDRESS_ON.test(line);
}

/** Joins a line to the text before it: a word hyphenated across the break is one word again. */
export function joinLine(before: string, line: string): string {
  if (continuesAddress(before, line)) return before + line;
  if (HYPHENATED.test(before) && /^\p{Ll}/u.test(line)) return before.slice(0, -1) + line;
  return `${before} ${line}`;
}
