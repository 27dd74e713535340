import { DomHandler, isTag, isText, type AnyNode, type Element } from 'domhandler';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { Parser } from 'htmlparser2';
import type { HtmlOptions } from './format-options.ts';
import type { SplitResult } from './markdown.ts';
import { attachList, Outline, splitLines } from './paragraphs.ts';
import type { Block } from './types.ts';

/** What a page says about itself in its head: the front matter of HTML. */
export interface HtmlMeta {
  title: string | null;
  url: string | null;
  author: string | null;
  publisher: string | null;
  date: string | null;
}

export type HtmlResult = ({ ok: true; meta: HtmlMeta } & SplitResult) | { ok: false; reason: string };

/**
 * A DOM builder that refuses pages too deep or too large to walk: it stops the tokenizer at the
 * first element over a cap, so a hostile page costs no more than the cap allows.
 */
class BoundedHandler extends DomHandler {
  over: string | null = null;
  #elements = 0;
  #parser: Parser | null = null;
  readonly #limits: HtmlOptions;

  constructor(limits: HtmlOptions) {
    super(undefined, { withStartIndices: false });
    this.#limits = limits;
  }

  attach(parser: Parser): void {
    this.#parser = parser;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.over !== null) return;
    this.#elements++;
    if (this.tagStack.length > this.#limits.maxDepth) this.over = `HTML nested deeper than ${this.#limits.maxDepth} elements`;
    else if (this.#elements > this.#limits.maxElements) this.over = `HTML has more than ${this.#limits.maxElements} elements`;
    if (this.over !== null) {
      this.#parser?.pause();
      return;
    }
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    if (this.over === null) super.onclosetag();
  }
}

function parseHtml(source: string, limits: HtmlOptions): { ok: true; root: AnyNode[] } | { ok: false; reason: string } {
  const handler = new BoundedHandler(limits);
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  handler.attach(parser);
  parser.write(source);
  if (handler.over !== null) return { ok: false, reason: handler.over };
  parser.end();
  return { ok: true, root: handler.root.children };
}

const classes = (el: Element): string[] => (getAttributeValue(el, 'class') ?? '').split(/\s+/).filter(Boolean);
const hasClass = (el: Element, name: string) => classes(el).includes(name);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Longer than this, a run of no words is text of its own rather than a label. */
const MAX_LABEL_CHARS = 12;
/** A footnote's or callout's mark: a short run of no words ("[2]", "†", "3."). */
const isLabel = (text: string) => text !== '' && text.length <= MAX_LABEL_CHARS && !/\p{L}/u.test(text);
const isWebUrl = (url: string | undefined): url is string => url !== undefined && /^https?:\/\/\S+$/i.test(url.trim());

/** Elements that are never content, wherever they stand. */
const NEVER_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'form', 'button', 'input', 'select', 'textarea', 'head', 'link', 'meta']);
/** Landmarks of site chrome: navigation, sidebars, page headers and footers. */
const CHROME_TAGS = new Set(['nav', 'footer']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'menubar', 'toolbar']);
/** Sphinx's and other generators' chrome, by class: sidebars, "related" bars, permalinks, a footnote's links back. */
const CHROME_CLASSES = new Set(['sphinxsidebar', 'related', 'footer', 'headerlink', 'backrefs', 'mobile-nav', 'menu-wrapper', 'breadcrumbs', 'toc', 'skip-link', 'sr-only', 'visually-hidden']);
/** The words of links people do not ask about: "Edit this page", "Show source" and the like. */
const CHROME_LINK = /^(?:edit (?:this|on)\b.*|show source|view (?:page )?source|improve this (?:page|doc)|report (?:a )?bug|back to top|permalink|[¶§#🔗])$/iu;
/** A Sphinx admonition's own title ("Note", "Warning"): a label, not a sentence to cite. */
const LABEL_CLASSES = new Set(['admonition-title', 'sidebar-title', 'topic-title']);

/**
 * Whether an element stands inside a section or article of the text: there an `aside` is the
 * text's own (docutils sets footnotes, sidebars and topics as asides), while one beside the
 * article is a column of the layout.
 */
function inTextFlow(el: Element): boolean {
  for (let at = el.parent; at !== null && isTag(at); at = at.parent) if (at.name === 'section' || at.name === 'article') return true;
  return false;
}

function isChrome(el: Element, inMain: boolean): boolean {
  if (NEVER_CONTENT.has(el.name)) return true;
  if (el.attribs['hidden'] !== undefined || el.attribs['aria-hidden'] === 'true') return true;
  if (CHROME_TAGS.has(el.name)) return true;
  // A header inside the article is the article's own (its title, its date); outside, the site's.
  if (el.name === 'header' && !inMain) return true;
  if (el.name === 'aside' && !(inMain && inTextFlow(el))) return true;
  const role = el.attribs['role'];
  if (role !== undefined && CHROME_ROLES.has(role)) return true;
  if (classes(el).some((c) => CHROME_CLASSES.has(c) || LABEL_CLASSES.has(c))) return true;
  if (el.name === 'a' && CHROME_LINK.test(collapse(textContent(el)))) return true;
  return false;
}

/** Block-level elements whose own text makes a paragraph of content. */
const PROSE = new Set(['p', 'pre', 'ul', 'ol', 'dl', 'table', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The element holding the page's content, found by structure: `main` or `role="main"`, a single
 * `article`, Sphinx's `div.body` or `div.document`, else the densest block: the smallest element
 * holding `share` of the body's prose.
 */
function mainContent(nodes: AnyNode[], share: number): Element | AnyNode[] {
  const first = (test: (el: Element) => boolean) => findOne(test, nodes, true);
  const main = first((el) => el.attribs['role'] === 'main') ?? first((el) => el.name === 'main');
  if (main) return main;
  const articles = findAll((el) => el.name === 'article', nodes);
  if (articles.length === 1 && articles[0]) return articles[0];
  const sphinx = first((el) => el.name === 'div' && hasClass(el, 'body')) ?? first((el) => el.name === 'div' && hasClass(el, 'document'));
  if (sphinx) return sphinx;
  const body = findOne((el) => el.name === 'body', nodes, true);
  const top: Element | null = body ?? null;
  if (!top) return nodes;
  // The smallest element that still holds most of the page's prose: unmarked sidebars and
  // footers fall outside it, and a page split into many sections is not cut down to one.
  const totals = new Map<Element, number>();
  const total = (el: Element): number => {
    let sum = 0;
    for (const child of el.children) {
      if (!isTag(child) || isChrome(child, false)) continue;
      sum += PROSE.has(child.name) ? collapse(textContent(child)).length : total(child);
    }
    totals.set(el, sum);
    return sum;
  };
  const whole = total(top);
  let at = top;
  for (;;) {
    const next = at.children.find((c): c is Element => isTag(c) && totals.has(c) && (totals.get(c) ?? 0) > 0 && (totals.get(c) ?? 0) >= whole * share);
    if (!next) return at;
    at = next;
  }
}

/** The words a reader sees in inline markup: links as their text, images as their alt text. */
function inlineText(nodes: AnyNode[], inMain: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (isText(node)) out += node.data;
    else if (isTag(node)) {
      if (isChrome(node, inMain)) continue;
      if (node.name === 'br') out += '\n';
      else if (node.name === 'img') out += node.attribs['alt'] ?? '';
      // Blocks read inline (a list item's paragraphs, a cell's) stay apart as words.
      else if (BLOCK.has(node.name)) out += ` ${inlineText(node.children, inMain)} `;
      else out += inlineText(node.children, inMain);
    }
  }
  return out;
}

/** Inline text with HTML's whitespace rules: runs collapse, line breaks from `<br>` stay. */
function flowText(nodes: AnyNode[], inMain: boolean): string {
  return inlineText(nodes, inMain)
    .split('\n')
    .map(collapse)
    .filter(Boolean)
    .join('\n');
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul', 'body', 'html',
  'caption', 'center', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
]);

function listText(list: Element, inMain: boolean, depth = 0): string {
  const start = listStart(list);
  return listItems(list, inMain)
    .map((item, i) => itemText(item, list.name === 'ol' ? `${start + i}.` : '-', inMain, depth))
    .filter((l) => l.trim() !== '')
    .join('\n');
}

/** One item's line, and its nested lists' lines indented under it. */
function itemText(item: Element, marker: string, inMain: boolean, depth: number): string {
  const own = item.children.filter((c) => !isList(c));
  const nested = item.children.filter(isList);
  const line = `${'  '.repeat(depth)}${marker} ${collapse(inlineText(own, inMain))}`;
  return [line, ...nested.map((sub) => listText(sub, inMain, depth + 1))].filter((l) => l.trim() !== '').join('\n');
}

/** Blocks that a list line cannot hold without losing how they read: code's lines, a table's cells. */
const ITEM_BLOCKS = new Set(['pre', 'table']);

const isList = (node: AnyNode): node is Element => isTag(node) && (node.name === 'ul' || node.name === 'ol');
const isBlank = (node: AnyNode) => !isTag(node) && collapse(textContent(node)) === '';
function holdsBlocks(node: AnyNode): boolean {
  if (!isTag(node) || node.name === 'ul' || node.name === 'ol') return false;
  return ITEM_BLOCKS.has(node.name) || findOne((d) => ITEM_BLOCKS.has(d.name), node.children, true) !== null;
}

/**
 * An item's head, the words of its line (its first paragraph, or the inline text before its
 * first block), and the blocks after it; null when the whole item reads as one line.
 */
function itemParts(item: Element): { head: AnyNode[]; rest: AnyNode[] } | null {
  const kids = item.children;
  const first = kids.findIndex((k) => isTag(k) && BLOCK.has(k.name));
  const opener = kids[first];
  if (opener === undefined || !isTag(opener)) return null;
  const opensWithParagraph = opener.name === 'p' && kids.slice(0, first).every(isBlank);
  const head = opensWithParagraph ? opener.children : kids.slice(0, first);
  const rest = kids.slice(opensWithParagraph ? first + 1 : first);
  return rest.some(holdsBlocks) ? { head, rest } : null;
}

const listItems = (list: Element, inMain: boolean) => list.children.filter((c): c is Element => isTag(c) && c.name === 'li' && !isChrome(c, inMain));

function listStart(list: Element): number {
  const n = Number(list.attribs['start'] ?? '1');
  return Number.isFinite(n) ? n : 1;
}

function tableText(table: Element, inMain: boolean): string {
  const rows = findAll((el) => el.name === 'tr', table.children);
  return rows
    .map((row) =>
      row.children
        .filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'))
        .map((cell) => collapse(inlineText(cell.children, inMain)))
        .join(' | '),
    )
    .filter((line) => line.replace(/[|\s]/g, '') !== '')
    .join('\n');
}

function headMeta(nodes: AnyNode[]): HtmlMeta & { documentTitle: string | null } {
  const metas = findAll((el) => el.name === 'meta', nodes);
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const el = metas.find((m) => (m.attribs['name'] ?? m.attribs['property'] ?? '').toLowerCase() === key);
      const value = el?.attribs['content'];
      if (value && collapse(value)) return collapse(value);
    }
    return null;
  };
  const canonical = findOne((el) => el.name === 'link' && (el.attribs['rel'] ?? '').toLowerCase().split(/\s+/).includes('canonical'), nodes, true)?.attribs['href'];
  const ogUrl = meta('og:url') ?? undefined;
  const titleEl = findOne((el) => el.name === 'title', nodes, true);
  return {
    title: meta('title', 'dc.title', 'dcterms.title', 'og:title'),
    documentTitle: titleEl ? collapse(textContent(titleEl)) || null : null,
    url: isWebUrl(canonical) ? canonical.trim() : isWebUrl(ogUrl) ? ogUrl.trim() : null,
    author: meta('author', 'dc.creator', 'dcterms.creator', 'article:author'),
    publisher: meta('publisher', 'dc.publisher', 'og:site_name'),
    date: meta('date', 'dc.date', 'dcterms.date', 'article:published_time'),
  };
}

/**
 * One walk over a page's main content, producing the blocks `splitMarkdown` would produce for the
 * same text: inline runs between blocks become paragraphs, headings the breadcrumb.
 */
class BlockWalk {
  readonly blocks: Block[] = [];
  readonly credits: string[] = [];
  readonly outline = new Outline();
  #inline: AnyNode[] = [];
  // A label of no words ("[2]", "†", "3.") waiting to open the paragraph after it, as a
  // footnote's does. One that opens no paragraph is dropped: a mark alone says nothing.
  #label: string | null = null;

  constructor(readonly inMain: boolean) {}

  walk(nodes: AnyNode[]): void {
    for (const node of nodes) {
      if (isText(node)) this.#inline.push(node);
      else if (!isTag(node) || isChrome(node, this.inMain)) continue;
      else if (!BLOCK.has(node.name)) this.#inline.push(node);
      else {
        this.flush();
        this.#block(node);
      }
    }
  }

  /** The inline run read so far, as a paragraph (or as the label of the next one). */
  flush(): void {
    const text = this.#inline.length > 0 ? flowText(this.#inline, this.inMain) : '';
    this.#inline = [];
    if (isLabel(text)) this.#label = text;
    else if (text) this.#paragraph(text);
  }

  #block(el: Element): void {
    switch (el.name) {
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        this.#heading(el);
        break;
      case 'dl':
        this.#definitions(el);
        break;
      case 'p': case 'dt': case 'figcaption': case 'caption': case 'summary': case 'address':
        this.#paragraph(flowText(el.children, this.inMain));
        break;
      case 'pre':
        this.#push('code', inlineText(el.children, this.inMain));
        break;
      case 'ul': case 'ol':
        this.#list(el);
        break;
      case 'table':
        this.#push('table', tableText(el, this.inMain));
        break;
      case 'hr':
        break;
      default:
        this.walk(el.children);
        this.flush();
    }
  }

  #add(kind: Block['kind'], text: string): void {
    const trimmed = kind === 'code' ? text.replace(/^\n+|\s+$/g, '') : text.trim();
    if (trimmed) this.blocks.push({ kind, text: trimmed, breadcrumb: this.outline.breadcrumb() });
  }

  #push(kind: Block['kind'], text: string): void {
    this.#label = null;
    this.#add(kind, text);
  }

  #paragraph(text: string): void {
    const { paragraphs, credits } = splitLines(text);
    this.credits.push(...credits);
    for (const p of paragraphs) {
      this.#add('paragraph', this.#label !== null ? `${this.#label} ${p}` : p);
      this.#label = null;
    }
  }

  #heading(el: Element): void {
    const text = collapse(inlineText(el.children, this.inMain));
    if (!text) return;
    this.#label = null;
    if (!this.outline.enter(Number(el.name.slice(1)), text)) this.#push('paragraph', text);
  }

  /** A list block; the first of a list joins the sentence that introduces it. */
  #listBlock(text: string, first: boolean): void {
    this.#label = null;
    if (!first || !attachList(this.blocks, this.outline.breadcrumb(), text)) this.#push('list', text);
  }

  /**
   * A list. One whose items hold code or a table is read item by item: each item's line, then its
   * blocks as they read, so code keeps its lines.
   */
  #list(el: Element): void {
    const items = listItems(el, this.inMain);
    if (!items.some((item) => itemParts(item) !== null)) {
      this.#listBlock(listText(el, this.inMain), true);
      return;
    }
    const start = listStart(el);
    let lines: string[] = [];
    let first = true;
    const emit = () => {
      if (lines.length > 0) this.#listBlock(lines.join('\n'), first);
      first = false;
      lines = [];
    };
    items.forEach((item, i) => {
      const marker = el.name === 'ol' ? `${start + i}.` : '-';
      const parts = itemParts(item);
      if (!parts) {
        lines.push(itemText(item, marker, this.inMain, 0));
        return;
      }
      const head = collapse(inlineText(parts.head, this.inMain));
      if (head) lines.push(`${marker} ${head}`);
      emit();
      // An item that opens with a block: its marker opens the item's first paragraph.
      if (!head) this.#label = marker;
      this.walk(parts.rest);
      this.flush();
    });
    emit();
  }

  /**
   * A definition list: terms that share a description (a function's signatures, a word and its
   * spellings) are one paragraph, its lines joined as any paragraph's are, before the
   * description's blocks.
   */
  #definitions(dl: Element): void {
    let terms: string[] = [];
    const standTerms = () => {
      if (terms.length > 0) this.#paragraph(terms.join('\n'));
      terms = [];
    };
    for (const child of dl.children) {
      if (!isTag(child) || isChrome(child, this.inMain)) continue;
      if (child.name === 'dt') {
        const term = flowText(child.children, this.inMain);
        if (term) terms.push(term);
        continue;
      }
      standTerms();
      // HTML lets a div group a term with its description.
      this.walk(child.name === 'dd' ? child.children : [child]);
      this.flush();
    }
    standTerms();
  }
}

/**
 * Reads a web page into body blocks, the way `splitMarkdown` reads Markdown: only the main
 * content, headings as the breadcrumb of what follows them, a list kept with the sentence that
 * introduces it, code and tables whole. The parser decodes character references.
 */
export function splitHtml(source: string, limits: HtmlOptions): HtmlResult {
  const parsed = parseHtml(source, limits);
  if (!parsed.ok) return parsed;
  const head = headMeta(parsed.root);
  const root = mainContent(parsed.root, limits.mainShare);
  const reader = new BlockWalk(!Array.isArray(root) && root.name !== 'body');
  reader.walk(Array.isArray(root) ? root : root.children);
  reader.flush();

  // A <title> is usually the page's heading with the site's name after it; the heading alone
  // names the page as its Markdown twin would.
  const heading = reader.outline.heading;
  const title = head.title ?? (heading !== null && head.documentTitle?.includes(heading) ? heading : (head.documentTitle ?? heading));
  const meta: HtmlMeta = { title, url: head.url, author: head.author, publisher: head.publisher, date: head.date };
  return { ok: true, meta, heading, blocks: reader.blocks, credits: reader.credits };
}
