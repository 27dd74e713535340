import { decodeHTMLStrict } from 'entities/decode';
import { Lexer, type Token, type Tokens } from 'marked';
import type { Block } from './types.ts';
import { attachList, Outline, splitLines } from './paragraphs.ts';

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
  return list.items
    .map((item, i) => {
      const marker = list.ordered ? `${start + i}.` : '-';
      const parts: string[] = [];
      const nested: string[] = [];
      for (const child of item.tokens) {
        if (child.type === 'list') nested.push(listText(child as Tokens.List, depth + 1));
        else if (hasTokens(child)) parts.push(inlineText(child.tokens));
        else if ('text' in child && typeof child.text === 'string') parts.push(decodeEntities(child.text));
      }
      const line = `${'  '.repeat(depth)}${marker} ${parts.join(' ').replace(/\s*\n\s*/g, ' ').trim()}`;
      return [line, ...nested].join('\n');
    })
    .join('\n');
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
  const tokens = new Lexer({ gfm: true }).lex(body);
  const blocks: Block[] = [];
  const credits: string[] = [];
  const outline = new Outline();

  const push = (kind: Block['kind'], text: string) => {
    const trimmed = text.trim();
    if (trimmed) blocks.push({ kind, text: trimmed, breadcrumb: outline.breadcrumb() });
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        const text = inlineText(h.tokens).replace(/\s+/g, ' ').trim();
        if (!outline.enter(h.depth, text)) push('paragraph', text);
        break;
      }
      case 'paragraph':
      case 'text':
      case 'html': {
        const raw = token.type === 'html' ? decodeEntities(token.text.replace(/<[^>]*>/g, '')) : inlineText(hasTokens(token) ? token.tokens : []);
        const { paragraphs, credits: found } = splitLines(raw);
        for (const credit of found) credits.push(credit);
        for (const paragraph of paragraphs) push('paragraph', paragraph);
        break;
      }
      case 'list': {
        const text = listText(token as Tokens.List);
        if (!attachList(blocks, outline.breadcrumb(), text)) push('list', text);
        break;
      }
      case 'code':
        push('code', (token as Tokens.Code).text);
        break;
      case 'blockquote':
        push('quote', splitLines(inlineText((token as Tokens.Blockquote).tokens.flatMap((t) => (hasTokens(t) ? t.tokens : [])))).paragraphs.join('\n'));
        break;
      case 'table':
        push('table', tableText(token as Tokens.Table));
        break;
      default:
        break; // space, hr, def: nothing a reader would cite
    }
  }
  return { heading: outline.heading, blocks, credits };
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
