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
  kind: Uint8Array;
  /** Index into `breadcrumbs`, per chunk: neighbouring paragraphs share their headings. */
  breadcrumb: Uint32Array;
  breadcrumbs: string[][];
  /** Where each chunk's text ends in `texts`, in bytes. */
  textEnds: Uint32Array;
  texts: Buffer;
}

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

  private constructor(documents: readonly KnowledgeDocument[], columns: ChunkColumns, made?: Chunk[]) {
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
    const n = chunks.length;
    const documentIndex = new Map(documents.map((d, i) => [d.id, i]));
    const document = new Uint32Array(n);
    const paragraph = new Uint32Array(n);
    const kind = new Uint8Array(n);
    const breadcrumb = new Uint32Array(n);
    const breadcrumbs: string[][] = [];
    const breadcrumbId = new Map<string, number>();
    const textEnds = new Uint32Array(n);
    const texts: Buffer[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const c = chunks[i]!;
      const d = documentIndex.get(c.document);
      if (d === undefined) throw new Error(`chunk ${c.id} belongs to no document`);
      document[i] = d;
      paragraph[i] = c.paragraph;
      kind[i] = KIND_CODE.get(c.kind) ?? 0;
      const key = c.breadcrumb.join('\u0000');
      let b = breadcrumbId.get(key);
      if (b === undefined) {
        b = breadcrumbs.push(c.breadcrumb) - 1;
        breadcrumbId.set(key, b);
      }
      breadcrumb[i] = b;
      const text = Buffer.from(c.text, 'utf8');
      texts.push(text);
      bytes += text.length;
      textEnds[i] = bytes;
    }
    const columns = { document, paragraph, kind, breadcrumb, breadcrumbs, textEnds, texts: Buffer.concat(texts, bytes) };
    return new ChunkStore(documents, columns, [...chunks]);
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
    const credit = kind === 'credit';
    const chunk: Chunk = {
      id: credit ? `${doc.id}#credit` : `${doc.id}#p${paragraph}`,
      document: doc.id,
      title: doc.title,
      paragraph,
      breadcrumb: c.breadcrumbs[c.breadcrumb[i]!]!,
      kind,
      text: c.texts.toString('utf8', i === 0 ? 0 : c.textEnds[i - 1]!, c.textEnds[i]!),
      url: doc.url,
      citation: credit ? `${doc.title}, credit` : `${doc.title}, ¶${paragraph}`,
    };
    this.#made[i] = chunk;
    return chunk;
  }

  /** A chunk's id without making the chunk. */
  idAt(i: number): string {
    const c = this.#columns;
    const doc = this.#documents[c.document[i]!]!;
    return KINDS[c.kind[i]!] === 'credit' ? `${doc.id}#credit` : `${doc.id}#p${c.paragraph[i]!}`;
  }

  /** Position of the chunk with this id, or -1. */
  indexOf(id: string): number {
    const hash = id.lastIndexOf('#');
    if (hash < 0) return -1;
    const d = this.#documentIndex.get(id.slice(0, hash));
    if (d === undefined) return -1;
    const anchor = id.slice(hash + 1);
    const credit = anchor === 'credit';
    const match = /^p([1-9]\d*)$/.exec(anchor);
    if (!credit && !match) return -1;
    const paragraph = credit ? 0 : Number(match![1]);
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

  /** Index into the documents of the chunk at `i`. */
  documentAt(i: number): number {
    return this.#columns.document[i]!;
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
