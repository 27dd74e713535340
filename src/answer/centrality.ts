import { idf, termOf, words, type Vocabulary } from '../search/index.ts';

/** A sentence as idf-weighted terms, scaled to unit length. */
export type Vector = Map<string, number>;

/**
 * `idfExponent` below 1 flattens idf: in a folder of one document, a word found in a single
 * paragraph outweighs the words the whole text is about, and every pair of sentences looks unlike.
 */
export function vectorOf(text: string, vocabulary: Vocabulary, idfExponent = 1): Vector {
  const tf = new Map<string, number>();
  for (const w of words(text)) {
    const t = termOf(w.text);
    if (t !== null) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  let norm = 0;
  for (const [t, n] of tf) {
    const weight = n * idf(vocabulary, t) ** idfExponent;
    tf.set(t, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of tf) tf.set(t, w / norm);
  return tf;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

/** Likeness to the sum of all the vectors: what the material says most, in one pass. */
export function centroidCentrality(vectors: readonly Vector[]): number[] {
  const centroid: Vector = new Map();
  for (const v of vectors) for (const [t, w] of v) centroid.set(t, (centroid.get(t) ?? 0) + w);
  const norm = Math.sqrt([...centroid.values()].reduce((s, w) => s + w * w, 0)) || 1;
  for (const [t, w] of centroid) centroid.set(t, w / norm);
  return vectors.map((v) => cosine(v, centroid));
}

export interface LexRankOptions {
  /** Chance of following a likeness rather than jumping anywhere (PageRank's damping). */
  damping: number;
  iterations: number;
}

/**
 * Continuous LexRank (Erkan and Radev): a sentence is central when sentences like it are
 * themselves central, so a point made once in many words does not outrank one the whole text
 * returns to. The graph is dense, so callers bound the number of sentences.
 */
export function lexRank(vectors: readonly Vector[], options: LexRankOptions): number[] {
  const n = vectors.length;
  if (n === 0) return [];
  const weights: Float64Array[] = [];
  const degree = new Float64Array(n);
  for (let i = 0; i < n; i++) weights.push(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = cosine(vectors[i]!, vectors[j]!);
      weights[i]![j] = w;
      weights[j]![i] = w;
      degree[i] = degree[i]! + w;
      degree[j] = degree[j]! + w;
    }
  }
  let rank = new Float64Array(n).fill(1 / n);
  for (let k = 0; k < options.iterations; k++) {
    const next = new Float64Array(n).fill((1 - options.damping) / n);
    let dangling = 0;
    for (let j = 0; j < n; j++) if (degree[j] === 0) dangling += rank[j]!;
    for (let i = 0; i < n; i++) {
      let sum = dangling / n;
      const row = weights[i]!;
      for (let j = 0; j < n; j++) if (row[j]! > 0) sum += (row[j]! / degree[j]!) * rank[j]!;
      next[i] = next[i]! + options.damping * sum;
    }
    rank = next;
  }
  return [...rank];
}

/** Scores scaled so the best is 1, so that signals of different kinds can be added. */
export function scaled(scores: readonly number[]): number[] {
  const max = scores.reduce((m, s) => Math.max(m, s), 0);
  return max > 0 ? scores.map((s) => s / max) : scores.map(() => 0);
}
