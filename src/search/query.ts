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
 * The work one query may do: the number of (term, chunk) postings its search visits, at least
 * 10,000 and half the chunks. Scoring is cheap (postings.ts: a posting costs nanoseconds), so
 * this only stops a pathological query of many common words. On 1,000 known-item queries over
 * all 260k chunks of the Debian docs, a budget of 15 % cost a point of top-1 (73.3 → 72.3 %) and
 * bought nothing (ask p50 2.2–2.5 ms either way, p99 9–10 ms); leaving out terms found in more
 * than a tenth of the chunks, which paid off when MiniSearch scored, cost 0.6 points of top-1 on
 * the Python docs (76.4 → 75.8 %) for 0.1 ms.
 */
const POSTINGS_BUDGET = 10_000;
const POSTINGS_BUDGET_SHARE = 0.5;
const ALWAYS_SEARCHED = 2;

/**
 * The terms to search: the rarest first, until the chunks they occur in pass the budget (the two
 * rarest always count), so no query costs more than a bounded amount of work however common its
 * words. The common words left out of a long query add almost nothing to BM25 (their idf is near
 * zero), and the re-ranking below still rewards them where they stand next to the rare ones.
 */
export function selectiveTerms(kb: KnowledgeBase, plan: QueryPlan): string[] {
  const df = (t: string) => kb.vocabulary.df.get(t) ?? 0;
  const budget = Math.max(POSTINGS_BUDGET, kb.vocabulary.chunkCount * POSTINGS_BUDGET_SHARE);
  const out: string[] = [];
  let spent = 0;
  for (const t of [...plan.terms.keys()].sort((a, b) => df(a) - df(b))) {
    if (out.length >= ALWAYS_SEARCHED && spent + df(t) > budget) break;
    out.push(t);
    spent += df(t);
  }
  return out;
}

/**
 * Hits re-scored by how closely they match the query's own wording (the best few only). A
 * paragraph holding every adjacent pair of the query's words triples its score. Measured on
 * 1,000 known-item queries: a phrase weight of 2 rather than 0.5 took top-1 from 73.3 to 77.0 %
 * on the whole Debian docs and from 76.4 to 79.2 % on the Python docs, while the article's
 * paraphrased questions (`npm run eval`) scored exactly the same; a depth of 100 rather than 30
 * added 1.6 points on the Python docs for twice the latency.
 */
const RERANK_DEPTH = 30;
const RERANK_CHARS = 4000;
const PHRASE_WEIGHT = 2;
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
