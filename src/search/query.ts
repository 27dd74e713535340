import type { Chunk } from '../knowledge/index.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { FIELD_BOOSTS } from './options.ts';
import type { QueryPlan } from './plan.ts';
import { normalizeWord, words } from './text.ts';

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
  /** Hits wanted, best first (default 100); a query can match tens of thousands of chunks. */
  limit?: number;
}

export interface Ranked {
  hits: Hit[];
  /** How many chunks matched in all. */
  total: number;
}

/** Ranks chunks for a planned query with BM25 over title, breadcrumb and text. */
export function runQuery(kb: KnowledgeBase, plan: QueryPlan, options: QueryOptions = {}): Ranked {
  if (plan.terms.size === 0) return { hits: [], total: 0 };
  const { document } = options;
  const terms = selectiveTerms(kb, plan).map((term) => ({ term, boost: plan.terms.get(term) ?? 1 }));
  const [from, to] = document ? kb.chunks.rangeOf(document) : [0, 0];
  // Only the best are made into hits: a query can match tens of thousands of chunks.
  const wanted = Math.max(options.limit ?? DEFAULT_LIMIT, RERANK_DEPTH);
  const scored = kb.index.score(terms, {
    fieldBoosts: FIELD_BOOSTS,
    limit: wanted,
    // A credit line is a few words long, so BM25 would rank it high for any word it shares.
    chunkBoost: (i) => (kb.chunks.kindAt(i) === 'credit' ? CREDIT_BOOST : 1),
    ...(document ? { filter: (i: number) => i >= from && i < to } : {}),
  });
  const hits: Hit[] = scored.hits.map((h) => ({ chunk: kb.chunks.at(h.chunk), score: h.score, terms: h.terms }));
  return { hits: rerank(hits, plan).slice(0, options.limit ?? DEFAULT_LIMIT), total: scored.total };
}

const DEFAULT_LIMIT = 100;

/**
 * A term in more than this share of the chunks is left out of the search when at least
 * MIN_RARE_TERMS rarer ones carry the query. Measured on 1,000 known-item queries over the Python
 * documentation: ask p50 12 → 7 ms and p99 72 → 40 ms, top-1 76.5 → 75.9 %.
 */
const COMMON_TERM_SHARE = 0.1;
const MIN_RARE_TERMS = 3;
/**
 * The work one query may do: the number of (term, chunk) postings its search visits, at least
 * 10,000 and 15 % of the chunks. Measured on 1,000 known-item queries: Linux docs (81k chunks)
 * p50 14 → 8–10 ms, p99 73 → 29–42 ms, top-1 80.2 → 79.1 %. A flat 10,000 on all 260k chunks
 * cut p50 44 → 20 ms but top-1 73.3 → 66.1 %; at 40,000 top-1 was 72.4 %, so the budget grows
 * with the folder and only stops pathological queries there.
 */
const POSTINGS_BUDGET = 10_000;
const POSTINGS_BUDGET_SHARE = 0.15;
const ALWAYS_SEARCHED = 2;
/** Below this many chunks every search is fast; keep every term. */
const SELECTIVE_FROM_CHUNKS = 1000;

/**
 * The terms worth searching. A term in a large share of the chunks ("use", "file" in technical
 * documentation) adds almost nothing to BM25 (its idf is near zero) but makes the search visit
 * every chunk that has it; when the query has rarer terms, those decide the ranking, and the
 * re-ranking below still rewards the common words where they appear next to the rare ones. The
 * rarest terms are searched first, within a budget of postings, so no query costs more than a
 * bounded amount of work however common its words.
 */
export function selectiveTerms(kb: KnowledgeBase, plan: QueryPlan): string[] {
  const all = [...plan.terms.keys()];
  const limit = kb.vocabulary.chunkCount * COMMON_TERM_SHARE;
  if (kb.vocabulary.chunkCount < SELECTIVE_FROM_CHUNKS) return all;
  const rare = all.filter((t) => (kb.vocabulary.df.get(t) ?? 0) <= limit);
  const chosen = rare.length >= MIN_RARE_TERMS ? rare : all;
  // Rarest first, until the chunks they occur in exceed the budget; the two rarest always count.
  const budget = Math.max(POSTINGS_BUDGET, kb.vocabulary.chunkCount * POSTINGS_BUDGET_SHARE);
  const byDf = [...chosen].sort((a, b) => (kb.vocabulary.df.get(a) ?? 0) - (kb.vocabulary.df.get(b) ?? 0));
  const out: string[] = [];
  let spent = 0;
  for (const t of byDf) {
    const df = kb.vocabulary.df.get(t) ?? 0;
    if (out.length >= ALWAYS_SEARCHED && spent + df > budget) break;
    out.push(t);
    spent += df;
  }
  return out;
}

/** Hits re-scored by how closely they match the query's own wording (the best few only). */
const RERANK_DEPTH = 30;
const RERANK_CHARS = 4000;
const PHRASE_WEIGHT = 0.5;
const EXACT_WEIGHT = 0.25;

/**
 * BM25 over stems treats "tasks are" and "the task was" alike. A paragraph that has the query's
 * words in the same form and the same order is the one a person is quoting or paraphrasing
 * closely, so the best few hits get a bonus for exact word forms and for adjacent pairs of
 * query words that appear adjacent in the paragraph.
 */
function rerank(hits: Hit[], plan: QueryPlan): Hit[] {
  const sequence = plan.sequence;
  if (hits.length < 2 || sequence.length === 0) return hits;
  const content = new Set(plan.words.map((w) => normalizeWord(w.word)));
  const pairs = new Set<string>();
  for (let i = 1; i < sequence.length; i++) pairs.add(`${sequence[i - 1]} ${sequence[i]}`);
  const head = hits.slice(0, RERANK_DEPTH).map((hit) => {
    // A huge paragraph (a flattened table) is judged by its opening, not read whole on every query.
    const ws = words(hit.chunk.text.slice(0, RERANK_CHARS)).map((w) => normalizeWord(w.text));
    const present = new Set(ws);
    let exact = 0;
    for (const c of content) if (present.has(c)) exact++;
    const seen = new Set<string>();
    for (let i = 1; i < ws.length; i++) {
      const pair = `${ws[i - 1]} ${ws[i]}`;
      if (pairs.has(pair)) seen.add(pair);
    }
    const exactShare = content.size > 0 ? exact / content.size : 0;
    const phraseShare = pairs.size > 0 ? seen.size / pairs.size : 0;
    return { ...hit, score: hit.score * (1 + EXACT_WEIGHT * exactShare + PHRASE_WEIGHT * phraseShare) };
  });
  head.sort((a, b) => b.score - a.score);
  return [...head, ...hits.slice(RERANK_DEPTH)];
}
