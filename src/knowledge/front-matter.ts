import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export interface FrontMatter {
  title?: string;
  url?: string;
  author?: string;
  publisher?: string;
  date?: string;
}

export type FrontMatterResult =
  | { ok: true; data: FrontMatter; body: string }
  | { ok: false; reason: string };

// Dates and numbers arrive as whatever YAML made of them; people think of them as text.
const text = z.union([z.string(), z.number(), z.date()]).transform((v) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim(),
);

const schema = z
  .object({
    title: text.optional(),
    source: text.optional(),
    url: text.optional(),
    source_url: text.optional(),
    author: z.union([text, z.array(text).transform((a) => a.join(', '))]).optional(),
    publisher: text.optional(),
    date: text.optional(),
  })
  .passthrough();

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/**
 * Splits optional YAML front matter (`---` … `---`) from the body. A file that opens a front
 * matter block and never closes it, or whose block is not a YAML mapping, is unparseable.
 */
export function splitFrontMatter(source: string): FrontMatterResult {
  const open = OPENING.exec(source);
  if (!open) return { ok: true, data: {}, body: source };
  const rest = source.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) return { ok: false, reason: 'front matter opened with --- but never closed' };
  const yamlText = rest.slice(0, close.index);
  const body = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');

  let raw: unknown;
  try {
    raw = yamlText.trim() === '' ? {} : parseYaml(yamlText);
  } catch (error) {
    const message = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(/:\s*$/, '');
    return { ok: false, reason: `front matter is not valid YAML: ${message}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'front matter is not a YAML mapping of keys to values' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '?';
    return { ok: false, reason: `front matter field "${where}" is not text` };
  }
  const fm = parsed.data;
  const url = fm.source ?? fm.url ?? fm.source_url;
  const data: FrontMatter = {};
  if (fm.title) data.title = fm.title;
  if (url && /^https?:\/\//i.test(url)) data.url = url;
  if (fm.author) data.author = fm.author;
  if (fm.publisher) data.publisher = fm.publisher;
  if (fm.date) data.date = fm.date;
  return { ok: true, data, body };
}
