import type { Block } from './types.ts';

/**
 * Helpers shared by the Markdown and plain-text splitters: deciding whether a run of lines is one
 * wrapped paragraph or one paragraph per line, and recognising credit lines.
 */

// A line that ends a sentence: terminal punctuation, optionally inside closing quotes or brackets.
const SENTENCE_END = /[.!?。！？…][”"’')\]]*$/u;

/**
 * Files come in two layouts: paragraphs separated by blank lines (lines inside wrap), and one
 * paragraph per line with no blank lines at all. A block of two or more lines that all end a
 * sentence is the second layout; anything else is a wrapped paragraph and is joined with spaces.
 */
export function splitLines(block: string): { paragraphs: string[]; credits: string[] } {
  const credits: string[] = [];
  const lines = block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      if (line === '') return false;
      const credit = isCreditLine(line);
      if (credit) credits.push(line);
      return !credit;
    });
  if (lines.length >= 2 && lines.every((line) => SENTENCE_END.test(line))) return { paragraphs: lines, credits };
  return { paragraphs: lines.length === 0 ? [] : [lines.join(' ')], credits };
}

const CREDIT =
  /^(?:illustration|photo|photograph|image|graphic|graphics|cartoon|picture|credit|video|map|chart)s?(?:\s+by)?\s*[:：]\s*\S/iu;

/** "Illustration: Chen Xia/GT" and the like: short attributions that are not body text. */
export function isCreditLine(text: string): boolean {
  return text.length <= 160 && CREDIT.test(text.trim());
}

/** Normalises line endings and strips a byte-order mark, so every splitter sees the same text. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** `team/on-call_rota` → "On call rota": a readable title when a file gives none. */
export function titleFromPath(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : path;
}

/**
 * A list stays with the sentence that introduces it ("The plan covers:"): appended to the last
 * block when that is a paragraph of the same section ending in a colon. Says whether it was.
 */
export function attachList(blocks: Block[], breadcrumb: readonly string[], list: string): boolean {
  const previous = blocks[blocks.length - 1];
  const sameSection = previous !== undefined && previous.breadcrumb.join('\u0000') === breadcrumb.join('\u0000');
  if (!previous || !sameSection || previous.kind !== 'paragraph' || !/[:：]$/.test(previous.text)) return false;
  previous.kind = 'list';
  previous.text = `${previous.text}\n${list}`;
  return true;
}

/** Longer than this, a "heading" is a flattened paragraph that happens to start like one. */
const MAX_HEADING_CHARS = 200;

/**
 * Where a block stands in its document: the first heading, which names the document rather than
 * a section of it, and the trail of section headings above the block (its breadcrumb).
 */
export class Outline {
  heading: string | null = null;
  readonly #trail: { depth: number; text: string }[] = [];

  breadcrumb(): string[] {
    return this.#trail.map((h) => h.text);
  }

  /** Takes in a heading of this depth; false when it is too long to be one and is to be kept as text. */
  enter(depth: number, text: string): boolean {
    if (text.length > MAX_HEADING_CHARS) return false;
    if (this.heading === null) {
      this.heading = text;
      return true;
    }
    while (this.#trail.length > 0 && (this.#trail[this.#trail.length - 1]?.depth ?? 0) >= depth) this.#trail.pop();
    this.#trail.push({ depth, text });
    return true;
  }
}
