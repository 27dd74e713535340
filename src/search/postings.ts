/**
 * An inverted index in typed arrays, scored exactly as MiniSearch scores (BM25+ per field, the
 * same k, b and d, the same field-length rule, the sum multiplied by the number of query terms a
 * chunk matched). MiniSearch keeps each (term, chunk) posting as a Map entry: a large
 * folder has millions, slow to rebuild from JSON and heavy on the heap, and a query allocates an
 * object for each posting it touches (docs/benchmarks.md has the figures). Here a posting is 6 bytes in two arrays that load as they were written, and a query adds into one
 * reusable array of scores. tests/search/postings.test.ts holds it to MiniSearch's results.
 */

/** The fields every chunk has, in the order postings are kept. */
export const FIELDS = ['title', 'breadcrumb', 'text'] as const;
export type Field = (typeof FIELDS)[number];
const F = FIELDS.length;
const TEXT_FIELD = FIELDS.indexOf('text');

/** A chunk's text length in words, as BM25 counts it (its distinct tokens), from the index's field lengths. */
export function textLength(data: Pick<PostingsData, 'fieldLengths'>, chunk: number): number {
  return data.fieldLengths[chunk * F + TEXT_FIELD]!;
}

/** MiniSearch's defaults for BM25+. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** Term frequencies are stored in 16 bits; a word repeated more often than this in one paragraph gains nothing more. */
const MAX_FREQ = 0xffff;

/** Query terms whose matches are told apart per chunk (two 32-bit masks). */
const MAX_QUERY_TERMS = 64;

export interface PostingsData {
  /** Term id → term. */
  terms: string[];
  /** Start of each (term, field) list in `docs`/`freqs`, at `term * 3 + field`; one more for the end. */
  offsets: Uint32Array;
  docs: Uint32Array;
  freqs: Uint16Array;
  /** Distinct tokens of each (chunk, field), at `chunk * 3 + field`: MiniSearch's field length. */
  fieldLengths: Uint32Array;
}

export interface Tokenizing {
  tokenize: (text: string) => string[];
  processTerm: (token: string) => string | null;
  /** Told of every term of a chunk's breadcrumb and text (not its title), as it is indexed. */
  observe?: { chunk(): void; term(token: string, term: string): void };
}

export interface QueryTerm {
  term: string;
  boost: number;
}

export interface ScoreOptions {
  fieldBoosts: Readonly<Record<Field, number>>;
  /** Hits wanted, best first. */
  limit: number;
  /** Multiplies a chunk's score; 0 leaves the chunk out. */
  chunkBoost?: (chunk: number) => number;
  /** The same as `chunkBoost`, worked out ahead for every chunk (by position): no call per chunk matched. */
  chunkBoosts?: Float64Array;
  filter?: (chunk: number) => boolean;
  /** Told every chunk that matched (after the filter) with its final score, not only the best `limit`. */
  visit?: (chunk: number, score: number) => void;
}

export interface Scored {
  /** Best first: chunk position, score, and the query terms it holds. */
  hits: { chunk: number; score: number; terms: string[] }[];
  /** Chunks that matched at all (after the filter). */
  total: number;
}

export class PostingsIndex {
  readonly #data: PostingsData;
  readonly #termIds: Map<string, number>;
  readonly #averageLength: Float64Array;
  readonly chunkCount: number;
  #scratch: Scratch | null = null;

  constructor(data: PostingsData) {
    this.#data = data;
    this.chunkCount = data.fieldLengths.length / F;
    this.#termIds = new Map();
    for (let i = 0; i < data.terms.length; i++) this.#termIds.set(data.terms[i]!, i);
    this.#averageLength = new Float64Array(F);
    if (this.chunkCount > 0) {
      const sums = new Float64Array(F);
      for (let i = 0; i < data.fieldLengths.length; i++) sums[i % F]! += data.fieldLengths[i]!;
      for (let f = 0; f < F; f++) this.#averageLength[f] = sums[f]! / this.chunkCount;
    }
  }

  get data(): PostingsData {
    return this.#data;
  }

  get termCount(): number {
    return this.#termIds.size;
  }

  /** Chunks holding `term` in `field`. */
  frequency(term: string, field: Field): number {
    const [start, end] = this.postingRange(term, field);
    return end - start;
  }

  /** Where the postings of `term` in `field` lie in `data.docs` and `data.freqs`: [start, end), empty for an unknown term. */
  postingRange(term: string, field: Field): [number, number] {
    const id = this.#termIds.get(term);
    if (id === undefined) return [0, 0];
    const key = id * F + FIELDS.indexOf(field);
    return [this.#data.offsets[key]!, this.#data.offsets[key + 1]!];
  }

  /**
   * The best chunks for these terms (OR), scored as MiniSearch's `search` with exact terms,
   * `boost` per field and `boostTerm` per term would score them. Terms past MAX_QUERY_TERMS are
   * ignored: callers order their terms by what matters most.
   */
  score(query: readonly QueryTerm[], options: ScoreOptions): Scored {
    const s = (this.#scratch ??= new Scratch(this.chunkCount));
    const terms = query.slice(0, MAX_QUERY_TERMS);
    const touched = this.#accumulate(s, terms, FIELDS.map((f) => options.fieldBoosts[f] || 1));
    const top = new TopK(options.limit);
    const total = offerMatched(s, touched, options, top);
    const hits = top.sorted().map(({ chunk, score }) => ({ chunk, score, terms: matchedTerms(terms, s.low[chunk]!, s.high[chunk]!) }));
    for (let i = 0; i < touched; i++) s.clear(s.touched[i]!);
    return { hits, total };
  }

  /** Adds every query term's contributions into the scratch's sums; returns how many chunks they reached. */
  #accumulate(s: Scratch, terms: readonly QueryTerm[], fieldBoosts: readonly number[]): number {
    let touched = 0;
    for (let q = 0; q < terms.length; q++) {
      const id = this.#termIds.get(terms[q]!.term);
      if (id === undefined) continue;
      const stamp = s.nextStamp();
      for (let f = 0; f < F; f++) touched = this.#accumulateField(s, touched, id, f, terms[q]!.boost * fieldBoosts[f]!, q, stamp);
    }
    return touched;
  }

  /**
   * Adds the BM25+ score of term `id` in field `f`, weighted by `boost`, to every chunk holding it,
   * and marks those chunks as holding query term `q` (counted once per `stamp`, whatever the field).
   */
  #accumulateField(s: Scratch, touched: number, id: number, f: number, boost: number, q: number, stamp: number): number {
    const { offsets, docs, freqs, fieldLengths } = this.#data;
    const start = offsets[id * F + f]!;
    const end = offsets[id * F + f + 1]!;
    const df = end - start;
    if (df === 0) return touched;
    const weight = boost * Math.log(1 + (this.chunkCount - df + 0.5) / (df + 0.5));
    const norm = K / this.#averageLength[f]!;
    const low = q < 32 ? 1 << q : 0;
    const high = q >= 32 ? 1 << (q - 32) : 0;
    for (let p = start; p < end; p++) {
      const d = docs[p]!;
      const tf = freqs[p]!;
      s.scores[d] = s.scores[d]! + weight * (D + (tf * (K + 1)) / (tf + K * (1 - B) + B * norm * fieldLengths[d * F + f]!));
      if (s.seen[d] !== stamp) {
        s.seen[d] = stamp;
        const matched = s.matched[d]!;
        s.matched[d] = matched + 1;
        if (matched === 0) touched = s.touch(touched, d);
        s.low[d] = s.low[d]! | low;
        s.high[d] = s.high[d]! | high;
      }
    }
    return touched;
  }

  /**
   * A new index with chunks renumbered or dropped (`remap[old]` is the new position, or -1) and
   * `added` chunks indexed at their new positions. This index is not touched, so it keeps
   * answering until the caller swaps in the new one.
   */
  rebuilt(remap: Int32Array, chunkCount: number, added: Iterable<{ chunk: number; fields: readonly string[] }>, tokenizing: Tokenizing): PostingsIndex {
    const builder = new PostingsBuilder(chunkCount, tokenizing, this.#data.terms);
    const { offsets, docs, freqs, fieldLengths } = this.#data;
    for (let key = 0; key + 1 < offsets.length; key++) {
      for (let p = offsets[key]!; p < offsets[key + 1]!; p++) {
        const d = remap[docs[p]!]!;
        if (d >= 0) builder.push(key, d, freqs[p]!);
      }
    }
    for (let old = 0; old < remap.length; old++) {
      const d = remap[old]!;
      if (d >= 0) for (let f = 0; f < F; f++) builder.fieldLengths[d * F + f] = fieldLengths[old * F + f]!;
    }
    for (const a of added) builder.add(a.chunk, a.fields);
    return builder.finish();
  }
}

/**
 * Offers every chunk the query reached to `top`, its sum times its chunk boost times the number
 * of query terms it holds, as MiniSearch multiplies; returns how many passed the boost and filter.
 */
function offerMatched(s: Scratch, touched: number, options: ScoreOptions, top: TopK): number {
  const { chunkBoost, chunkBoosts } = options;
  let total = 0;
  for (let i = 0; i < touched; i++) {
    const d = s.touched[i]!;
    const boost = chunkBoosts ? chunkBoosts[d]! : chunkBoost ? chunkBoost(d) : 1;
    if (boost && (!options.filter || options.filter(d))) {
      total++;
      const score = s.scores[d]! * boost * s.matched[d]!;
      top.offer(d, score);
      options.visit?.(d, score);
    }
  }
  return total;
}

function matchedTerms(terms: readonly QueryTerm[], low: number, high: number): string[] {
  const out: string[] = [];
  for (let q = 0; q < terms.length; q++) {
    const bit = q < 32 ? low & (1 << q) : high & (1 << (q - 32));
    if (bit) out.push(terms[q]!.term);
  }
  return out;
}

/**
 * Largest stamp `Scratch.seen` holds. Two bytes a chunk rather than four; clearing the column
 * once every 65,535 query terms costs less than a term's postings, and a wrap that comes this
 * often is one the tests reach.
 */
export const MAX_STAMP = 0xffff;

/** Per-chunk accumulators, reused by every query on one index (queries run one at a time). */
class Scratch {
  readonly scores: Float64Array;
  readonly matched: Uint8Array;
  /** The stamp of the last query term that reached each chunk: a term counts once per chunk, whatever its fields. */
  readonly seen: Uint16Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  touched: Uint32Array;
  #stamp = 0;

  constructor(n: number) {
    this.scores = new Float64Array(n);
    this.matched = new Uint8Array(n);
    this.seen = new Uint16Array(n);
    this.low = new Int32Array(n);
    this.high = new Int32Array(n);
    this.touched = new Uint32Array(Math.min(n, 1024));
  }

  nextStamp(): number {
    if (++this.#stamp > MAX_STAMP) {
      this.seen.fill(0);
      this.#stamp = 1;
    }
    return this.#stamp;
  }

  touch(count: number, chunk: number): number {
    if (count === this.touched.length) {
      const grown = new Uint32Array(Math.max(16, count * 2));
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[count] = chunk;
    return count + 1;
  }

  clear(chunk: number): void {
    this.scores[chunk] = 0;
    this.matched[chunk] = 0;
    this.low[chunk] = 0;
    this.high[chunk] = 0;
  }
}

/** The best `k` (chunk, score) pairs: a min-heap, so a query matching 100,000 chunks sorts 100. */
class TopK {
  readonly #k: number;
  readonly #chunks: number[] = [];
  readonly #scores: number[] = [];

  constructor(k: number) {
    this.#k = Math.max(0, k);
  }

  /** Higher score first; on a tie, the earlier chunk. */
  static #better(s1: number, c1: number, s2: number, c2: number): boolean {
    return s1 > s2 || (s1 === s2 && c1 < c2);
  }

  offer(chunk: number, score: number): void {
    const c = this.#chunks;
    const s = this.#scores;
    if (c.length < this.#k) {
      c.push(chunk);
      s.push(score);
      let i = c.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopK.#better(s[parent]!, c[parent]!, s[i]!, c[i]!)) break;
        this.#swap(i, parent);
        i = parent;
      }
      return;
    }
    if (c.length === 0 || !TopK.#better(score, chunk, s[0]!, c[0]!)) return;
    c[0] = chunk;
    s[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < c.length && TopK.#better(s[worst]!, c[worst]!, s[l]!, c[l]!)) worst = l;
      if (r < c.length && TopK.#better(s[worst]!, c[worst]!, s[r]!, c[r]!)) worst = r;
      if (worst === i) break;
      this.#swap(i, worst);
      i = worst;
    }
  }

  sorted(): { chunk: number; score: number }[] {
    const out = this.#chunks.map((chunk, i) => ({ chunk, score: this.#scores[i]! }));
    return out.sort((a, b) => (TopK.#better(a.score, a.chunk, b.score, b.chunk) ? -1 : 1));
  }

  #swap(i: number, j: number): void {
    [this.#chunks[i], this.#chunks[j]] = [this.#chunks[j]!, this.#chunks[i]!];
    [this.#scores[i], this.#scores[j]] = [this.#scores[j]!, this.#scores[i]!];
  }
}

/** Postings gathered in arrival order, then grouped by (term, field) with one counting sort. */
export class PostingsBuilder {
  readonly fieldLengths: Uint32Array;
  readonly #tokenizing: Tokenizing;
  readonly #terms: string[];
  readonly #termIds: Map<string, number>;
  #keys = new Uint32Array(1 << 16);
  #docs = new Uint32Array(1 << 16);
  #freqs = new Uint16Array(1 << 16);
  #count = 0;
  /** The last title's terms: every chunk of a document repeats its title. */
  #titleCache: { text: string; counts: Map<number, number>; length: number } | null = null;

  constructor(chunkCount: number, tokenizing: Tokenizing, terms: readonly string[] = []) {
    this.fieldLengths = new Uint32Array(chunkCount * F);
    this.#tokenizing = tokenizing;
    this.#terms = [...terms];
    this.#termIds = new Map(this.#terms.map((t, i) => [t, i]));
  }

  push(key: number, doc: number, freq: number): void {
    if (this.#count === this.#keys.length) this.#grow();
    this.#keys[this.#count] = key;
    this.#docs[this.#count] = doc;
    this.#freqs[this.#count] = freq;
    this.#count++;
  }

  /** Indexes one chunk's fields (title, breadcrumb, text) at position `chunk`. */
  add(chunk: number, fields: readonly string[]): void {
    this.#tokenizing.observe?.chunk();
    for (let f = 0; f < F; f++) {
      const text = fields[f] ?? '';
      const cached = f === 0 && this.#titleCache?.text === text ? this.#titleCache : null;
      const { counts, length } = cached ?? this.#analyse(text, f !== 0);
      if (f === 0 && !cached) this.#titleCache = { text, counts, length };
      this.fieldLengths[chunk * F + f] = length;
      for (const [term, freq] of counts) this.push(term * F + f, chunk, Math.min(freq, MAX_FREQ));
    }
  }

  #analyse(text: string, observed: boolean): { counts: Map<number, number>; length: number } {
    const { tokenize, processTerm, observe } = this.#tokenizing;
    const tokens = tokenize(text);
    const counts = new Map<number, number>();
    for (const token of tokens) {
      const term = processTerm(token);
      if (term === null) continue;
      if (observed) observe?.term(token, term);
      let id = this.#termIds.get(term);
      if (id === undefined) {
        id = this.#terms.push(term) - 1;
        this.#termIds.set(term, id);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return { counts, length: new Set(tokens).size };
  }

  #grow(): void {
    const size = this.#keys.length * 2;
    const keys = new Uint32Array(size);
    keys.set(this.#keys);
    const docs = new Uint32Array(size);
    docs.set(this.#docs);
    const freqs = new Uint16Array(size);
    freqs.set(this.#freqs);
    this.#keys = keys;
    this.#docs = docs;
    this.#freqs = freqs;
  }

  finish(): PostingsIndex {
    const n = this.#count;
    const offsets = new Uint32Array(this.#terms.length * F + 1);
    for (let i = 0; i < n; i++) offsets[this.#keys[i]! + 1]!++;
    for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
    const next = offsets.slice(0, -1);
    const docs = new Uint32Array(n);
    const freqs = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const at = next[this.#keys[i]!]!++;
      docs[at] = this.#docs[i]!;
      freqs[at] = this.#freqs[i]!;
    }
    this.#keys = new Uint32Array(0);
    this.#docs = new Uint32Array(0);
    this.#freqs = new Uint16Array(0);
    return new PostingsIndex({ terms: this.#terms, offsets, docs, freqs, fieldLengths: this.fieldLengths });
  }
}
