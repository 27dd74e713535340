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

/** The files to read again: new, with changed stats, or whose id moved (a new file took its slug). */
function filesToReread(kb: KnowledgeBase, files: readonly KnowledgeFile[], slugs: ReadonlyMap<string, string>): KnowledgeFile[] {
  const before = new Map(kb.files.map((f) => [f.path, f]));
  const docByPath = new Map(kb.documents.map((d) => [d.path, d]));
  return files.filter((file) => {
    const old = before.get(file.path);
    const oldDoc = docByPath.get(file.path);
    return !old || !sameStats(old, file) || (oldDoc !== undefined && oldDoc.id !== slugs.get(file.path));
  });
}

/** What the folder holds now: the documents read again, and every file skipped, old or new. */
interface Changes {
  fresh: { document: KnowledgeDocument; chunks: Chunk[] }[];
  skipped: SkippedFile[];
  /** Documents leaving the index: deleted, or read again. */
  outgoing: KnowledgeDocument[];
  kept: KnowledgeDocument[];
}

async function readChanges(kb: KnowledgeBase, listing: { files: KnowledgeFile[]; skipped: SkippedFile[] }): Promise<Changes> {
  const slugs = assignSlugs(listing.files);
  const reread = filesToReread(kb, listing.files, slugs);
  const present = new Set(listing.files.map((f) => f.path));
  const rereadPaths = new Set(reread.map((f) => f.path));
  const skipped: SkippedFile[] = [...listing.skipped, ...kb.skipped.filter((old) => present.has(old.path) && !rereadPaths.has(old.path))];
  const fresh: Changes['fresh'] = [];
  for (const file of reread) {
    const loaded = await loadFile(file, slugs.get(file.path) ?? file.path);
    if (loaded.ok) fresh.push(loaded);
    else skipped.push(loaded.skipped);
  }
  const outgoing = kb.documents.filter((d) => !present.has(d.path) || rereadPaths.has(d.path));
  const outgoingIds = new Set(outgoing.map((d) => d.id));
  return { fresh, skipped, outgoing, kept: kb.documents.filter((d) => !outgoingIds.has(d.id)) };
}

/**
 * The documents in folder order, as a full build would have them, and their chunks: kept
 * documents' chunks are copied as they are and their postings renumbered (`remap`), the fresh
 * ones' are indexed (`added`).
 */
function mergeChunks(kb: KnowledgeBase, changes: Changes) {
  const documents = [...changes.kept, ...changes.fresh.map((f) => f.document)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const freshById = new Map(changes.fresh.map((f) => [f.document.id, f.chunks]));
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
  return { documents, chunks: ChunkStore.assemble(documents, parts), remap, added };
}

function reportOf(kb: KnowledgeBase, next: KnowledgeBase, changes: Changes, started: number): ReloadReport {
  const freshIds = new Set(changes.fresh.map((f) => f.document.id));
  const oldIds = new Set(kb.documents.map((d) => d.id));
  return {
    added: [...freshIds].filter((id) => !oldIds.has(id)),
    changed: [...freshIds].filter((id) => oldIds.has(id)),
    removed: changes.outgoing.map((d) => d.id).filter((id) => !freshIds.has(id)),
    skipped: next.skipped,
    paragraphs: { before: paragraphCount(kb.documents), after: paragraphCount(next.documents) },
    ms: performance.now() - started,
  };
}

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
  const changes = await readChanges(kb, listing);
  if (changes.kept.length + changes.fresh.length === 0) {
    throw new KnowledgeFolderError(`no usable documents left in knowledge folder ${kb.dir}; keeping the current index`);
  }

  await nextTurn();
  const vocabulary = updateVocabulary(
    kb.vocabulary,
    { bodies: changes.outgoing.flatMap((d) => kb.chunks.ofDocument(d.id)).map(chunkBody), titles: changes.outgoing.map((d) => d.title) },
    { bodies: changes.fresh.flatMap((f) => f.chunks).map(chunkBody), titles: changes.fresh.map((f) => f.document.title) },
  );
  await nextTurn();
  const { documents, chunks, remap, added } = mergeChunks(kb, changes);
  await nextTurn();
  const index = kb.index.rebuilt(remap, chunks.size, added, indexTokenizing());
  await nextTurn();
  const now = new Date().toISOString();
  const outgoingIds = new Set(changes.outgoing.map((d) => d.id));
  const documentIndexedAt = new Map([...kb.documentIndexedAt].filter(([id]) => !outgoingIds.has(id)));
  for (const f of changes.fresh) documentIndexedAt.set(f.document.id, now);

  const next = assembleKnowledgeBase({
    dir: kb.dir,
    documents,
    chunks,
    skipped: changes.skipped.sort((a, b) => a.path.localeCompare(b.path)),
    files: listing.files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs })),
    index,
    vocabulary,
    topics: extractTopics(chunks.size, (i) => chunks.at(i).text),
    indexedAt: now,
    documentIndexedAt,
    fingerprint,
  });
  return { kb: next, report: reportOf(kb, next, changes, started) };
}

/**
 * Lets the event loop answer what has arrived between the steps of a reload. A reload of a
 * large folder is a second or two of work; in one piece it would hold every interaction that
 * arrived meanwhile past Discord's 3-second deadline.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
