export { ChunkStore, type ChunkColumns, type StorePart } from './chunk-store.ts';
export type { Chunk, ChunkKind, KnowledgeDocument, SkippedFile } from './types.ts';
export { KnowledgeFolderError, listKnowledgeFiles, type KnowledgeFile } from './files.ts';
export { assignSlugs, loadFile, loadKnowledge, type FormatTally, type LoadedFile, type LoadedKnowledge, type LoadOptions } from './load.ts';
export { parseDocument } from './parse.ts';
