import { planQuery, runQuery, type KnowledgeBase } from '../search/index.ts';
import { ASK_DEFAULTS } from './options.ts';
import { bestExcerpts } from './excerpts.ts';
import type { SearchResult } from './types.ts';

export interface SearchOptions {
  document?: string;
  limit?: number;
  offset?: number;
  /** Treat the last word as unfinished (autocomplete). */
  prefix?: boolean;
}

/** Ranked passages for a query, a page at a time. Unlike `ask`, it never declines. */
export function search(kb: KnowledgeBase, query: string, options: SearchOptions = {}): SearchResult {
  const limit = Math.max(1, Math.min(options.limit ?? 5, 50));
  const offset = Math.max(0, options.offset ?? 0);
  const plan = planQuery(query.slice(0, ASK_DEFAULTS.maxQuestionChars), kb.vocabulary, { prefixLast: options.prefix ?? false });
  const { hits, total } = runQuery(kb, plan, { ...(options.document ? { document: options.document } : {}), limit: offset + limit });
  return {
    query,
    total,
    offset,
    limit,
    hits: hits.slice(offset, offset + limit).map((hit) => ({
      chunk: hit.chunk,
      score: hit.score,
      excerpts: bestExcerpts(hit.chunk, plan, kb.vocabulary),
    })),
  };
}
