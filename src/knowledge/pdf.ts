import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfOptions } from './format-options.ts';
import type { FrontMatter } from './front-matter.ts';
import type { OutlineEntry } from './pdf-headings.ts';
import { layoutPages, type PdfPageText, type PdfRun } from './pdf-layout.ts';
import { streamOverCap } from './pdf-streams.ts';
import type { Block } from './types.ts';

export type PdfResult = { ok: true; meta: FrontMatter; heading: string | null; blocks: Block[] } | { ok: false; reason: string };

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Why pdf.js could not open a file, in a person's words. */
function openFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'encrypted PDF (needs a password)';
  if (name === 'InvalidPDFException') return `broken PDF (${message})`;
  return `broken PDF (${message})`;
}

async function outlineOf(doc: PDFDocumentProxy, options: PdfOptions): Promise<OutlineEntry[]> {
  const outline = await doc.getOutline().catch(() => null);
  const out: OutlineEntry[] = [];
  type Item = { title: string; items: Item[] };
  const walk = (items: readonly Item[], depth: number) => {
    for (const item of items) {
      if (out.length >= options.maxOutlineEntries || depth > options.maxOutlineDepth) return;
      out.push({ title: item.title, depth });
      walk(item.items, depth + 1);
    }
  };
  walk((outline ?? []) as Item[], 1);
  return out;
}

const webUrl = (value: unknown): string | undefined => (typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim()) ? value.trim() : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : undefined);

/** "D:20221217024144-00'00'" → "2022-12-17". */
function pdfDate(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value) : null;
  return m ? [m[1], m[2], m[3]].filter(Boolean).join('-') : undefined;
}

async function metaOf(doc: PDFDocumentProxy): Promise<FrontMatter> {
  const data = await doc.getMetadata().catch(() => null);
  const info = (data?.info ?? {}) as Record<string, unknown>;
  const xmp = data?.metadata ?? null;
  const custom = (info['Custom'] ?? {}) as Record<string, unknown>;
  const meta: FrontMatter = {};
  const title = text(info['Title']) ?? text(xmp?.get('dc:title'));
  if (title) meta.title = title;
  const url = webUrl(custom['URL']) ?? webUrl(custom['Source']) ?? webUrl(xmp?.get('dc:source')) ?? webUrl(xmp?.get('dc:identifier'));
  if (url) meta.url = url;
  const author = text(info['Author']);
  if (author) meta.author = author;
  const date = pdfDate(info['CreationDate']);
  if (date) meta.date = date;
  return meta;
}

/**
 * Reads a PDF's text layer into blocks with their pages. A file that is not a PDF, cannot be
 * opened, needs a password, claims more pages than the cap, holds a stream that inflates past
 * the cap or too much text, or has no text layer at all (a scan) comes back with the reason.
 */
export async function readPdf(bytes: Uint8Array, options: PdfOptions): Promise<PdfResult> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, 1024).indexOf(PDF_MAGIC) < 0) return { ok: false, reason: 'not a PDF (no %PDF- header)' };
  if (streamOverCap(buffer, options.maxStreamBytes)) {
    return { ok: false, reason: `a stream inflates past ${Math.round(options.maxStreamBytes / 1024 / 1024)} MB (PDF bomb?)` };
  }
  let doc: PDFDocumentProxy;
  try {
    // Loaded on the first PDF: pdf.js is large, and a process that only loads a persisted index
    // (every shard) or reads no PDF should not pay for it.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // pdf.js takes ownership of the array it is given; it gets a copy, so the caller's stays whole.
    doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: true, verbosity: 0 }).promise;
  } catch (error) {
    return { ok: false, reason: openFailure(error) };
  }
  try {
    if (doc.numPages > options.maxPages) return { ok: false, reason: `PDF has ${doc.numPages} pages, more than ${options.maxPages}` };
    const pages: PdfPageText[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const runs: PdfRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [, , c, d, e, f] = item.transform as [number, number, number, number, number, number];
        const family = content.styles[item.fontName]?.fontFamily ?? '';
        runs.push({ text: item.str, x: e - x0, y: f - y0, width: item.width, size: Math.hypot(c, d), mono: family === 'monospace' });
        chars += item.str.length;
      }
      page.cleanup();
      if (chars > options.maxTextChars) return { ok: false, reason: `PDF holds more than ${options.maxTextChars} characters of text` };
      pages.push({ page: n, width: x1 - x0, height: y1 - y0, runs });
    }
    if (pages.every((p) => p.runs.every((r) => r.text.trim() === ''))) return { ok: false, reason: 'PDF has no text layer (a scan?)' };
    const [meta, outline] = await Promise.all([metaOf(doc), outlineOf(doc, options)]);
    const body = layoutPages(pages, outline, options);
    return { ok: true, meta, heading: body.heading, blocks: body.blocks };
  } catch (error) {
    return { ok: false, reason: openFailure(error) };
  } finally {
    await doc.destroy();
  }
}
