import type { Chunk } from '../knowledge/index.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { textLength, type QueryTerm } from './postings.ts';
import { FIELD_BOOSTS, RANKING_DEFAULTS, type RankingOptions } from './options.ts';
import { jargonTerms } from './jargon.ts';
import { pageIndex, scorePages } from './pages.ts';
import { better, keepBest, type RankedPage } from './page-order.ts';
import { asksWhatThingIs, namesOneThing, pageNames, queryPairs, rareTerms } from './heading-pairs.ts';
import type { QueryPlan } from './plan.ts';
import { normalizeWord, termOf, tokenize, words } from './text.ts';

export interface Hit {
  chunk: Chunk;
  /** The paragraph's own score (BM25 and the closeness of its wording to the query's). */
  score: number;
  /** Index terms of the plan that this chunk contains. */
  terms: string[];
  /** The rank score of the chunk's page, relative to the best page's, when hits are ranked by page. */
  pageScore?: number;
}

export interface QueryOptions {
  /** Only chunks of this document. */
  document?: string;
  /** Hits wanted, best first (default 100); a query can match tens of thousands of chunks. */
  limit?: number;
  /** Ranking tunables, for measuring them; the defaults are RANKING_DEFAULTS. */
  ranking?: Partial<RankingOptions>;
}

export interface Ranked {
  hits: Hit[];
  /** How many chunks matched in all. */
  total: number;
}

/**
 * Ranks chunks for a planned query with BM25 over title, breadcrumb and text. When there is more
 * than one page (several documents, or the sections of a long one; sections.ts) and no document
 * is chosen, pages are ranked too (see rankByPage) and the hits are each page's best paragraph in
 * page order.
 */
export function runQuery(kb: KnowledgeBase, plan: QueryPlan, options: QueryOptions = {}): Ranked {
  if (plan.terms.size === 0) return { hits: [], total: 0 };
  const ranking: RankingOptions = { ...RANKING_DEFAULTS, ...options.ranking };
  const expanded = withJargon(kb, plan, ranking);
  if (expanded === plan) return finishRanking(kb, scoreParagraphs(kb, plan, plan, ranking, options), ranking);
  // Someone quoting a paragraph means that paragraph: the table's other words would only blur it.
  const literal = scoreParagraphs(kb, plan, plan, ranking, options);
  if (literal.quoted) return finishRanking(kb, literal, ranking);
  // Not quoted, the literal search only had to say so: its pages are never ranked.
  literal.pages?.clear();
  return finishRanking(kb, scoreParagraphs(kb, plan, expanded, ranking, options), ranking);
}

/** Paragraphs scored and re-ranked for one set of terms, their pages not yet ranked. */
interface ScoredParagraphs {
  terms: QueryTerm[];
  /** The query's words in order (QueryPlan.sequence). */
  sequence: readonly string[];
  hits: Hit[];
  positions: Map<Chunk, number>;
  /** Holds this search's page state until finishRanking or clear() lets go of it. */
  pages: PageParagraphs | null;
  total: number;
  limit: number;
  /** Whether the best paragraph holds enough of the query's word pairs to be the one quoted. */
  quoted: boolean;
}

/** One search: `searched` gives the terms and their weights, `plan` the query's own wording. */
function scoreParagraphs(kb: KnowledgeBase, plan: QueryPlan, searched: QueryPlan, ranking: RankingOptions, options: QueryOptions): ScoredParagraphs {
  const { document } = options;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const terms = selectiveTerms(kb, searched, ranking).map((term) => ({ term, boost: searched.terms.get(term) ?? 1 }));
  const [from, to] = document ? kb.chunks.rangeOf(document) : [0, 0];
  const pages = ranking.byPage && !document && pageIndex(kb).pageCount > 1 ? new PageParagraphs(kb) : null;
  // Only the best are made into hits: a query can match tens of thousands of chunks.
  const wanted = Math.max(limit, ranking.rerankDepth);
  const scored = kb.index.score(terms, {
    fieldBoosts: FIELD_BOOSTS,
    limit: wanted,
    chunkBoosts: chunkBoosts(kb, ranking),
    ...(document ? { filter: (i: number) => i >= from && i < to } : {}),
    ...(pages ? { visit: pages.visit } : {}),
  });
  const positions = new Map<Chunk, number>();
  const phrases = pages ? pages.phrases : new Map<Chunk, number>();
  const hits = rerank(
    scored.hits.map((h) => {
      const chunk = kb.chunks.at(h.chunk);
      positions.set(chunk, h.chunk);
      return { chunk, score: h.score, terms: h.terms };
    }),
    plan,
    ranking,
    phrases,
  );
  const quoted = hits[0] !== undefined && (phrases.get(hits[0].chunk) ?? 0) >= ranking.quoteShare;
  return { terms, sequence: plan.sequence, hits, positions, pages, total: scored.total, limit, quoted };
}

/** The hits in their final order: by page when there is more than one page, else by score. */
function finishRanking(kb: KnowledgeBase, scored: ScoredParagraphs, ranking: RankingOptions): Ranked {
  const { terms, sequence, hits, positions, pages, total, limit } = scored;
  if (!pages) return { hits: hits.slice(0, limit), total };
  try {
    return { hits: rankByPage(kb, { terms, sequence }, hits, positions, pages, ranking, limit), total };
  } finally {
    pages.clear();
  }
}

type BoostRule = Pick<RankingOptions, 'creditBoost' | 'longParagraphWords' | 'longParagraphExponent'>;

const boostTables = new WeakMap<object, { rule: BoostRule; boosts: Float64Array }>();

/**
 * Every chunk's score multiplier under `rule`, worked out once per chunk store (and again only
 * when a measurement changes the rule): a query can match tens of thousands of chunks, and
 * asking each one its kind and length cost more than scoring it.
 */
function chunkBoosts(kb: KnowledgeBase, ranking: BoostRule): Float64Array {
  const known = boostTables.get(kb.chunks);
  const rule = { creditBoost: ranking.creditBoost, longParagraphWords: ranking.longParagraphWords, longParagraphExponent: ranking.longParagraphExponent };
  if (known && sameRule(known.rule, rule)) return known.boosts;
  const boosts = new Float64Array(kb.chunks.size);
  for (let i = 0; i < boosts.length; i++) boosts[i] = chunkBoost(kb.chunks.kindAt(i) === 'credit', textLength(kb.index.data, i), rule);
  boostTables.set(kb.chunks, { rule, boosts });
  return boosts;
}

const sameRule = (a: BoostRule, b: BoostRule) =>
  a.creditBoost === b.creditBoost && a.longParagraphWords === b.longParagraphWords && a.longParagraphExponent === b.longParagraphExponent;

function chunkBoost(credit: boolean, length: number, rule: BoostRule): number {
  // A credit line is a few words long, so BM25 would rank it high for any word it shares.
  const kind = credit ? rule.creditBoost : 1;
  const longWords = rule.longParagraphWords;
  return length > longWords ? kind * (longWords / length) ** rule.longParagraphExponent : kind;
}

/** The plan with the terms its expressions reach through the jargon table (jargon.ts) added. */
function withJargon(kb: KnowledgeBase, plan: QueryPlan, ranking: RankingOptions): QueryPlan {
  if (ranking.jargonWeight <= 0) return plan;
  const extra = jargonTerms(plan.sequence, (t) => kb.vocabulary.df.has(t) && !plan.terms.has(t));
  if (extra.length === 0) return plan;
  const terms = new Map(plan.terms);
  for (const t of extra) terms.set(t, ranking.jargonWeight);
  return { ...plan, terms };
}

/** A page's best paragraph as a hit, when it was not among the best-scored paragraphs. */
function bestOf(kb: KnowledgeBase, pages: PageParagraphs, page: number, terms: readonly QueryTerm[]): Hit {
  const chunk = kb.chunks.at(pages.bestChunk[page]!);
  const present = new Set(words(`${chunk.title} ${chunk.breadcrumb.join(' ')} ${chunk.text}`).map((w) => termOf(w.text)));
  return { chunk, score: pages.scores[page * 3]!, terms: terms.map((t) => t.term).filter((t) => present.has(t)) };
}

/**
 * The best three paragraph scores of every page a query touched, gathered while it is scored, in
 * arrays reused by every query on the same knowledge base (queries run one at a time).
 */
class PageParagraphs {
  readonly pageOf: Uint32Array;
  /** Pages touched by this query, in the order first touched. */
  readonly touched: number[] = [];
  /** Per page: best score, second, third. */
  readonly scores: Float64Array;
  readonly bestChunk: Int32Array;
  /** Share of the query's adjacent word pairs (not two stop words) that each re-ranked hit holds adjacent. */
  readonly phrases = new Map<Chunk, number>();
  readonly visit: (chunk: number, score: number) => void;

  static #arrays = new WeakMap<object, { scores: Float64Array; bestChunk: Int32Array }>();

  constructor(kb: KnowledgeBase) {
    const index = pageIndex(kb);
    this.pageOf = index.pageOf;
    let arrays = PageParagraphs.#arrays.get(index);
    if (!arrays) {
      arrays = { scores: new Float64Array(index.pageCount * 3), bestChunk: new Int32Array(index.pageCount).fill(-1) };
      PageParagraphs.#arrays.set(index, arrays);
    }
    const { scores, bestChunk } = arrays;
    this.scores = scores;
    this.bestChunk = bestChunk;
    const pageOf = this.pageOf;
    const touched = this.touched;
    this.visit = (chunk, score) => {
      const page = pageOf[chunk]!;
      const at = page * 3;
      if (bestChunk[page]! < 0) {
        bestChunk[page] = chunk;
        scores[at] = score;
        touched.push(page);
      } else if (score > scores[at]!) {
        scores[at + 2] = scores[at + 1]!;
        scores[at + 1] = scores[at]!;
        scores[at] = score;
        bestChunk[page] = chunk;
      } else if (score > scores[at + 1]!) {
        scores[at + 2] = scores[at + 1]!;
        scores[at + 1] = score;
      } else if (score > scores[at + 2]!) scores[at + 2] = score;
    };
  }

  has(page: number): boolean {
    return this.bestChunk[page]! >= 0;
  }

  /** Ready for the next query. */
  clear(): void {
    for (const page of this.touched) {
      this.bestChunk[page] = -1;
      this.scores.fill(0, page * 3, page * 3 + 3);
    }
    this.touched.length = 0;
  }
}

/** One query's scored paragraphs, grouped by page, as the steps of rankByPage read them. */
interface PagedHits {
  /** Best first, re-ranked. */
  hits: readonly Hit[];
  positions: ReadonlyMap<Chunk, number>;
  pages: PageParagraphs;
  /** Per page, its best re-ranked hit: that score stands for the page's best paragraph. */
  shown: ReadonlyMap<number, Hit>;
}

type RankedQuery = { terms: readonly QueryTerm[]; sequence: readonly string[] };

/**
 * Hits one page at a time. A page ranks by three things, each relative to the best of its kind:
 * its BM25F score as a whole (title, one-line description, headings and body), its best
 * paragraph, and its next two paragraphs; the best of those pages then gain a little when a
 * heading holds two of the query's words side by side. Each page is shown by its best paragraph
 * (the re-ranked one when it was among the best hits), so the first hits come from different
 * pages, and a page whose paragraph repeats one above it comes after the others; when the pages
 * run out, the remaining hits follow in score order.
 */
function rankByPage(kb: KnowledgeBase, query: RankedQuery, hits: Hit[], positions: ReadonlyMap<Chunk, number>, pages: PageParagraphs, ranking: RankingOptions, limit: number): Hit[] {
  const paged: PagedHits = { hits, positions, pages, shown: bestHitPerPage(hits, positions, pages.pageOf) };
  const topParagraph = bestParagraphOver(paged, -1);
  // The best pages are kept a little deeper than asked for, for their headings to re-order and
  // for pages that repeat another to step aside.
  const order = bestPages(kb, query.terms, paged, topParagraph, ranking, Math.max(limit, ranking.headingPairDepth));
  const defined = addHeadingBonuses(kb, query.sequence, order, ranking);
  putMeantPageFirst(kb, query, paged, order, defined, ranking);
  const out = showPages(kb, paged, order, query.terms, limit);
  appendUnshown(out, hits, limit);
  return out;
}

function bestHitPerPage(hits: readonly Hit[], positions: ReadonlyMap<Chunk, number>, pageOf: Uint32Array): Map<number, Hit> {
  const shown = new Map<number, Hit>();
  for (const hit of hits) {
    const page = pageOf[positions.get(hit.chunk)!]!;
    const seen = shown.get(page);
    if (!seen || hit.score > seen.score) shown.set(page, hit);
  }
  return shown;
}

/** A page's best paragraph score: its best BM25 paragraph's, or its re-ranked hit's when higher. */
function bestParagraph(paged: PagedHits, page: number): number {
  return Math.max(paged.pages.scores[page * 3]!, paged.shown.get(page)?.score ?? 0);
}

/** The best paragraph score of any touched page but `except` (-1 for none). */
function bestParagraphOver(paged: PagedHits, except: number): number {
  let top = 0;
  for (const page of paged.pages.touched) if (page !== except) top = Math.max(top, bestParagraph(paged, page));
  return top;
}

/**
 * The best `kept` of the pages a paragraph was scored for (only those can be shown), best first,
 * each scored by its whole-page rank and its paragraphs.
 */
function bestPages(kb: KnowledgeBase, terms: readonly QueryTerm[], paged: PagedHits, topParagraph: number, ranking: RankingOptions, kept: number): RankedPage[] {
  const { pages } = paged;
  const whole = wholePageRanks(kb, terms, ranking);
  const rank = whole.rank;
  const order: RankedPage[] = [];
  for (const page of pages.touched) {
    const more = pages.scores[page * 3 + 1]! + pages.scores[page * 3 + 2]!;
    const paragraphs = topParagraph > 0 ? paragraphRank(bestParagraph(paged, page), more, topParagraph, ranking) : 0;
    keepBest(order, page, rank[page]! + paragraphs, kept);
  }
  // The rank array is shared by every query on this knowledge base.
  for (const page of whole.pages) rank[page] = 0;
  return order;
}

/**
 * A page's share of its rank from its paragraphs: its best one's score and its next two's
 * together, each relative to the best paragraph of any page, the best one's narrowed by
 * `bestParagraphExponent`.
 */
export function paragraphRank(best: number, more: number, top: number, ranking: Pick<RankingOptions, 'bestParagraphWeight' | 'bestParagraphExponent' | 'moreParagraphsWeight'>): number {
  return ranking.bestParagraphWeight * (best / top) ** ranking.bestParagraphExponent + (ranking.moreParagraphsWeight * more) / top;
}

/** Every page's BM25F score as a whole, relative to the best page's and weighted, in `rank`. */
function wholePageRanks(kb: KnowledgeBase, terms: readonly QueryTerm[], ranking: RankingOptions): { pages: readonly number[]; rank: Float64Array } {
  const whole = scorePages(kb, terms, ranking.page);
  let topPage = 0;
  for (const score of whole.scores) topPage = Math.max(topPage, score);
  const rank = whole.rank;
  for (let i = 0; i < whole.pages.length; i++) rank[whole.pages[i]!] = ranking.pageWeight * (topPage > 0 ? whole.scores[i]! / topPage : 0);
  return whole;
}

/**
 * The heading bonuses of addHeadingNames, when they are on; says whether some page was about the
 * thing asked. A short question's rare words name the one thing it asks about; a longer one's
 * name its subject among other words, and a heading opening with one says less (its own weight).
 */
function addHeadingBonuses(kb: KnowledgeBase, sequence: readonly string[], order: RankedPage[], ranking: RankingOptions): boolean {
  const short = namesOneThing(sequence, ranking.subjectWords);
  const weight = short ? ranking.headingSubjectWeight : ranking.headingOpensWeight;
  const terms = weight > 0 ? rareTerms(kb, sequence, ranking.subjectShare) : new Set<string>();
  const subject: Subject = { terms, weight, defines: short };
  return ranking.headingPairWeight > 0 || terms.size > 0 ? addHeadingNames(kb, order, queryPairs(sequence), subject, ranking) : false;
}

/** The rare words a question asks about, what a heading opening with one adds, and whether that page then defines the thing. */
interface Subject {
  terms: ReadonlySet<string>;
  weight: number;
  defines: boolean;
}

/**
 * A paragraph that holds the query's wording, pair by pair, is the one being quoted, and one far
 * ahead of every other page's best is the one meant: its page comes first.
 */
function putMeantPageFirst(kb: KnowledgeBase, query: RankedQuery, paged: PagedHits, order: RankedPage[], defined: boolean, ranking: RankingOptions): void {
  const { pages } = paged;
  const first = paged.hits[0];
  const firstPage = first ? pages.pageOf[paged.positions.get(first.chunk)!]! : -1;
  const runnerUp = bestParagraphOver(paged, firstPage);
  // Not when the question asks what a thing is and a page is about it: every short sentence that
  // mentions the thing "quotes" the question and scores far ahead, and none of them is the one
  // meant. Words taken from a paragraph (known-item search) keep both rules.
  const meantThing = defined && asksWhatThingIs(query.sequence);
  if (!first || meantThing) return;
  const quoted = (pages.phrases.get(first.chunk) ?? 0) >= ranking.quoteShare;
  if (!quoted && !(first.score >= ranking.leadRatio * runnerUp && holdsRarest(kb, first, query.terms))) return;
  const at = order.findIndex(([p]) => p === firstPage);
  if (at > 0) order.unshift(...order.splice(at, 1));
  // The quoted page may not have made the best `limit`.
  else if (at < 0) order.unshift([firstPage, order[0]?.[1] ?? 1]);
}

/**
 * Each page in `order` shown by its best paragraph, up to `limit`. Documentation repeats itself
 * (the same note in every release's page): a page whose best paragraph says word for word what a
 * page above it said comes after the pages that add something.
 */
function showPages(kb: KnowledgeBase, paged: PagedHits, order: readonly RankedPage[], terms: readonly QueryTerm[], limit: number): Hit[] {
  const top = Math.max(...order.map(([, score]) => score)) || 1;
  const out: Hit[] = [];
  const said = new Set<string>();
  const repeats: Hit[] = [];
  for (const [page, score] of order) {
    if (out.length >= limit) break;
    const hit = paged.shown.get(page) ?? bestOf(kb, paged.pages, page, terms);
    const placed = { ...hit, pageScore: score / top };
    if (said.has(hit.chunk.text)) repeats.push(placed);
    else out.push(placed);
    said.add(hit.chunk.text);
  }
  for (const hit of repeats) if (out.length < limit) out.push(hit);
  return out;
}

/** When the pages run out, the hits not yet shown follow in score order, up to `limit`. */
function appendUnshown(out: Hit[], hits: readonly Hit[], limit: number): void {
  const used = new Set<Chunk>();
  for (const hit of out) used.add(hit.chunk);
  for (const hit of hits) {
    if (out.length >= limit) break;
    if (!used.has(hit.chunk)) out.push(hit);
  }
}

/**
 * Adds to the rank of each page in `order` whose title or a heading holds one of the query's word
 * pairs, or opens with one of its rare words (the one thing a short question asks about, or a
 * longer question's subject; heading-pairs.ts), and sorts `order` again. Says whether some page
 * was about the one thing a short question asks about.
 */
function addHeadingNames(kb: KnowledgeBase, order: RankedPage[], pairs: ReadonlySet<string>, subject: Subject, ranking: RankingOptions): boolean {
  if ((pairs.size === 0 || ranking.headingPairWeight === 0) && subject.terms.size === 0) return false;
  let defined = false;
  for (const entry of order) {
    const named = pageNames(kb, entry[0]);
    if (ranking.headingPairWeight > 0 && holdsAny(named.pairs, pairs)) entry[1] += ranking.headingPairWeight;
    if (!holdsAny(named.heads, subject.terms)) continue;
    entry[1] += subject.weight;
    defined ||= subject.defines;
  }
  order.sort((a, b) => (better(a[1], a[0], b) ? -1 : better(b[1], b[0], a) ? 1 : 0));
  return defined;
}

function holdsAny(named: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
  for (const item of wanted) if (named.has(item)) return true;
  return false;
}

/**
 * Whether `hit` holds the rarest of the query's own searched words (those at full weight, not the
 * synonyms or equivalent expressions it reached). A paragraph far ahead of every other page on
 * common words ("error", "avoid") while lacking the one word that names the subject ("deadlock")
 * is not the one meant; a quoted paragraph holds every word.
 */
function holdsRarest(kb: KnowledgeBase, hit: Hit, terms: readonly QueryTerm[]): boolean {
  let strongest = 0;
  for (const { boost } of terms) strongest = Math.max(strongest, boost);
  let rarest: string | null = null;
  let rarestDf = Infinity;
  for (const { term, boost } of terms) {
    const df = kb.vocabulary.df.get(term) ?? 0;
    if (boost === strongest && df < rarestDf) [rarest, rarestDf] = [term, df];
  }
  return rarest === null || hit.terms.includes(rarest);
}

const DEFAULT_LIMIT = 100;

/**
 * The terms to search: the rarest first, until the chunks they occur in pass the budget (the two
 * rarest always count), so no query costs more than a bounded amount of work however common its
 * words. The common words left out of a long query add almost nothing to BM25 (their idf is near
 * zero), and the re-ranking below still rewards them where they stand next to the rare ones.
 */
export function selectiveTerms(kb: KnowledgeBase, plan: QueryPlan, ranking: Pick<RankingOptions, 'postingsBudget' | 'postingsBudgetShare' | 'alwaysSearched'> = RANKING_DEFAULTS): string[] {
  const df = (t: string) => kb.vocabulary.df.get(t) ?? 0;
  const budget = Math.max(ranking.postingsBudget, kb.vocabulary.chunkCount * ranking.postingsBudgetShare);
  const out: string[] = [];
  let spent = 0;
  for (const t of [...plan.terms.keys()].sort((a, b) => df(a) - df(b))) {
    if (out.length >= ranking.alwaysSearched && spent + df(t) > budget) break;
    out.push(t);
    spent += df(t);
  }
  return out;
}

/**
 * The adjacent word pairs of a query (its words normalised, in order): all of them, for the
 * wording bonus, and those that can show a paragraph is being quoted. Two stop words side by side
 * ("at a", "of the") stand next to each other in any paragraph, so they add to the bonus but say
 * nothing about which paragraph someone is quoting.
 */
export function wordPairs(sequence: readonly string[]): { pairs: Set<string>; quoting: Set<string> } {
  const pairs = new Set<string>();
  const quoting = new Set<string>();
  for (let i = 1; i < sequence.length; i++) {
    const pair = `${sequence[i - 1]} ${sequence[i]}`;
    pairs.add(pair);
    if (termOf(sequence[i - 1]!) !== null || termOf(sequence[i]!) !== null) quoting.add(pair);
  }
  return { pairs, quoting };
}

/**
 * BM25 over stems treats "tasks are" and "the task was" alike. A paragraph that has the query's
 * words in the same form and the same order is the one a person is quoting or paraphrasing
 * closely, so the best few hits get a bonus for exact word forms and for adjacent pairs of
 * query words that appear adjacent in the paragraph.
 */
function rerank(hits: Hit[], plan: QueryPlan, ranking: Pick<RankingOptions, 'rerankDepth' | 'rerankChars' | 'phraseWeight' | 'exactWeight'>, phrases: Map<Chunk, number>): Hit[] {
  const depth = ranking.rerankDepth;
  const sequence = plan.sequence;
  if (hits.length === 0 || sequence.length === 0) return hits;
  const content = new Set(plan.planned.map((w) => normalizeWord(w.word)));
  const { pairs, quoting } = wordPairs(sequence);
  // A pair is only spelt out where it can start: most words of a paragraph begin none. (A word
  // that NFKC gave a space could make a pair out of other words, so then every pair is spelt out.)
  const firsts = sequence.some((w) => w.includes(' ')) ? null : new Set(sequence.slice(0, -1));
  const head = hits.slice(0, depth).map((hit) => {
    // A huge paragraph (a flattened table) is judged by its opening, not read whole on every query.
    const ws = tokenize(hit.chunk.text.slice(0, ranking.rerankChars)).map(normalizeWord);
    const found = new Set<string>();
    const seen = new Set<string>();
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (content.has(w)) found.add(w);
      if (i === 0 || (firsts && !firsts.has(ws[i - 1]!))) continue;
      const pair = `${ws[i - 1]} ${w}`;
      if (pairs.has(pair)) seen.add(pair);
    }
    const exact = found.size;
    const exactShare = content.size > 0 ? exact / content.size : 0;
    const phraseShare = pairs.size > 0 ? seen.size / pairs.size : 0;
    let quoted = 0;
    for (const pair of seen) if (quoting.has(pair)) quoted++;
    phrases.set(hit.chunk, quoting.size > 0 ? quoted / quoting.size : 0);
    return { ...hit, score: hit.score * (1 + ranking.exactWeight * exactShare + ranking.phraseWeight * phraseShare) };
  });
  // A lone hit keeps its score (nothing to order it against); only its phrase share is recorded.
  if (hits.length === 1) return hits;
  head.sort((a, b) => b.score - a.score);
  return [...head, ...hits.slice(depth)];
}
