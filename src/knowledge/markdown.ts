import { decodeHTMLStrict } from 'entities/decode';
import { Lexer, type Token, type Tokens } from 'marked';
import type { Block } from './types.ts';
import { attachList, Outline, splitLines } from './paragraphs.ts';
import { paragraphReadsAsCode, readsAsCode } from './code-lines.ts';
import { isIndexEntries } from './index-entries.ts';

export interface SplitResult {
  /** The first heading, when there is one: the document's title if front matter gives none. */
  heading: string | null;
  blocks: Block[];
  credits: string[];
}

/**
 * marked's lexer leaves character references as written. Markdown, like HTML, reads every named
 * and numeric one ("caf&eacute;" is "café"), but only when it ends with a semicolon: "AT&T" and
 * "&notation" are words, not entities.
 */
const decodeEntities = decodeHTMLStrict;

function hasTokens(token: Token): token is Token & { tokens: Token[] } {
  return 'tokens' in token && Array.isArray(token.tokens);
}

/** Inline Markdown to the words a reader sees: links become their text, emphasis disappears. */
function inlineText(tokens: Token[]): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'br':
        out += '\n';
        break;
      case 'html':
        break;
      case 'image':
        out += (token as Tokens.Image).text;
        break;
      case 'codespan':
      case 'escape':
        // Code shows "&amp;" as written, and an escaped character is already itself.
        out += (token as Tokens.Codespan).text;
        break;
      default:
        if (hasTokens(token)) out += inlineText(token.tokens);
        else if ('text' in token && typeof token.text === 'string') out += decodeEntities(token.text);
    }
  }
  return out;
}

function listText(list: Tokens.List, depth = 0): string {
  const start = typeof list.start === 'number' ? list.start : 1;
  return list.items.map((item, i) => itemText(item.tokens, list.ordered ? `${start + i}.` : '-', depth)).join('\n');
}

/** One item's line from its tokens, and its nested lists' lines indented under it. */
function itemText(tokens: readonly Token[], marker: string, depth: number): string {
  const parts: string[] = [];
  const nested: string[] = [];
  for (const child of tokens) {
    if (child.type === 'list') nested.push(listText(child as Tokens.List, depth + 1));
    else if (hasTokens(child)) parts.push(inlineText(child.tokens));
    else if ('text' in child && typeof child.text === 'string') parts.push(decodeEntities(child.text));
  }
  const line = `${'  '.repeat(depth)}${marker} ${parts.join(' ').replace(/\s*\n\s*/g, ' ').trim()}`;
  return [line, ...nested].join('\n');
}

/** Tokens a list line cannot hold without losing how they read: code's lines, a table's cells. */
const ITEM_BLOCKS = new Set(['code', 'table']);

/**
 * An item's head, the tokens of its line (its first paragraph or text), and the blocks after it;
 * null when the whole item reads as one line.
 */
function itemParts(item: Tokens.ListItem): { head: Token[]; rest: Token[] } | null {
  const tokens = item.tokens.filter((t) => t.type !== 'space');
  const first = tokens[0];
  const opens = first !== undefined && (first.type === 'text' || first.type === 'paragraph');
  const rest = opens ? tokens.slice(1) : tokens;
  return rest.some((t) => ITEM_BLOCKS.has(t.type)) ? { head: opens ? [first] : [], rest } : null;
}

function tableText(table: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens).trim()).join(' | ');
  return [row(table.header), ...table.rows.map(row)].join('\n');
}

/**
 * Splits Markdown into body blocks. Headings are not blocks: they become the breadcrumb of the
 * blocks under them. A list stays with the sentence that introduces it; a code block stays whole.
 */
export function splitMarkdown(body: string): SplitResult {
  const reader = new MarkdownReader();
  reader.read(new Lexer({ gfm: true }).lex(body));
  return reader.result();
}

/** One document's walk over marked's tokens: the blocks so far, and the headings above them. */
class MarkdownReader {
  readonly #blocks: Block[] = [];
  readonly #credits: string[] = [];
  readonly #outline = new Outline();
  /** Blocks the converter flattened that read as code: paragraphs and REPL sessions lexed as quotes. */
  readonly #flattened = new Set<Block>();

  result(): SplitResult {
    return { heading: this.#outline.heading, blocks: joinCodeRuns(this.#blocks, this.#flattened), credits: this.#credits };
  }

  read(tokens: readonly Token[]): void {
    for (const token of tokens) this.#token(token);
  }

  #token(token: Token): void {
    switch (token.type) {
      case 'heading':
        return this.#heading(token as Tokens.Heading);
      case 'paragraph':
      case 'text':
      case 'html':
        return this.#prose(token);
      case 'list':
        return this.#list(token as Tokens.List);
      case 'code':
        return this.#push('code', (token as Tokens.Code).text);
      case 'blockquote':
        return this.#quote(token as Tokens.Blockquote);
      case 'table':
        return this.#push('table', tableText(token as Tokens.Table));
      default:
        return; // space, hr, def: nothing a reader would cite
    }
  }

  #push(kind: Block['kind'], text: string, flattenedCode = false): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const block: Block = { kind, text: trimmed, breadcrumb: this.#outline.breadcrumb() };
    this.#blocks.push(block);
    if (flattenedCode) this.#flattened.add(block);
  }

  #heading(h: Tokens.Heading): void {
    const text = inlineText(h.tokens).replace(/\s+/g, ' ').trim();
    // Code spans are left out: a title may name code ("The `x = 1` form").
    const prose = inlineText(h.tokens.filter((t) => t.type !== 'codespan'));
    if (readsAsCode(prose.replace(/\s+/g, ' '))) this.#codeLine(h.text);
    else if (!this.#outline.enter(h.depth, text)) this.#push('paragraph', text);
  }

  /**
   * A heading that reads as a code line was a line of a flattened code block: it stays text, as
   * written, joined to a code line just before it in the same section, and names no section.
   */
  #codeLine(text: string): void {
    const previous = this.#blocks[this.#blocks.length - 1];
    const sameSection = previous !== undefined && previous.breadcrumb.join('\u0000') === this.#outline.breadcrumb().join('\u0000');
    if (previous?.kind === 'code' && sameSection) previous.text = `${previous.text}\n${text.trim()}`;
    else this.#push('code', text);
  }

  #prose(token: Token): void {
    const html = token.type === 'html';
    const raw = html ? decodeEntities(String(token.text).replace(/<[^>]*>/g, '')) : inlineText(hasTokens(token) ? token.tokens : []);
    const { paragraphs, credits } = splitLines(raw);
    this.#credits.push(...credits);
    for (const paragraph of paragraphs) {
      if (!html && isIndexEntries(paragraph)) continue;
      this.#push('paragraph', paragraph, !html && paragraphReadsAsCode(paragraph));
    }
  }

  #quote(quote: Tokens.Blockquote): void {
    const text = splitLines(inlineText(quote.tokens.flatMap((t) => (hasTokens(t) ? t.tokens : [])))).paragraphs.join('\n');
    // A REPL session ">>> x = 1" lexes as quotes nested three deep.
    this.#push('quote', text, readsAsCode(quote.raw.replace(/\s+/g, ' ')));
  }

  #listBlock(text: string, introduced: boolean): void {
    if (!introduced || !attachList(this.#blocks, this.#outline.breadcrumb(), text)) this.#push('list', text);
  }

  /**
   * A list. One whose items hold blocks (code, a table) is read item by item:
   * each item's line, then its blocks as they read, so code keeps its lines.
   */
  #list(token: Tokens.List): void {
    if (!token.items.some((item) => itemParts(item) !== null)) {
      this.#listBlock(listText(token), true);
      return;
    }
    const start = typeof token.start === 'number' ? token.start : 1;
    const pending = { lines: [] as string[], introduced: true };
    const emit = () => {
      if (pending.lines.length > 0) this.#listBlock(pending.lines.join('\n'), pending.introduced);
      pending.introduced = false;
      pending.lines = [];
    };
    token.items.forEach((item, i) => {
      const marker = token.ordered ? `${start + i}.` : '-';
      const parts = itemParts(item);
      if (!parts) {
        pending.lines.push(itemText(item.tokens, marker, 0));
        return;
      }
      // An item that opens with code has no line of its own.
      if (parts.head.length > 0) pending.lines.push(itemText(parts.head, marker, 0));
      emit();
      this.read(parts.rest);
    });
    emit();
  }
}

const sameTrail = (a: Block, b: Block) => a.breadcrumb.join('\u0000') === b.breadcrumb.join('\u0000');

/**
 * Converters flatten code and cut it wherever it had a blank line, so a run of blocks that all
 * read as code under one heading is one listing cut into pieces: it is joined again into one
 * code block, a line a piece. A run needs a flattened piece; code blocks the author fenced one
 * after another stay as written.
 */
function joinCodeRuns(blocks: readonly Block[], flattened: ReadonlySet<Block>): Block[] {
  const out: Block[] = [];
  let run: Block[] = [];
  const close = () => {
    const first = run[0];
    if (first && run.length > 1 && run.some((b) => flattened.has(b))) out.push({ kind: 'code', text: run.map((b) => b.text).join('\n'), breadcrumb: first.breadcrumb });
    else out.push(...run);
    run = [];
  };
  for (const block of blocks) {
    const code = block.kind === 'code' || flattened.has(block);
    const previous = run[run.length - 1];
    if (!code || (previous && !sameTrail(previous, block))) close();
    if (code) run.push(block);
    else out.push(block);
  }
  close();
  return out;
}

/** Plain text: blank lines separate paragraphs, or else each line is one. No markup is read. */
export function splitPlainText(body: string): SplitResult {
  const blocks: Block[] = [];
  const credits: string[] = [];
  for (const chunk of body.split(/\n[ \t]*\n/)) {
    const { paragraphs, credits: found } = splitLines(chunk);
    for (const credit of found) credits.push(credit);
    for (const text of paragraphs) blocks.push({ kind: 'paragraph', text, breadcrumb: [] });
  }
  return { heading: null, blocks, credits };
}
