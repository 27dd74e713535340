import type { Chunk } from '../knowledge/index.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { PLANNED_SEARCH } from './options.ts';
import type { QueryPlan } from './plan.ts';

const CREDIT_SUFFIX = '#credit';
const CREDIT_BOOST = 0.6;

export interface Hit {
  chunk: Chunk;
  score: number;
  /** Index terms of the plan that this chunk contains. */
  terms: string[];
}

export interface QueryOptions {
  /** Only chunks of this document. */
  document?: string;
}

/** Ranks chunks for a planned query with BM25 over title, breadcrumb and text. */
export function runQuery(kb: KnowledgeBase, plan: QueryPlan, options: QueryOptions = {}): Hit[] {
  if (plan.terms.size === 0) return [];
  const { document } = options;
  const results = kb.index.search([...plan.terms.keys()].join(' '), {
    ...PLANNED_SEARCH,
    boostTerm: (term: string) => plan.terms.get(term) ?? 1,
    // A credit line is a few words long, so BM25 would rank it high for any word it shares.
    boostDocument: (id: string) => (id.endsWith(CREDIT_SUFFIX) ? CREDIT_BOOST : 1),
    ...(document ? { filter: (r: { id: string }) => kb.chunkById.get(r.id)?.document === document } : {}),
  });
  const hits: Hit[] = [];
  for (const r of results) {
    const chunk = kb.chunkById.get(r.id as string);
    if (chunk) hits.push({ chunk, score: r.score, terms: r.terms });
  }
  return hits;
}
