import type { Chunk } from '../knowledge/index.ts';
import { idf, planQuery, runQuery, termOf, words, type KnowledgeBase, type Vocabulary } from '../search/index.ts';
import { coverageIn, JUDGE_DEFAULTS } from './answerable.ts';
import { MAX_QUESTION_CHARS } from './ask.ts';
import { sentenceScore, toExcerpt } from './excerpts.ts';
import { quotableUnits, type Sentence } from './sentences.ts';
import { suggestTopics } from './suggest.ts';
import type { SummaryResult } from './types.ts';

export interface SummaryOptions {
  document?: string;
  topic?: string;
  /** How many sentences (default 5, at most 20). */
  sentences?: number;
}

export class UnknownDocumentError extends Error {
  override name = 'UnknownDocumentError';
  constructor(readonly document: string, readonly known: string[]) {
    super(`No document "${document}". Known documents: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}.`);
  }
}

/** Above this many paragraphs a summary of "everything" reads an even sample instead. */
const MAX_SUMMARY_CHUNKS = 1500;
/** Paragraphs a topic summary draws from. */
const TOPIC_CHUNKS = 8;
/** Trade-off between a sentence's own worth and its overlap with sentences already chosen. */
const MMR_LAMBDA = 0.7;
const MIN_WORDS = 6;

type Vector = Map<string, number>;

interface Candidate {
  chunk: Chunk;
  order: number;
  sentence: Sentence;
  vector: Vector;
  score: number;
}

function vectorOf(text: string, vocabulary: Vocabulary): Vector {
  const tf = new Map<string, number>();
  for (const w of words(text)) {
    const t = termOf(w.text);
    if (t !== null) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  let norm = 0;
  for (const [t, n] of tf) {
    const weight = n * idf(vocabulary, t);
    tf.set(t, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of tf) tf.set(t, w / norm);
  return tf;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}

/**
 * An extractive summary: sentences chosen for how central they are to the material (or to the
 * topic) and how little they repeat each other, then quoted verbatim in the material's order,
 * each with its citation.
 */
export function summarize(kb: KnowledgeBase, options: SummaryOptions = {}): SummaryResult {
  const count = Math.max(1, Math.min(options.sentences ?? 5, 20));
  const document = options.document?.trim() || null;
  const topic = options.topic?.trim() || null;
  if (document && !kb.documentById.has(document)) throw new UnknownDocumentError(document, kb.documents.map((d) => d.id));

  const base = { topic, document };
  let chunks: Chunk[];
  let topicTerms: ReadonlyMap<string, number> = new Map();
  if (topic) {
    const plan = planQuery(topic.slice(0, MAX_QUESTION_CHARS), kb.vocabulary);
    const hits = runQuery(kb, plan, { ...(document ? { document } : {}), limit: TOPIC_CHUNKS + 1 }).hits.filter((h) => h.chunk.kind !== 'credit');
    if (hits.length === 0 || coverageIn(plan, hits[0]!.chunk).all < JUDGE_DEFAULTS.minCoverage) {
      return {
        ...base,
        answered: false,
        refusal: `The material says nothing about "${topic}".`,
        sentences: [],
        suggestions: suggestTopics(kb, plan),
      };
    }
    chunks = hits.slice(0, TOPIC_CHUNKS).map((h) => h.chunk);
    topicTerms = plan.terms;
  } else {
    chunks = document ? kb.chunks.bodyOf(document) : evenSample(bodyPositions(kb), MAX_SUMMARY_CHUNKS).map((i) => kb.chunks.at(i));
  }

  const order = new Map(chunks.map((c) => [c.id, kb.chunks.indexOf(c.id)]));
  let candidates: Candidate[] = [];
  for (const chunk of chunks) {
    for (const sentence of quotableUnits(chunk)) {
      if (topic && sentenceScore(sentence.text, topicTerms, kb.vocabulary) === 0) continue;
      candidates.push({ chunk, order: order.get(chunk.id) ?? 0, sentence, vector: vectorOf(sentence.text, kb.vocabulary), score: 0 });
    }
  }
  const long = candidates.filter((c) => words(c.sentence.text).length >= MIN_WORDS);
  if (long.length >= count) candidates = long;

  // Centrality: similarity to the centroid of all candidate sentences.
  const centroid: Vector = new Map();
  for (const c of candidates) for (const [t, w] of c.vector) centroid.set(t, (centroid.get(t) ?? 0) + w);
  const centroidNorm = Math.sqrt([...centroid.values()].reduce((s, w) => s + w * w, 0)) || 1;
  for (const [t, w] of centroid) centroid.set(t, w / centroidNorm);
  const relevance = candidates.map((c) => (topic ? sentenceScore(c.sentence.text, topicTerms, kb.vocabulary) : 0));
  const maxRelevance = relevance.reduce((m, r) => Math.max(m, r), 1e-9);
  candidates.forEach((c, i) => {
    const central = cosine(c.vector, centroid);
    c.score = topic ? 0.5 * central + 0.5 * ((relevance[i] ?? 0) / maxRelevance) : central;
  });

  // Maximal marginal relevance: each pick is worth its score less its likeness to earlier picks.
  const chosen: Candidate[] = [];
  const pool = new Set(candidates);
  while (chosen.length < count && pool.size > 0) {
    let best: Candidate | null = null;
    let bestValue = -Infinity;
    for (const c of pool) {
      const redundancy = chosen.reduce((m, s) => Math.max(m, cosine(c.vector, s.vector)), 0);
      const value = MMR_LAMBDA * c.score - (1 - MMR_LAMBDA) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (!best) break;
    chosen.push(best);
    pool.delete(best);
  }
  chosen.sort((a, b) => a.order - b.order || a.sentence.start - b.sentence.start);
  return {
    ...base,
    answered: chosen.length > 0,
    refusal: chosen.length > 0 ? null : 'There is nothing to summarize.',
    sentences: chosen.map((c) => toExcerpt(c.chunk, c.sentence, topicTerms)),
    suggestions: [],
  };
}

/** Positions of every body paragraph (credits left out), without making the chunks. */
function bodyPositions(kb: KnowledgeBase): number[] {
  const out: number[] = [];
  for (let i = 0; i < kb.chunks.size; i++) if (kb.chunks.kindAt(i) !== 'credit') out.push(i);
  return out;
}
