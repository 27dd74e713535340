import { ChunkStore, type Chunk, type KnowledgeDocument, type SkippedFile } from '../knowledge/index.ts';
import type { LoadedKnowledge } from '../knowledge/load.ts';
import { pageIndex, usePageIndex, type PageIndexData } from './pages.ts';
import { PostingsBuilder, type PostingsIndex, type Tokenizing } from './postings.ts';
import { extractTopics, type Topic } from './topics.ts';
import { termOf, tokenize } from './text.ts';
import { VocabularyRecorder, type Vocabulary } from './vocabulary.ts';

/** A knowledge file as it was when indexed: what a reload compares against. */
export interface IndexedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Everything the answer layer needs: the chunks, their index, and what the index knows of words. */
export interface KnowledgeBase {
  dir: string;
  documents: KnowledgeDocument[];
  /** Every chunk, grouped by document in `documents` order; positions are the index's chunk numbers. */
  chunks: ChunkStore;
  documentById: Map<string, KnowledgeDocument>;
  index: PostingsIndex;
  vocabulary: Vocabulary;
  topics: Topic[];
  skipped: SkippedFile[];
  /** Every file seen, usable or skipped, with the stats it had. */
  files: IndexedFile[];
  /** ISO time the knowledge base was last built or reloaded. */
  indexedAt: string;
  /** ISO time each document was last (re)indexed, by document id. */
  documentIndexedAt: Map<string, string>;
  fingerprint: string;
}

/**
 * A credit line names its kind once ("Illustration: …"); people ask "who drew the picture?".
 * These words make the credit findable by what it is, without becoming part of its text. They are
 * indexed with its text, not as its heading: headings are a word or two, so a field this long
 * among them would weigh the credit down below any paragraph that shares one other word of the
 * question ("who drew the picture that *accompanies* the article").
 */
export const CREDIT_KEYWORDS = 'credit illustration illustrator illustrated picture image photo photograph photographer artwork artist drawing drew drawn graphic cartoon';

/** What is indexed for a chunk, field by field (see FIELDS): title, breadcrumb, text. */
export function indexedFields(chunk: Chunk): [string, string, string] {
  return [chunk.title, chunk.breadcrumb.join(' › '), chunk.kind === 'credit' ? `${chunk.text} ${CREDIT_KEYWORDS}` : chunk.text];
}

/** What a chunk says, for the vocabulary: its headings, its words, and what a credit is. */
export function chunkBody(chunk: Chunk): string {
  return `${chunk.breadcrumb.join('\n')}\n${chunk.text}${chunk.kind === 'credit' ? `\n${CREDIT_KEYWORDS}` : ''}`;
}

export type KnowledgeBaseParts = Omit<KnowledgeBase, 'documentById'> & {
  /** The page index as the index file kept it; without it, it is built here. */
  pages?: PageIndexData;
};

/**
 * Adds the lookup tables that are cheaper to rebuild than to store. A page index that was not
 * read from the index file is built now, so the first question does not wait for it.
 */
export function assembleKnowledgeBase(parts: KnowledgeBaseParts): KnowledgeBase {
  const { pages, ...rest } = parts;
  const kb = { ...rest, documentById: new Map(parts.documents.map((d) => [d.id, d])) };
  if (pages) usePageIndex(kb, pages);
  else pageIndex(kb);
  return kb;
}

/** How chunks are indexed: the tokenizer and term rule, and the vocabulary listening in. */
export function indexTokenizing(recorder?: VocabularyRecorder): Tokenizing {
  return {
    tokenize,
    // The same rule at index and at query time.
    processTerm: termOf,
    ...(recorder ? { observe: { chunk: () => recorder.startChunk(), term: (token: string, stem: string) => recorder.word(token, stem) } } : {}),
  };
}

export function buildKnowledgeBase(dir: string, loaded: LoadedKnowledge, fingerprint: string): KnowledgeBase {
  const recorder = new VocabularyRecorder();
  const builder = new PostingsBuilder(loaded.chunks.length, indexTokenizing(recorder));
  loaded.chunks.forEach((chunk, i) => builder.add(i, indexedFields(chunk)));
  const index = builder.finish();
  const vocabulary = recorder.finish(loaded.documents.map((d) => d.title));
  const topics = extractTopics(loaded.chunks.length, (i) => loaded.chunks[i]!.text);
  const indexedAt = new Date().toISOString();
  return assembleKnowledgeBase({
    dir,
    documents: loaded.documents,
    chunks: ChunkStore.fromChunks(loaded.documents, loaded.chunks),
    skipped: loaded.skipped,
    files: loaded.files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs })),
    index,
    vocabulary,
    topics,
    indexedAt,
    documentIndexedAt: new Map(loaded.documents.map((d) => [d.id, indexedAt])),
    fingerprint,
  });
}
