import { chunkId, citation, pageUrl, parseChunkId, type Anchor } from './references.ts';
import type { Chunk, ChunkKind, KnowledgeDocument } from './types.ts';

const KINDS: readonly ChunkKind[] = ['paragraph', 'list', 'code', 'quote', 'table', 'credit'];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));

/**
 * The chunks of a knowledge base as columns: what a chunk is made of, minus everything its
 * document already says (title, URL, id). This is the persisted form; a folder of 280,000
 * paragraphs is one UTF-8 buffer and a few typed arrays rather than 280,000 objects to parse.
 */
export interface ChunkColumns {
  /** Index into the documents, per chunk; a document's chunks are consecutive. */
  document: Uint32Array;
  paragraph: Uint32Array;
  /** The page each chunk was printed on; 0 for formats without pages. */
  page: Uint32Array;
  kind: Uint8Array;
  /** Index into `breadcrumbs`, per chunk: neighbouring paragraphs share their headings. */
  breadcrumb: Uint32Array;
  breadcrumbs: string[][];
  /** Where each chunk's text ends in `texts`, in bytes. */
  textEnds: Uint32Array;
  texts: Buffer;
}

/** Part of a new store: a run [start, end) of an existing store's chunks, or chunks just read. */
export type StorePart = { store: ChunkStore; start: number; end: number } | { chunks: readonly Chunk[] };

/**
 * Every chunk of a knowledge base, in document order, made into objects only when asked for.
 * Start-up from a persisted index reads columns and a text buffer, so "ready" does not wait for
 * a quarter of a million objects that most sessions never look at; a chunk once made is kept,
 * so the same id always gives the same object.
 */
export class ChunkStore implements Iterable<Chunk> {
  readonly #documents: readonly KnowledgeDocument[];
  readonly #columns: ChunkColumns;
  readonly #made: (Chunk | undefined)[];
  readonly #documentIndex: Map<string, number>;
  /** First chunk of each document; one more entry for the end. */
  readonly #starts: Uint32Array;

  private constructor(documents: readonly KnowledgeDocument[], columns: ChunkColumns, made?: (Chunk | undefined)[]) {
    this.#documents = documents;
    this.#columns = columns;
    const n = columns.document.length;
    this.#made = made ?? new Array<Chunk | undefined>(n);
    this.#documentIndex = new Map(documents.map((d, i) => [d.id, i]));
    this.#starts = new Uint32Array(documents.length + 1);
    let at = 0;
    for (let d = 0; d < documents.length; d++) {
      this.#starts[d] = at;
      while (at < n && columns.document[at] === d) at++;
    }
    this.#starts[documents.length] = at;
    if (at !== n) throw new Error(`chunk ${at} is out of document order`);
  }

  /** A store over chunks already made (a build): they must be grouped by document, in `documents` order. */
  static fromChunks(documents: readonly KnowledgeDocument[], chunks: readonly Chunk[]): ChunkStore {
    return ChunkStore.assemble(documents, [{ chunks }]);
  }

  /**
   * A store made of runs of another store's chunks (copied as bytes, never decoded) and of new
   * chunks, in the order given: how a reload keeps the unchanged documents of a large folder.
   */
  static assemble(documents: readonly KnowledgeDocument[], parts: readonly StorePart[]): ChunkStore {
    const writer = new ColumnWriter(documents, parts.reduce((sum, p) => sum + ('chunks' in p ? p.chunks.length : p.end - p.start), 0));
    for (const part of parts) {
      if ('chunks' in part) writer.addChunks(part.chunks);
      else writer.addRun(part.store.#columns, part.store.#documents, part.start, part.end);
    }
    const { columns, made } = writer.finish();
    return new ChunkStore(documents, columns, made);
  }

  static fromColumns(documents: readonly KnowledgeDocument[], columns: ChunkColumns): ChunkStore {
    return new ChunkStore(documents, columns);
  }

  get size(): number {
    return this.#columns.document.length;
  }

  get columns(): ChunkColumns {
    return this.#columns;
  }

  at(i: number): Chunk {
    const made = this.#made[i];
    if (made) return made;
    if (!(i >= 0 && i < this.size)) throw new RangeError(`no chunk ${i} (of ${this.size})`);
    const c = this.#columns;
    const doc = this.#documents[c.document[i]!]!;
    const paragraph = c.paragraph[i]!;
    const kind = KINDS[c.kind[i]!]!;
    const anchor: Anchor = kind === 'credit' ? 'credit' : paragraph;
    const page = c.page[i]! || undefined;
    const chunk: Chunk = {
      id: chunkId(doc.id, anchor),
      document: doc.id,
      title: doc.title,
      paragraph,
      breadcrumb: c.breadcrumbs[c.breadcrumb[i]!]!,
      kind,
      text: c.texts.toString('utf8', i === 0 ? 0 : c.textEnds[i - 1]!, c.textEnds[i]!),
      url: pageUrl(doc.url, page),
      citation: citation(doc.title, anchor, page === undefined ? undefined : { page, paragraph: this.#onPage(i) }),
    };
    if (page !== undefined) chunk.page = page;
    this.#made[i] = chunk;
    return chunk;
  }

  /** A chunk's number counting from the top of its page: the chunks before it on the same page, plus one. */
  #onPage(i: number): number {
    const c = this.#columns;
    const start = this.#starts[c.document[i]!]!;
    let n = 1;
    for (let j = i - 1; j >= start && c.page[j] === c.page[i] && KINDS[c.kind[j]!] !== 'credit'; j--) n++;
    return n;
  }

  /** A chunk's id without making the chunk. */
  idAt(i: number): string {
    const c = this.#columns;
    const doc = this.#documents[c.document[i]!]!;
    return chunkId(doc.id, KINDS[c.kind[i]!] === 'credit' ? 'credit' : c.paragraph[i]!);
  }

  /** Position of the chunk with this id, or -1. */
  indexOf(id: string): number {
    const parsed = parseChunkId(id);
    if (!parsed) return -1;
    const d = this.#documentIndex.get(parsed.document);
    if (d === undefined) return -1;
    const credit = parsed.anchor === 'credit';
    const paragraph = parsed.anchor === 'credit' ? 0 : parsed.anchor;
    const c = this.#columns;
    for (let i = this.#starts[d]!; i < this.#starts[d + 1]!; i++) {
      if (c.paragraph[i] === paragraph && (KINDS[c.kind[i]!] === 'credit') === credit) return i;
    }
    return -1;
  }

  get(id: string): Chunk | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.at(i);
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0;
  }

  /** Positions [start, end) of a document's chunks; empty for an unknown document. */
  rangeOf(documentId: string): [number, number] {
    const d = this.#documentIndex.get(documentId);
    return d === undefined ? [0, 0] : [this.#starts[d]!, this.#starts[d + 1]!];
  }

  /**
   * Positions [start, end) of the section chunk i stands in: the run of its document's chunks
   * under the same headings.
   */
  sectionOf(i: number): [number, number] {
    const c = this.#columns;
    const d = c.document[i]!;
    const [first, last] = [this.#starts[d]!, this.#starts[d + 1]!];
    const same = (j: number) => c.breadcrumb[j] === c.breadcrumb[i] && KINDS[c.kind[j]!] !== 'credit';
    let start = i;
    while (start > first && same(start - 1)) start--;
    let end = i + 1;
    while (end < last && same(end)) end++;
    return [start, end];
  }

  kindAt(i: number): ChunkKind {
    return KINDS[this.#columns.kind[i]!]!;
  }

  /** A document's body paragraphs in order, its credit left out. */
  bodyOf(documentId: string): Chunk[] {
    const [start, end] = this.rangeOf(documentId);
    const out: Chunk[] = [];
    for (let i = start; i < end; i++) if (KINDS[this.#columns.kind[i]!] !== 'credit') out.push(this.at(i));
    return out;
  }

  /** Every chunk of a document, the credit included. */
  ofDocument(documentId: string): Chunk[] {
    const [start, end] = this.rangeOf(documentId);
    const out: Chunk[] = [];
    for (let i = start; i < end; i++) out.push(this.at(i));
    return out;
  }

  *[Symbol.iterator](): Iterator<Chunk> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }
}

/** The columns of a new store, filled chunk by chunk in order; neighbours' heading trails are stored once. */
class ColumnWriter {
  private readonly columns: Omit<ChunkColumns, 'texts'>;
  private readonly made: (Chunk | undefined)[];
  private readonly documentIndex: Map<string, number>;
  private readonly breadcrumbId = new Map<string, number>();
  private readonly texts: Buffer[] = [];
  private bytes = 0;
  private at = 0;

  constructor(documents: readonly KnowledgeDocument[], n: number) {
    this.documentIndex = new Map(documents.map((d, i) => [d.id, i]));
    this.columns = {
      document: new Uint32Array(n),
      paragraph: new Uint32Array(n),
      page: new Uint32Array(n),
      kind: new Uint8Array(n),
      breadcrumb: new Uint32Array(n),
      breadcrumbs: [],
      textEnds: new Uint32Array(n),
    };
    this.made = new Array<Chunk | undefined>(n);
  }

  /** Chunks just read: their text is encoded, and the objects kept as the ones the store hands out. */
  addChunks(chunks: readonly Chunk[]): void {
    for (const c of chunks) {
      const text = Buffer.from(c.text, 'utf8');
      this.texts.push(text);
      this.made[this.at] = c;
      this.place(this.at++, c.document, c.paragraph, c.page ?? 0, KIND_CODE.get(c.kind) ?? 0, c.breadcrumb, text.length);
    }
  }

  /** Chunks [start, end) of another store's columns: their text is copied as bytes, never decoded. */
  addRun(from: ChunkColumns, documents: readonly KnowledgeDocument[], start: number, end: number): void {
    const first = start === 0 ? 0 : from.textEnds[start - 1]!;
    this.texts.push(from.texts.subarray(first, end === 0 ? 0 : from.textEnds[end - 1]!));
    for (let i = start; i < end; i++) {
      const length = from.textEnds[i]! - (i === 0 ? 0 : from.textEnds[i - 1]!);
      const doc = documents[from.document[i]!]!;
      this.place(this.at++, doc.id, from.paragraph[i]!, from.page[i]!, from.kind[i]!, from.breadcrumbs[from.breadcrumb[i]!]!, length);
    }
  }

  finish(): { columns: ChunkColumns; made: (Chunk | undefined)[] } {
    return { columns: { ...this.columns, texts: Buffer.concat(this.texts, this.bytes) }, made: this.made };
  }

  private place(i: number, documentId: string, paragraph: number, page: number, kind: number, trail: string[], textBytes: number): void {
    const d = this.documentIndex.get(documentId);
    if (d === undefined) throw new Error(`chunk ${i} belongs to no document (${documentId})`);
    const columns = this.columns;
    columns.document[i] = d;
    columns.paragraph[i] = paragraph;
    columns.page[i] = page;
    columns.kind[i] = kind;
    columns.breadcrumb[i] = this.intern(trail);
    this.bytes += textBytes;
    columns.textEnds[i] = this.bytes;
  }

  private intern(trail: string[]): number {
    const key = trail.join('\u0000');
    let b = this.breadcrumbId.get(key);
    if (b === undefined) {
      b = this.columns.breadcrumbs.push(trail) - 1;
      this.breadcrumbId.set(key, b);
    }
    return b;
  }
}
