import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import type { Chunk, KnowledgeDocument, SkippedFile } from '../knowledge/index.ts';
import { assignSlugs, KnowledgeFolderError, listKnowledgeFiles, loadFile, type KnowledgeFile } from '../knowledge/index.ts';
import { fingerprintFiles } from './cache.ts';
import { assembleKnowledgeBase, chunkBody, toIndexed, type KnowledgeBase } from './knowledge-base.ts';
import { INDEX_OPTIONS, type IndexedChunk } from './options.ts';
import { extractTopics } from './topics.ts';
import { updateVocabulary } from './vocabulary.ts';

export interface ReloadReport {
  /** Document ids. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Files skipped after the reload, with why. */
  skipped: SkippedFile[];
  paragraphs: { before: number; after: number };
  ms: number;
}

export interface Reloaded {
  kb: KnowledgeBase;
  report: ReloadReport;
}

const sameStats = (a: { size: number; mtimeMs: number }, b: { size: number; mtimeMs: number }) =>
  a.size === b.size && Math.trunc(a.mtimeMs) === Math.trunc(b.mtimeMs);

const paragraphCount = (documents: readonly KnowledgeDocument[]) => documents.reduce((n, d) => n + d.paragraphs, 0);

/**
 * The knowledge base after the folder changed, re-reading only the files that were added or
 * changed. `kb` stays whole and serving until the caller swaps in the result; if the folder
 * cannot be read or nothing usable is left, this throws and `kb` is untouched.
 */
export async function reloadKnowledgeBase(kb: KnowledgeBase): Promise<Reloaded> {
  const started = performance.now();
  const listing = await listKnowledgeFiles(kb.dir);
  if (listing.files.length === 0) throw new KnowledgeFolderError(`no .md or .txt files left in knowledge folder ${kb.dir}; keeping the current index`);
  const fingerprint = fingerprintFiles(listing.files);
  if (fingerprint === kb.fingerprint) {
    const n = paragraphCount(kb.documents);
    return { kb, report: { added: [], changed: [], removed: [], skipped: kb.skipped, paragraphs: { before: n, after: n }, ms: performance.now() - started } };
  }
  const before = new Map(kb.files.map((f) => [f.path, f]));
  const slugs = assignSlugs(listing.files);
  const docByPath = new Map(kb.documents.map((d) => [d.path, d]));

  // A file is re-read when it is new, its stats changed, or its id moved (a new file took its slug).
  const reread: KnowledgeFile[] = [];
  for (const file of listing.files) {
    const old = before.get(file.path);
    const oldDoc = docByPath.get(file.path);
    if (!old || !sameStats(old, file) || (oldDoc && oldDoc.id !== slugs.get(file.path))) reread.push(file);
  }
  const present = new Set(listing.files.map((f) => f.path));
  const rereadPaths = new Set(reread.map((f) => f.path));

  const fresh: { document: KnowledgeDocument; chunks: Chunk[] }[] = [];
  const skipped: SkippedFile[] = [...listing.skipped];
  for (const old of kb.skipped) {
    if (present.has(old.path) && !rereadPaths.has(old.path)) skipped.push(old);
  }
  for (const file of reread) {
    const loaded = await loadFile(file, slugs.get(file.path) ?? file.path);
    if (loaded.ok) fresh.push(loaded);
    else skipped.push(loaded.skipped);
  }

  const outgoing = kb.documents.filter((d) => !present.has(d.path) || rereadPaths.has(d.path));
  const outgoingIds = new Set(outgoing.map((d) => d.id));
  const kept = kb.documents.filter((d) => !outgoingIds.has(d.id));
  if (kept.length + fresh.length === 0) {
    throw new KnowledgeFolderError(`no usable documents left in knowledge folder ${kb.dir}; keeping the current index`);
  }

  const removedChunks = kb.chunks.filter((c) => outgoingIds.has(c.document));
  const addedChunks = fresh.flatMap((f) => f.chunks);
  const vocabulary = updateVocabulary(
    kb.vocabulary,
    { bodies: removedChunks.map(chunkBody), titles: outgoing.map((d) => d.title) },
    { bodies: addedChunks.map(chunkBody), titles: fresh.map((f) => f.document.title) },
  );

  // Documents in folder order, as a full build would have them.
  const documents = [...kept, ...fresh.map((f) => f.document)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const chunksByDoc = new Map<string, Chunk[]>();
  for (const c of kb.chunks) if (!outgoingIds.has(c.document)) (chunksByDoc.get(c.document) ?? chunksByDoc.set(c.document, []).get(c.document)!).push(c);
  for (const f of fresh) chunksByDoc.set(f.document.id, f.chunks);
  const chunks: Chunk[] = [];
  for (const d of documents) for (const c of chunksByDoc.get(d.id) ?? []) chunks.push(c);

  const index = updatedIndex(kb.index, removedChunks, addedChunks, chunks);
  const now = new Date().toISOString();
  const documentIndexedAt = new Map([...kb.documentIndexedAt].filter(([id]) => !outgoingIds.has(id)));
  for (const f of fresh) documentIndexedAt.set(f.document.id, now);

  const next = assembleKnowledgeBase({
    dir: kb.dir,
    documents,
    chunks,
    skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)),
    files: listing.files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs })),
    index,
    vocabulary,
    topics: extractTopics(chunks.map((c) => c.text)),
    indexedAt: now,
    documentIndexedAt,
    fingerprint,
  });
  const freshIds = new Set(fresh.map((f) => f.document.id));
  const oldIds = new Set(kb.documents.map((d) => d.id));
  return {
    kb: next,
    report: {
      added: [...freshIds].filter((id) => !oldIds.has(id)),
      changed: [...freshIds].filter((id) => oldIds.has(id)),
      removed: [...outgoingIds].filter((id) => !freshIds.has(id)),
      skipped: next.skipped,
      paragraphs: { before: paragraphCount(kb.documents), after: paragraphCount(documents) },
      ms: performance.now() - started,
    },
  };
}

/**
 * A copy of the index with the removed chunks discarded and the added ones indexed. The live
 * index is never modified: it keeps answering, whole, until the caller swaps in the new one.
 * Copying goes through MiniSearch's own serialised form, which costs far less than re-indexing
 * every paragraph when one document of hundreds changed.
 */
function updatedIndex(live: MiniSearch<IndexedChunk>, removed: readonly Chunk[], added: readonly Chunk[], all: readonly Chunk[]): MiniSearch<IndexedChunk> {
  if (removed.length + added.length > all.length / 2) {
    const rebuilt = new MiniSearch<IndexedChunk>(INDEX_OPTIONS);
    rebuilt.addAll(all.map(toIndexed));
    return rebuilt;
  }
  const copy = MiniSearch.loadJS<IndexedChunk>(live.toJSON(), INDEX_OPTIONS);
  for (const chunk of removed) copy.discard(chunk.id);
  copy.addAll(added.map(toIndexed));
  return copy;
}
