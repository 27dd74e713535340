import type { Chunk, KnowledgeDocument } from './types.ts';
import { isMarkdownFile } from './file-kinds.ts';
import { splitFrontMatter } from './front-matter.ts';
import { splitMarkdown, splitPlainText } from './markdown.ts';
import { normaliseNewlines, titleFromPath } from './paragraphs.ts';
import { chunkId, citation } from './references.ts';

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
 * Turns one file into a document and its chunks. `id` is the document's slug (unique in the
 * folder, chosen by the loader); `path` is relative to the knowledge folder.
 */
export function parseDocument(id: string, path: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = normaliseNewlines(decoded.text);
  if (text.trim() === '') return { ok: false, reason: 'empty file' };

  const fm = splitFrontMatter(text);
  if (!fm.ok) return fm;
  const split = isMarkdownFile(path) ? splitMarkdown(fm.body) : splitPlainText(fm.body);
  if (split.blocks.length === 0) return { ok: false, reason: 'no body text' };

  const title = fm.data.title ?? split.heading ?? titleFromPath(path);
  const url = fm.data.url ?? null;
  const credit = split.credits.length > 0 ? split.credits.join(' · ') : null;
  const document: KnowledgeDocument = {
    id,
    path,
    title,
    url,
    author: fm.data.author ?? null,
    publisher: fm.data.publisher ?? null,
    date: fm.data.date ?? null,
    credit,
    paragraphs: split.blocks.length,
  };

  const chunks: Chunk[] = split.blocks.map((block, i) => ({
    id: chunkId(id, i + 1),
    document: id,
    title,
    paragraph: i + 1,
    breadcrumb: block.breadcrumb,
    kind: block.kind,
    text: block.text,
    url,
    citation: citation(title, i + 1),
  }));
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
