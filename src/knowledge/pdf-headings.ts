import type { PdfOptions } from './format-options.ts';
import { normalTitle, TITLE_PREFIX, type Line } from './pdf-line.ts';

/** An entry of the document outline (bookmarks), with its depth from 1. */
export interface OutlineEntry {
  title: string;
  depth: number;
}

/** A numbered heading below the top level: "8.6.4.1 The shlibs files", with no full stop after it. */
const SUBSECTION = /^(\d+(?:\.\d+)+)\.?\s+\p{Lu}[^.]*$/u;
/** A heading opens with a capital or its number, and does not end the way a sentence or a clause does. */
export const HEADING_SHAPE = /^[\p{Lu}\p{N}](?:.*[^.,;:\]])?$/u;

const halfPoint = (size: number) => Math.round(size * 2) / 2;

/** The type size most of the text is set in. */
function bodySize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = halfPoint(line.size);
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, w] of weight) if (w > most) [best, most] = [size, w];
  return best;
}

/**
 * Which lines of a document are headings, and how deep: the outline names them when it can;
 * otherwise type set larger than the body is a heading, the largest the shallowest, all below
 * the outline's levels so that a heading the outline names closes them.
 */
export class HeadingLevels {
  /** The type size most of the text is set in. */
  readonly body: number;
  private readonly outlineDepth = new Map<string, number>();
  /** A title the outline spells exactly as the line does is a heading whatever its shape ("clear"). */
  private readonly outlineTitles: ReadonlySet<string>;
  private readonly outlineLevels: number;
  /** The sizes set larger than the body, largest first. */
  private readonly headingSizes: readonly number[];

  constructor(
    lines: readonly Line[],
    outline: readonly OutlineEntry[],
    private readonly options: PdfOptions,
  ) {
    this.body = bodySize(lines);
    for (const entry of outline) {
      const key = normalTitle(entry.title);
      if (key !== '' && !this.outlineDepth.has(key)) this.outlineDepth.set(key, entry.depth);
    }
    this.outlineTitles = new Set(outline.map((entry) => entry.title.trim()));
    this.outlineLevels = Math.max(0, ...outline.map((e) => e.depth));
    const larger = lines.filter((l) => l.size >= this.body * options.headingScale).map((l) => halfPoint(l.size));
    this.headingSizes = [...new Set(larger)].sort((a, b) => b - a);
  }

  /** The outline's depth for a heading's text, when the outline names it ("3.1 The package name" too). */
  namedDepth(text: string): number | undefined {
    return this.outlineDepth.get(normalTitle(text)) ?? this.outlineDepth.get(normalTitle(text.replace(TITLE_PREFIX, '')));
  }

  /** Whether a line is set larger than the body by the heading scale. */
  isLarger(line: Line): boolean {
    return line.size >= this.body * this.options.headingScale;
  }

  /**
   * A line's heading depth, or 0 when it is text. `numbered` holds the section numbers of the
   * headings read so far, so "8.6.4.1 …" under "8.6.4" is a level the outline stops short of.
   */
  depthOf(line: Line, numbered: ReadonlySet<string>): number {
    if (line.text.length > 200 || !/\p{L}/u.test(line.text)) return 0;
    // Headings are set at least as large as the body; a size a hair under it is the same size, rounded.
    const bodyOrLarger = line.size >= this.body * 0.95;
    // At body size, a line that happens to be a title's words ("package.", the end of a sentence
    // wrapped onto its own line) is only a heading when it is shaped like one.
    const shaped = this.isLarger(line) || HEADING_SHAPE.test(line.text) || this.outlineTitles.has(line.text);
    const named = this.outlineDepth.size > 0 && bodyOrLarger && shaped ? this.namedDepth(line.text) : undefined;
    if (named !== undefined) return named;
    const sub = SUBSECTION.exec(line.text);
    if (sub?.[1] && line.text.length <= 120 && bodyOrLarger && numbered.has(sub[1].replace(/\.\d+$/, ''))) return sub[1].split('.').length;
    if (this.isLarger(line)) return this.outlineLevels + this.headingSizes.indexOf(halfPoint(line.size)) + 1;
    // A section's title in a grid of entries, set at body size: below every larger heading.
    if (line.grid === 'heading' && bodyOrLarger && line.text.length <= 120 && HEADING_SHAPE.test(line.text)) return this.outlineLevels + this.headingSizes.length + 1;
    return 0;
  }
}
