import MiniSearch, { type Options } from 'minisearch';
import type { Chunk, KnowledgeDocument, SkippedFile } from '../knowledge/index.ts';
import type { LoadedKnowledge } from '../knowledge/load.ts';
import { INDEX_OPTIONS, type IndexedChunk } from './options.ts';
import { extractTopics, type Topic } from './topics.ts';
import { processTerm } from './text.ts';
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
  chunks: Chunk[];
  chunkById: Map<string, Chunk>;
  documentById: Map<string, KnowledgeDocument>;
  /** Body chunks of each document in paragraph order (the credit excluded), for neighbours. */
  bodyByDocument: Map<string, Chunk[]>;
  index: MiniSearch<IndexedChunk>;
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
 * These words make the credit findable by what it is, without becoming part of its text.
 */
export const CREDIT_KEYWORDS = 'credit illustration illustrator picture image photo photograph photographer artwork artist drawing graphic cartoon';

export function toIndexed(chunk: Chunk): IndexedChunk {
  const breadcrumb = chunk.breadcrumb.join(' › ');
  return { id: chunk.id, title: chunk.title, breadcrumb: chunk.kind === 'credit' ? CREDIT_KEYWORDS : breadcrumb, text: chunk.text };
}

/** What a chunk says, for the vocabulary: its headings, its words, and what a credit is. */
export function chunkBody(chunk: Chunk): string {
  return `${chunk.breadcrumb.join('\n')}\n${chunk.text}${chunk.kind === 'credit' ? `\n${CREDIT_KEYWORDS}` : ''}`;
}

export type KnowledgeBaseParts = Omit<KnowledgeBase, 'chunkById' | 'documentById' | 'bodyByDocument'>;

/** Adds the lookup tables that are cheaper to rebuild than to store. */
export function assembleKnowledgeBase(parts: KnowledgeBaseParts): KnowledgeBase {
  const chunkById = new Map(parts.chunks.map((c) => [c.id, c]));
  const documentById = new Map(parts.documents.map((d) => [d.id, d]));
  const bodyByDocument = new Map<string, Chunk[]>();
  for (const chunk of parts.chunks) {
    if (chunk.kind === 'credit') continue;
    const list = bodyByDocument.get(chunk.document) ?? [];
    list.push(chunk);
    bodyByDocument.set(chunk.document, list);
  }
  return { ...parts, chunkById, documentById, bodyByDocument };
}

/**
 * The index options for a build: MiniSearch's own tokenizing also feeds the vocabulary recorder,
 * so the build reads each paragraph once. The first field MiniSearch extracts from a document is
 * its id, which marks where one chunk's words end and the next one's begin.
 */
function recordingOptions(recorder: VocabularyRecorder): Options<IndexedChunk> {
  return {
    ...INDEX_OPTIONS,
    extractField: (document, field) => {
      if (field === 'id') recorder.startChunk();
      return document[field as keyof IndexedChunk];
    },
    processTerm: (term, field) => {
      const stem = processTerm(term);
      if (stem !== null && field !== 'title') recorder.word(term, stem);
      return stem;
    },
  };
}

export function buildKnowledgeBase(dir: string, loaded: LoadedKnowledge, fingerprint: string): KnowledgeBase {
  const recorder = new VocabularyRecorder();
  const index = new MiniSearch<IndexedChunk>(recordingOptions(recorder));
  index.addAll(loaded.chunks.map(toIndexed));
  const vocabulary = recorder.finish(loaded.documents.map((d) => d.title));
  const topics = extractTopics(loaded.chunks.map((c) => c.text));
  const indexedAt = new Date().toISOString();
  return assembleKnowledgeBase({
    dir,
    documents: loaded.documents,
    chunks: loaded.chunks,
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
