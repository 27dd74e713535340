import type { PdfOptions } from './format-options.ts';
import { HeadingLevels, type OutlineEntry } from './pdf-headings.ts';
import { continuesAddress, joinLine, type Line } from './pdf-line.ts';
import { tableRows } from './pdf-tables.ts';
import type { Block } from './types.ts';

export interface PdfBody {
  heading: string | null;
  blocks: Block[];
}

const SENTENCE_END = /[.!?:;)"”’]$/u;
const BULLET = /^(?:[•◦▪‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])\s+\S/u;

/** The block being read and the last line that went into it. */
interface Open {
  block: Block;
  last: Line;
}

/** A heading read but not yet placed: the next line may carry it on. */
interface PendingHeading {
  depth: number;
  text: string;
  last: Line;
  /** The title of a section of a grid of entries, set at body size. */
  grid: boolean;
}

/** The list item read last: where its marker and its words stand, for paragraphs set under it. */
interface Item {
  block: Block;
  textX: number;
  markerX: number;
  page: number;
}

const sameTrail = (a: readonly string[], b: readonly string[]) => a.join('\u0000') === b.join('\u0000');

/**
 * Reads a document's lines, in reading order, into blocks. A paragraph ends at extra vertical
 * space, a change of type size, a short line that ends a sentence, or a bullet; it runs on across
 * a page break when the page ended mid-sentence. Headings become the breadcrumb.
 */
class BlockReader {
  private readonly blocks: Block[] = [];
  private readonly trail: { depth: number; text: string }[] = [];
  /** The section numbers of the headings met so far. */
  private readonly numbered = new Set<string>();
  /** The type size each block started in: footnotes are set smaller than the text they interrupt. */
  private readonly sizes = new Map<Block, number>();
  private heading: string | null = null;
  private open: Open | null = null;
  private pending: PendingHeading | null = null;
  private item: Item | null = null;

  constructor(
    private readonly levels: HeadingLevels,
    private readonly tables: ReadonlySet<Line>,
    private readonly options: PdfOptions,
  ) {}

  read(line: Line): void {
    if (this.tables.has(line)) return this.addRow(line);
    const depth = this.levels.depthOf(line, this.numbered);
    if (depth > 0) return this.addHeadingLine(line, depth);
    this.settleHeading();
    if (line.grid === 'entry') return this.addEntry(line);
    if (this.open && this.open.block.kind !== 'table' && !this.startsNew(this.open.last, line)) return this.carryOn(this.open, line);
    this.addLineThatStarts(line);
  }

  finish(): PdfBody {
    this.settleHeading();
    return { heading: this.heading, blocks: this.blocks.filter((b) => b.text.trim() !== '') };
  }

  private breadcrumb(): string[] {
    return this.trail.map((h) => h.text);
  }

  private push(block: Block, line: Line): void {
    this.blocks.push(block);
    this.sizes.set(block, line.size);
    this.open = { block, last: line };
  }

  /** Appends a line to a block as a line of its own (a list's item, a table's row). */
  private appendLine(block: Block, line: Line): void {
    block.text = `${block.text}\n${line.text}`;
    this.open = { block, last: line };
  }

  /** A table row: the next row of the table being read, or the first of a new one. */
  private addRow(line: Line): void {
    this.settleHeading();
    const row = line.cells.map((c) => c.text).join(' | ');
    const open = this.open;
    if (open?.block.kind === 'table' && this.tables.has(open.last) && open.last.page === line.page) {
      open.block.text = `${open.block.text}\n${row}`;
      open.last = line;
      return;
    }
    const block: Block = { kind: 'table', text: row, breadcrumb: this.breadcrumb(), page: line.page };
    this.blocks.push(block);
    this.open = { block, last: line };
  }

  private addHeadingLine(line: Line, depth: number): void {
    this.open = null;
    const pending = this.pending;
    // A heading set over two lines is one heading.
    if (pending && Math.abs(pending.last.size - line.size) < 0.5 && pending.last.page === line.page && pending.last.y - line.y < line.size * 2) {
      pending.text = `${pending.text} ${line.text}`;
      pending.last = line;
      return;
    }
    this.settleHeading();
    // A title set larger than the body is the document's or a part's even when it stands in a grid.
    this.pending = { depth, text: line.text, last: line, grid: line.grid === 'heading' && !this.levels.isLarger(line) };
  }

  /** Places the heading read last: the document's title, or a level of the breadcrumb. */
  private settleHeading(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    const { text } = pending;
    // A heading set over two lines may be one the outline names only whole.
    const named = this.levels.namedDepth(text);
    const depth = named ?? pending.depth;
    // A section of a grid of entries names only that section.
    if (this.heading === null && named === undefined && !pending.grid && this.trail.every((h) => h.depth > depth)) {
      // The first heading names the document, unless the outline lists it or a section of its
      // rank or above came first. A folded card may set smaller sections before its title.
      this.heading = text;
      this.trail.length = 0;
      return;
    }
    while (this.trail.length > 0 && (this.trail[this.trail.length - 1]?.depth ?? 0) >= depth) this.trail.pop();
    this.trail.push({ depth, text });
    const number = /^(\d+(?:\.\d+)*)\.?\s/u.exec(text)?.[1];
    if (number) this.numbered.add(number);
  }

  /** A grid's entries are one block per section and page, an entry a line, as a list's items are. */
  private addEntry(line: Line): void {
    const open = this.open;
    if (open?.block.kind === 'list' && open.last.grid === 'entry' && open.last.page === line.page) this.appendLine(open.block, line);
    else this.push({ kind: 'list', text: line.text, breadcrumb: this.breadcrumb(), page: line.page }, line);
    this.item = null;
  }

  private startsNew(prev: Line, line: Line): boolean {
    if (prev.grid === 'entry') return true;
    if (prev.page !== line.page) {
      // Across a page break, only a sentence cut mid-way carries on.
      return SENTENCE_END.test(prev.text) || !/^\p{Ll}/u.test(line.text) || Math.abs(prev.size - line.size) > 0.5;
    }
    if (prev.mono !== line.mono) return true;
    const body = this.levels.body;
    if (Math.abs(prev.size - line.size) > body * 0.1) return true;
    const spacing = Math.max(prev.size, line.size) * 1.2;
    if (prev.y - line.y > spacing * (1 + this.options.paragraphGap) || prev.y < line.y) return true;
    if (BULLET.test(line.text) && !line.mono) return true;
    const width = prev.right - prev.left;
    // "https://lists." ends no sentence when the next line carries the address on.
    return !prev.mono && SENTENCE_END.test(prev.text) && prev.x1 < prev.right - width * 0.15 && !continuesAddress(prev.text, line.text);
  }

  /** The next line of the block being read: code keeps its indent, prose is joined. */
  private carryOn(open: Open, line: Line): void {
    if (line.mono) {
      const indent = ' '.repeat(Math.max(0, Math.round((line.x0 - line.left) / (line.size * 0.6))));
      open.block.text = `${open.block.text}\n${indent}${line.text}`;
    } else open.block.text = joinLine(open.block.text, line.text);
    open.last = line;
  }

  /**
   * The list a bullet at the top of a page carries on: one that ended the page before, under the
   * same heading, with nothing after it but footnotes (smaller type) at that page's foot.
   */
  private listBrokenByPage(line: Line): Block | null {
    if (this.open === null || this.open.last.page !== line.page - 1) return null;
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const block = this.blocks[i]!;
      if (block.kind === 'list') return sameTrail(block.breadcrumb, this.breadcrumb()) && Math.abs((this.sizes.get(block) ?? 0) - line.size) < 0.5 ? block : null;
      // Only footnotes may stand between: on the page before, in smaller type.
      if (block.page !== line.page - 1 || (this.sizes.get(block) ?? Infinity) >= this.levels.body * 0.95) return null;
    }
    return null;
  }

  /** A line that does not carry the open block on: more of a list, or a new block. */
  private addLineThatStarts(line: Line): void {
    const bullet = !line.mono && BULLET.test(line.text);
    const continued = bullet ? this.listBrokenByPage(line) : null;
    if (continued) return this.appendLine(continued, line);
    // The block being read, when a list carried over a page break sits behind the footnotes.
    const reading = this.open;
    const previous: Block | undefined = reading?.block.kind === 'list' ? reading.block : this.blocks[this.blocks.length - 1];
    // The page the previous block's last line is on (a list may have started a page earlier).
    const previousPage = reading !== null && reading.block === previous ? reading.last.page : previous?.page;
    const item = this.item;
    if (!bullet && item !== null && previous === item.block && item.page === line.page && Math.abs(line.x0 - item.textX) <= line.size * 0.6 && line.x0 > item.markerX + line.size * 0.5) {
      // A paragraph set at an item's text indent, under it, is more of that item.
      return this.appendLine(previous, line);
    }
    if (bullet && previous && previousPage === line.page && (previous.kind === 'list' || /[:：]$/.test(previous.text)) && sameTrail(previous.breadcrumb, this.breadcrumb())) {
      // A list stays with the sentence that introduces it, and its items with each other.
      previous.kind = 'list';
      this.appendLine(previous, line);
      this.item = { block: previous, textX: line.textX, markerX: line.x0, page: line.page };
      return;
    }
    const block: Block = { kind: line.mono ? 'code' : bullet ? 'list' : 'paragraph', text: line.text, breadcrumb: this.breadcrumb(), page: line.page };
    this.push(block, line);
    this.item = bullet ? { block, textX: line.textX, markerX: line.x0, page: line.page } : null;
  }
}

/** A document's pages of lines, in reading order, as its title heading and its blocks. */
export function paragraphs(pages: Line[][], outline: readonly OutlineEntry[], options: PdfOptions): PdfBody {
  const all = pages.flat();
  const reader = new BlockReader(new HeadingLevels(all, outline, options), tableRows(all, options), options);
  for (const line of all) reader.read(line);
  return reader.finish();
}
