import type { Block, Chunk, KnowledgeDocument } from './types.ts';
import { fileKind } from './file-kinds.ts';
import { FORMAT_DEFAULTS, type FormatOptions } from './format-options.ts';
import { splitFrontMatter, type FrontMatter } from './front-matter.ts';
import { splitHtml } from './html.ts';
import { splitMarkdown, splitPlainText, type SplitResult } from './markdown.ts';
import { normaliseNewlines, titleFromPath } from './paragraphs.ts';
import { readPdf } from './pdf.ts';
import { chunkId, citation, pageUrl, type PagePlace } from './references.ts';

export type ParseResult =
  | { ok: true; document: KnowledgeDocument; chunks: Chunk[] }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes to text, refusing what is not text: a NUL byte means binary, bad sequences mean not UTF-8. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}

/** What a reader found in a file's body: its first heading, its blocks, its credit lines. */
type ReaderOutput = { heading: string | null; blocks: readonly Block[]; credits: readonly string[] };

/**
 * A document and its numbered chunks from what a reader found: the metadata it gives (front matter
 * first), the body's blocks and credit lines. Shared by every format, so ids and citations are
 * made one way.
 */
export function assembleDocument(id: string, path: string, meta: FrontMatter, split: ReaderOutput): ParseResult {
  if (split.blocks.length === 0) return { ok: false, reason: 'no body text' };
  const document = describeDocument(id, path, meta, split);
  const chunks = bodyChunks(document, split.blocks);
  if (document.credit) chunks.push(creditChunk(document, document.credit));
  return { ok: true, document, chunks };
}

function describeDocument(id: string, path: string, meta: FrontMatter, split: ReaderOutput): KnowledgeDocument {
  return {
    id,
    path,
    title: meta.title ?? split.heading ?? titleFromPath(path),
    url: meta.url ?? null,
    author: meta.author ?? null,
    publisher: meta.publisher ?? null,
    date: meta.date ?? null,
    credit: split.credits.length > 0 ? split.credits.join(' · ') : null,
    paragraphs: split.blocks.length,
  };
}

/** The body's blocks as chunks numbered from 1, and, on paged formats, from 1 again on each page. */
function bodyChunks(document: KnowledgeDocument, blocks: readonly Block[]): Chunk[] {
  let onPage = 0;
  return blocks.map((block, i) => {
    const previous = blocks[i - 1];
    onPage = previous !== undefined && previous.page === block.page ? onPage + 1 : 1;
    return bodyChunk(document, block, i + 1, block.page === undefined ? undefined : { page: block.page, paragraph: onPage });
  });
}

function bodyChunk(document: KnowledgeDocument, block: Block, paragraph: number, place: PagePlace | undefined): Chunk {
  const chunk: Chunk = {
    id: chunkId(document.id, paragraph),
    document: document.id,
    title: document.title,
    paragraph,
    breadcrumb: block.breadcrumb,
    kind: block.kind,
    text: block.text,
    url: pageUrl(document.url, block.page),
    citation: citation(document.title, paragraph, place),
  };
  if (block.page !== undefined) chunk.page = block.page;
  return chunk;
}

/** The credit lines as one chunk, searchable but outside the numbering. */
function creditChunk(document: KnowledgeDocument, credit: string): Chunk {
  return {
    id: chunkId(document.id, 'credit'),
    document: document.id,
    title: document.title,
    paragraph: 0,
    breadcrumb: [],
    kind: 'credit',
    text: credit,
    url: document.url,
    citation: citation(document.title, 'credit'),
  };
}

/** Front matter's values win over what a page's head says, field by field. */
function mergeMeta(front: FrontMatter, page: { [K in keyof FrontMatter]-?: string | null }): FrontMatter {
  const out: FrontMatter = { ...front };
  for (const key of ['title', 'url', 'author', 'publisher', 'date'] as const) {
    const value = page[key];
    if (out[key] === undefined && value !== null) out[key] = value;
  }
  return out;
}

/**
 * Turns one text file (Markdown, plain text or HTML) into a document and its chunks. `id` is the
 * document's slug (unique in the folder, chosen by the loader); `path` is relative to the
 * knowledge folder.
 */
export function parseDocument(id: string, path: string, bytes: Uint8Array, options: FormatOptions = FORMAT_DEFAULTS): ParseResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = normaliseNewlines(decoded.text);
  if (text.trim() === '') return { ok: false, reason: 'empty file' };

  const fm = splitFrontMatter(text);
  if (!fm.ok) return fm;
  const kind = fileKind(path);
  if (kind === 'html') {
    const page = splitHtml(fm.body, options.html);
    if (!page.ok) return page;
    return assembleDocument(id, path, mergeMeta(fm.data, page.meta), page);
  }
  const split: SplitResult = kind === 'markdown' ? splitMarkdown(fm.body) : splitPlainText(fm.body);
  return assembleDocument(id, path, fm.data, split);
}

/** Turns a PDF into a document whose chunks carry their pages. */
export async function parsePdfDocument(id: string, path: string, bytes: Uint8Array, options: FormatOptions = FORMAT_DEFAULTS): Promise<ParseResult> {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const pdf = await readPdf(bytes, options.pdf);
  if (!pdf.ok) return pdf;
  return assembleDocument(id, path, pdf.meta, { heading: pdf.heading, blocks: pdf.blocks, credits: [] });
}

/** Any knowledge file into a document and its chunks, by its kind. */
export function parseKnowledgeFile(id: string, path: string, bytes: Uint8Array, options: FormatOptions = FORMAT_DEFAULTS): Promise<ParseResult> | ParseResult {
  return fileKind(path) === 'pdf' ? parsePdfDocument(id, path, bytes, options) : parseDocument(id, path, bytes, options);
}
