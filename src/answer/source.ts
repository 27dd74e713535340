import type { KnowledgeBase } from '../search/index.ts';
import type { SourceResult } from './types.ts';

export class UnknownCitationError extends Error {
  override name = 'UnknownCitationError';
  constructor(
    readonly citation: string,
    readonly suggestions: string[],
  ) {
    super(
      `No paragraph "${citation}".` + (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ''),
    );
  }
}

/** Accepts `doc#p3`, `doc#3`, `doc p3` and `doc ¶3` for the same paragraph. */
export function normalizeCitation(input: string): string {
  const trimmed = input.trim();
  const m = /^(.+?)\s*(?:#|\s|¶)\s*(?:p|¶)?\s*(\d+)$/iu.exec(trimmed);
  if (m) return `${m[1]?.trim()}#p${Number(m[2])}`;
  return trimmed;
}

/** A paragraph in full, with the paragraphs before and after it. */
export function source(kb: KnowledgeBase, citation: string): SourceResult {
  const id = normalizeCitation(citation);
  const chunk = kb.chunks.get(id);
  if (!chunk) {
    const doc = id.split('#')[0] ?? '';
    const [start, end] = kb.chunks.rangeOf(doc);
    const [from, to] = end > start ? [start, end] : [0, kb.chunks.size];
    const near = Array.from({ length: Math.min(3, to - from) }, (_, i) => kb.chunks.idAt(from + i));
    throw new UnknownCitationError(citation, near);
  }
  const body = kb.chunks.bodyOf(chunk.document);
  const at = body.indexOf(chunk);
  return {
    chunk,
    before: at > 0 ? (body[at - 1] ?? null) : null,
    after: at >= 0 ? (body[at + 1] ?? null) : null,
  };
}
