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

/**
 * A document and its numbered chunks from what a reader found: the metadata it gives (front matter
 * first), the body's blocks and credit lines. Shared by every format, so ids and citations are
 * made one way.
 */
export function assembleDocument(
  id: string,
  path: string,
  meta: FrontMatter,
  split: { heading: string | null; blocks: readonly Block[]; credits: readonly string[] },
): ParseResult {
  if (split.blocks.length === 0) return { ok: false, reason: 'no body text' };
  const title = meta.title ?? split.heading ?? titleFromPath(path);
  const url = meta.url ?? null;
  const credit = split.credits.length > 0 ? split.credits.join(' · ') : null;
  const document: KnowledgeDocument = {
    id,
    path,
    title,
    url,
    author: meta.author ?? null,
    publisher: meta.publisher ?? null,
    date: meta.date ?? null,
    credit,
    paragraphs: split.blocks.length,
  };

  let onPage = 0;
  const chunks: Chunk[] = split.blocks.map((block, i) => {
    const previous = split.blocks[i - 1];
    onPage = previous !== undefined && previous.page === block.page ? onPage + 1 : 1;
    const place: PagePlace | undefined = block.page === undefined ? undefined : { page: block.page, paragraph: onPage };
    const chunk: Chunk = {
      id: chunkId(id, i + 1),
      document: id,
      title,
      paragraph: i + 1,
      breadcrumb: block.breadcrumb,
      kind: block.kind,
      text: block.text,
      url: pageUrl(url, block.page),
      citation: citation(title, i + 1, place),
    };
    if (block.page !== undefined) chunk.page = block.page;
    return chunk;
  });
  if (credit) {
    chunks.push({
      id: chunkId(id, 'credit'),
      document: id,
      title,
      paragraph: 0,
      breadcrumb: [],
      kind: 'credit',
      text: credit,
      url,
      citation: citation(title, 'credit'),
    });
  }
  return { ok: true, document, chunks };
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
