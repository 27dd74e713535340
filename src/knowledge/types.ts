/** A document as the loader understood it: where it came from and how to cite it. */
export interface KnowledgeDocument {
  /** Stable slug from the file's path inside the knowledge folder, e.g. `team/onboarding`. */
  id: string;
  /** Path relative to the knowledge folder, with forward slashes. */
  path: string;
  title: string;
  url: string | null;
  author: string | null;
  publisher: string | null;
  date: string | null;
  /** Credit lines ("Illustration: …") found in the body; searchable but not numbered. */
  credit: string | null;
  /** Number of numbered body paragraphs. */
  paragraphs: number;
}

export type ChunkKind = 'paragraph' | 'list' | 'code' | 'quote' | 'table' | 'credit';

/** One citable unit: a body paragraph (or the credit) of a document. */
export interface Chunk {
  /** `<document>#p<N>` for body paragraphs, `<document>#credit` for the credit. */
  id: string;
  document: string;
  title: string;
  /** 1-based body paragraph number; 0 for the credit. */
  paragraph: number;
  /** The page it was printed on, for formats with pages (PDF); absent otherwise. */
  page?: number;
  /** Headings above the paragraph, outermost first. */
  breadcrumb: string[];
  kind: ChunkKind;
  /** The paragraph's words as shown to people: markup stripped, links reduced to their text. */
  text: string;
  /** The document's source URL; for a paged document, opened at the chunk's page (`#page=P`). */
  url: string | null;
  /** "<title>, ¶N", or "<title>, p. P, ¶N" counting from the top of page P — what a person reads. */
  citation: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

/** A block of body text before numbering: what the chunker hands on. */
export interface Block {
  kind: Exclude<ChunkKind, 'credit'>;
  text: string;
  breadcrumb: string[];
  /** The page it was printed on, for formats with pages. */
  page?: number;
}
