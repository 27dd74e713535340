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
  const chunk = kb.chunkById.get(id);
  if (!chunk) {
    const doc = id.split('#')[0] ?? '';
    const near = [...kb.chunkById.keys()].filter((k) => k.startsWith(`${doc}#`)).slice(0, 3);
    throw new UnknownCitationError(citation, near.length > 0 ? near : kb.chunks.slice(0, 3).map((c) => c.id));
  }
  const body = kb.bodyByDocument.get(chunk.document) ?? [];
  const at = body.indexOf(chunk);
  return {
    chunk,
    before: at > 0 ? (body[at - 1] ?? null) : null,
    after: at >= 0 ? (body[at + 1] ?? null) : null,
  };
}
