import { performance } from 'node:perf_hooks';
import type { Chunk, KnowledgeDocument, SkippedFile, StorePart } from '../knowledge/index.ts';
import { assignSlugs, ChunkStore, KnowledgeFolderError, listKnowledgeFiles, loadFile, type KnowledgeFile } from '../knowledge/index.ts';
import { fingerprintFiles } from './cache.ts';
import { assembleKnowledgeBase, chunkBody, indexedFields, indexTokenizing, type KnowledgeBase } from './knowledge-base.ts';
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
  if (listing.files.length === 0) throw new KnowledgeFolderError(`no knowledge files left in knowledge folder ${kb.dir}; keeping the current index`);
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

  await nextTurn();
  const removedChunks = outgoing.flatMap((d) => kb.chunks.ofDocument(d.id));
  const addedChunks = fresh.flatMap((f) => f.chunks);
  const vocabulary = updateVocabulary(
    kb.vocabulary,
    { bodies: removedChunks.map(chunkBody), titles: outgoing.map((d) => d.title) },
    { bodies: addedChunks.map(chunkBody), titles: fresh.map((f) => f.document.title) },
  );

  await nextTurn();
  // Documents in folder order, as a full build would have them; kept documents' chunks are
  // copied as they are, and their postings renumbered rather than re-indexed.
  const documents = [...kept, ...fresh.map((f) => f.document)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const freshById = new Map(fresh.map((f) => [f.document.id, f.chunks]));
  const remap = new Int32Array(kb.chunks.size).fill(-1);
  const parts: StorePart[] = [];
  const added: { chunk: number; fields: string[] }[] = [];
  let at = 0;
  for (const d of documents) {
    const chunks = freshById.get(d.id);
    if (chunks) {
      parts.push({ chunks });
      for (const c of chunks) added.push({ chunk: at++, fields: indexedFields(c) });
      continue;
    }
    const [start, end] = kb.chunks.rangeOf(d.id);
    parts.push({ store: kb.chunks, start, end });
    for (let i = start; i < end; i++) remap[i] = at++;
  }
  const chunks = ChunkStore.assemble(documents, parts);
  await nextTurn();
  const index = kb.index.rebuilt(remap, chunks.size, added, indexTokenizing());
  await nextTurn();
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
    topics: extractTopics(chunks.size, (i) => chunks.at(i).text),
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
 * Lets the event loop answer what has arrived between the steps of a reload. A reload of a
 * large folder is a second or two of work; in one piece it would hold every interaction that
 * arrived meanwhile past Discord's 3-second deadline.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
