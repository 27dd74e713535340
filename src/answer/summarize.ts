import type { Chunk } from '../knowledge/index.ts';
import { planQuery, runQuery, termOf, words, type KnowledgeBase, type QueryPlan } from '../search/index.ts';
import { coverageIn } from './held-words.ts';
import { ASK_DEFAULTS, JUDGE_DEFAULTS, SUMMARY_DEFAULTS, type SummaryTuning } from './options.ts';
import { centroidCentrality, cosine, lexRank, scaled, vectorOf, type Vector } from './centrality.ts';
import { sentenceScore, toExcerpt } from './excerpts.ts';
import { quotableUnits, type Sentence } from './sentences.ts';
import { suggestTopics } from './suggest.ts';
import { hasCue, isApparatusHeading, isHedged, isItemListHeading, lineShape, opensWithPointMarker } from './summary-lines.ts';
import type { SummaryResult } from './types.ts';

export interface SummaryOptions {
  document?: string;
  topic?: string;
  /** How many sentences (default `SUMMARY_DEFAULTS.sentences`, at most `SUMMARY_DEFAULTS.maxSentences`). */
  sentences?: number;
  /** Overrides of `SUMMARY_DEFAULTS.tuning`, for evaluation. */
  tuning?: Partial<SummaryTuning>;
}

export class UnknownDocumentError extends Error {
  override name = 'UnknownDocumentError';
  constructor(readonly document: string, readonly known: string[]) {
    super(`No document "${document}". Known documents: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}.`);
  }
}

interface Candidate {
  chunk: Chunk;
  order: number;
  /** How far into its document the sentence's paragraph stands, 0..1. */
  along: number;
  /** How far its paragraph stands from the start of its section, on the same scale as `along`. */
  alongSection: number;
  /** Whether it states a rule, recommendation, default or purpose. */
  cue: boolean;
  /** Whether it opens with a marker of the writer's point (a conclusion, a reason, a note). */
  marked: boolean;
  /** Whether it stands in a section of a reference page's apparatus (synopsis, examples, see also, …). */
  apparatus: boolean;
  /** Whether it stands in a section listing items one by one (options, parameters, commands, …). */
  item: boolean;
  /** Whether it hedges or intensifies ("probably", "just", "very"): an aside to the reader. */
  hedged: boolean;
  /** 0-based place of the sentence inside its paragraph. */
  place: number;
  sentence: Sentence;
  vector: Vector;
  score: number;
}

function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}

/** What a summary is drawn from: the chunks, and for a topic the terms it was asked in. */
type Source = { ok: true; chunks: Chunk[]; topicTerms: ReadonlyMap<string, number> } | { ok: false; plan: QueryPlan };

/**
 * The chunks to summarize. For a topic: the page that treats it, or else its best paragraphs;
 * nothing when the material does not hold the topic. Otherwise a document's body, or an even
 * sample of the whole material.
 */
function sourceOf(kb: KnowledgeBase, topic: string | null, document: string | null, tuning: SummaryTuning): Source {
  if (!topic) {
    const chunks = document ? kb.chunks.bodyOf(document) : evenSample(bodyPositions(kb), SUMMARY_DEFAULTS.maxSummaryChunks).map((i) => kb.chunks.at(i));
    return { ok: true, chunks, topicTerms: new Map() };
  }
  const plan = planQuery(topic.slice(0, ASK_DEFAULTS.maxQuestionChars), kb.vocabulary);
  const hits = runQuery(kb, plan, { ...(document ? { document } : {}), limit: SUMMARY_DEFAULTS.topicChunks + 1, ranking: { byPage: false } }).hits.filter((h) => h.chunk.kind !== 'credit');
  if (hits.length === 0 || coverageIn(plan, hits[0]!.chunk).all < JUDGE_DEFAULTS.minCoverage) return { ok: false, plan };
  const page = document ? null : pageAbout(kb, plan, tuning);
  const chunks = page ? kb.chunks.bodyOf(page) : hits.slice(0, SUMMARY_DEFAULTS.topicChunks).map((h) => h.chunk);
  return { ok: true, chunks, topicTerms: plan.terms };
}

/** Every quotable sentence of the chunks (for a topic, those holding some of it), unscored. */
function candidatesOf(kb: KnowledgeBase, chunks: readonly Chunk[], topicTerms: ReadonlyMap<string, number> | null, tuning: SummaryTuning): Candidate[] {
  const candidates: Candidate[] = [];
  for (const chunk of chunks) {
    const position = kb.chunks.indexOf(chunk.id);
    const [section] = kb.chunks.sectionOf(position);
    const paragraphs = Math.max(1, (kb.documentById.get(chunk.document)?.paragraphs ?? 1) - 1);
    const along = Math.max(0, chunk.paragraph - 1) / paragraphs;
    const alongSection = (position - section) / paragraphs;
    const apparatus = chunk.breadcrumb.some(isApparatusHeading);
    const item = chunk.breadcrumb.some(isItemListHeading);
    quotableUnits(chunk).forEach((sentence, place) => {
      if (topicTerms && sentenceScore(sentence.text, topicTerms, kb.vocabulary) === 0) return;
      const vector = vectorOf(sentence.text, kb.vocabulary, tuning.idfExponent);
      const cue = hasCue(sentence.text);
      const marked = opensWithPointMarker(sentence.text);
      const hedged = isHedged(sentence.text);
      candidates.push({ chunk, order: position, along, alongSection, cue, marked, apparatus, item, hedged, place, sentence, vector, score: 0 });
    });
  }
  return candidates;
}

/**
 * Code and tables are quotable whole, but a summary of them says nothing a reader can take in;
 * nor does a heading, a lead-in to an example, a pointer to another page, or a reference page's
 * apparatus (its synopsis, examples, standards, see-also and credits). They are kept only when
 * too little prose is left.
 */
function preferProse(candidates: Candidate[], count: number, tuning: SummaryTuning): Candidate[] {
  const prose = candidates.filter((c) => !c.apparatus && c.chunk.kind !== 'code' && c.chunk.kind !== 'table' && words(c.sentence.text).length >= tuning.minWords && readsAsProse(c.sentence.text, tuning));
  return prose.length >= count ? prose : candidates;
}

/**
 * Each candidate's worth, from 0 to 1: centrality, place, cue words, point markers, less for an
 * item of a list or an aside, and (for a topic) relevance.
 */
function scoreCandidates(kb: KnowledgeBase, candidates: Candidate[], topicTerms: ReadonlyMap<string, number> | null, tuning: SummaryTuning): void {
  const vectors = candidates.map((c) => c.vector);
  const central = scaled(
    candidates.length <= tuning.lexRankMaxSentences ? lexRank(vectors, { damping: tuning.damping, iterations: 30 }) : centroidCentrality(vectors),
  );
  const relevance = scaled(candidates.map((c) => (topicTerms ? sentenceScore(c.sentence.text, topicTerms, kb.vocabulary) : 0)));
  // Headings mark reference writing, whose sections each open with their point and whose rules
  // and conclusions are its main points; in an essay or a news piece, "must", "never" and
  // "therefore" carry opinion.
  const structured = candidates.some((c) => c.chunk.breadcrumb.length > 0);
  const sectionLeadWeight = structured ? tuning.sectionLeadWeight : 0;
  const cueWeight = structured ? tuning.cueWeight : 0;
  const markerWeight = structured ? tuning.markerWeight : 0;
  const itemListCost = structured ? tuning.itemListCost : 0;
  const hedgeCost = structured ? tuning.hedgeCost : 0;
  candidates.forEach((c, i) => {
    c.score =
      tuning.centralityWeight * (central[i] ?? 0) +
      tuning.positionWeight * Math.max(Math.exp(-c.along / tuning.positionScale), tuning.endWeight * Math.exp(-(1 - c.along) / tuning.positionScale)) +
      sectionLeadWeight * Math.exp(-c.alongSection / tuning.positionScale) +
      (c.place === 0 ? tuning.leadWeight : 0) +
      (c.cue ? cueWeight : 0) +
      (c.marked ? markerWeight : 0) -
      (c.item ? itemListCost : 0) -
      (c.hedged ? hedgeCost : 0) +
      (topicTerms ? tuning.topicWeight * (relevance[i] ?? 0) : 0);
  });
  // Worth and likeness must share a scale, or the weights above would decide how much repetition costs.
  const low = candidates.reduce((m, c) => Math.min(m, c.score), Infinity);
  const high = candidates.reduce((m, c) => Math.max(m, c.score), -Infinity);
  for (const c of candidates) c.score = high > low ? (c.score - low) / (high - low) : 1;
}

/**
 * An extractive summary: sentences weighed by how central they are to the material, where they
 * stand, and (for a topic) how much of the topic they hold; chosen so that they repeat each other
 * little, then quoted verbatim in the material's order, each with its citation.
 */
export function summarize(kb: KnowledgeBase, options: SummaryOptions = {}): SummaryResult {
  const tuning: SummaryTuning = { ...SUMMARY_DEFAULTS.tuning, ...options.tuning };
  const count = Math.max(1, Math.min(options.sentences ?? SUMMARY_DEFAULTS.sentences, SUMMARY_DEFAULTS.maxSentences));
  const document = options.document?.trim() || null;
  const topic = options.topic?.trim() || null;
  if (document && !kb.documentById.has(document)) throw new UnknownDocumentError(document, kb.documents.map((d) => d.id));

  const base = { topic, document };
  const source = sourceOf(kb, topic, document, tuning);
  if (!source.ok) {
    return { ...base, answered: false, refusal: `The material says nothing about "${topic}".`, sentences: [], suggestions: suggestTopics(kb, source.plan) };
  }
  const topicTerms = topic ? source.topicTerms : null;
  const candidates = preferProse(candidatesOf(kb, source.chunks, topicTerms, tuning), count, tuning);
  scoreCandidates(kb, candidates, topicTerms, tuning);
  const chosen = select(candidates, count, tuning);
  chosen.sort((a, b) => a.order - b.order || a.sentence.start - b.sentence.start);
  return {
    ...base,
    answered: chosen.length > 0,
    refusal: chosen.length > 0 ? null : 'There is nothing to summarize.',
    sentences: chosen.map((c) => toExcerpt(c.chunk, c.sentence, source.topicTerms)),
    suggestions: [],
  };
}

/**
 * Greedy choice of sentences that are worth quoting and, together, stand for the whole material:
 * each pick gains its own worth plus how much closer it brings every candidate to some chosen
 * sentence like it (facility location, a coverage measure that has diminishing returns, so the
 * greedy choice is near the best). Two sentences making one point cover little more than one.
 * Above `shortlist` candidates only the best are weighed, to keep the likeness matrix small.
 */
function select(all: Candidate[], count: number, tuning: SummaryTuning): Candidate[] {
  const candidates = all.length <= tuning.shortlist ? all : [...all].sort((a, b) => b.score - a.score).slice(0, tuning.shortlist);
  const n = candidates.length;
  const likeness = candidates.map((a) => candidates.map((b) => (a === b ? 1 : cosine(a.vector, b.vector))));
  const nearest = new Float64Array(n);
  const chosen: Candidate[] = [];
  const taken = new Set<number>();
  while (chosen.length < count && taken.size < n) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < n; c++) {
      if (taken.has(c)) continue;
      const row = likeness[c]!;
      let gain = 0;
      for (let i = 0; i < n; i++) gain += Math.max(0, row[i]! - nearest[i]!);
      const value = (1 - tuning.coverageWeight) * candidates[c]!.score + tuning.coverageWeight * (gain / n);
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (best < 0) break;
    taken.add(best);
    chosen.push(candidates[best]!);
    const row = likeness[best]!;
    for (let i = 0; i < n; i++) nearest[i] = Math.max(nearest[i]!, row[i]!);
  }
  return chosen;
}

function readsAsProse(text: string, tuning: SummaryTuning): boolean {
  const shape = lineShape(text);
  return shape.complete && !shape.pointer && shape.codeShare <= tuning.maxCodeShare;
}

/**
 * The page, among the best ranked for the topic, that names it in its title or opening sentence:
 * the material's own treatment of the topic, which a summary of the topic should summarize.
 */
function pageAbout(kb: KnowledgeBase, plan: QueryPlan, tuning: SummaryTuning): string | null {
  if (tuning.aboutShare > 1 || kb.documents.length < 2) return null;
  const subject = plan.planned.filter((w) => !w.asking && w.terms.length > 0);
  const total = subject.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return null;
  const pages: string[] = [];
  for (const h of runQuery(kb, plan, { limit: SUMMARY_DEFAULTS.topicPages * 4 }).hits) {
    if (!pages.includes(h.chunk.document)) pages.push(h.chunk.document);
    if (pages.length === SUMMARY_DEFAULTS.topicPages) break;
  }
  for (const page of pages) {
    const named = nameTerms(kb, page);
    const held = subject.filter((w) => w.terms.some((t) => t.weight === 1 && named.has(t.term))).reduce((sum, w) => sum + w.weight, 0);
    if (held / total >= tuning.aboutShare) return page;
  }
  return null;
}

/** The terms of a page's title and its first sentence: what the page says it is about. */
function nameTerms(kb: KnowledgeBase, page: string): Set<string> {
  const [start, end] = kb.chunks.rangeOf(page);
  let opening = '';
  for (let i = start; i < end && !opening; i++) if (kb.chunks.kindAt(i) === 'paragraph') opening = quotableUnits(kb.chunks.at(i))[0]?.text ?? '';
  const out = new Set<string>();
  for (const w of words(`${kb.documentById.get(page)?.title ?? ''} ${opening}`)) {
    const t = termOf(w.text);
    if (t !== null) out.add(t);
  }
  return out;
}

/** Positions of every body paragraph (credits left out), without making the chunks. */
function bodyPositions(kb: KnowledgeBase): number[] {
  const out: number[] = [];
  for (let i = 0; i < kb.chunks.size; i++) if (kb.chunks.kindAt(i) !== 'credit') out.push(i);
  return out;
}
