import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename, join, resolve } from 'node:path';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Chunk, KnowledgeDocument, SkippedFile } from '../knowledge/index.ts';
import type { KnowledgeFile } from '../knowledge/files.ts';
import { assembleKnowledgeBase, type IndexedFile, type KnowledgeBase } from './knowledge-base.ts';
import { INDEX_OPTIONS, type IndexedChunk } from './options.ts';
import type { Topic } from './topics.ts';
import { deserializeVocabulary, serializeVocabulary, type SerializedVocabulary } from './vocabulary.ts';

/**
 * Bumped whenever chunking, tokenizing or the stored shape changes: an index written by another
 * version is rebuilt, never read.
 */
export const INDEX_FORMAT_VERSION = 3;
const FORMAT = 'footnote-index';

/**
 * The code that decides what goes into an index (chunking, tokenizing, vocabulary). Its hash is
 * part of the fingerprint, so an index built by different code is rebuilt even when someone
 * forgot to bump INDEX_FORMAT_VERSION.
 */
const ENGINE_DIRS = ['../knowledge', '.'];
let engineHash: string | null = null;

function engineSourceHash(): string {
  if (engineHash !== null) return engineHash;
  const hash = createHash('sha256');
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of ENGINE_DIRS) {
    const abs = join(here, dir);
    for (const name of readdirSync(abs).filter((n) => /\.(ts|js)$/.test(n)).sort()) {
      hash.update(name).update(readFileSync(join(abs, name)));
    }
  }
  engineHash = hash.digest('hex');
  return engineHash;
}

interface Header {
  format: string;
  version: number;
  engine: string;
  fingerprint: string;
  checksum: string;
}

interface Payload {
  dir: string;
  indexedAt: string;
  documentIndexedAt: [string, string][];
  files: IndexedFile[];
  documents: KnowledgeDocument[];
  chunks: Chunk[];
  skipped: SkippedFile[];
  topics: Topic[];
  vocabulary: SerializedVocabulary;
  index: AsPlainObject;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One cache file per knowledge folder, named after the folder's absolute path. */
export function cacheFileFor(cacheDir: string, knowledgeDir: string): string {
  return join(cacheDir, `index-${sha256(resolve(knowledgeDir)).slice(0, 16)}.json`);
}

/**
 * What the index was built from: every file's path, size and modification time, plus the format
 * version and the engine's code. Cheap to compute (no file is read), and any edit, addition or removal changes it.
 */
export function fingerprintFiles(files: readonly KnowledgeFile[]): string {
  const hash = createHash('sha256').update(`${FORMAT}:${INDEX_FORMAT_VERSION}:${engineSourceHash()}\n`);
  for (const f of files) hash.update(`${f.path}\u0000${f.size}\u0000${Math.trunc(f.mtimeMs)}\n`);
  return hash.digest('hex');
}

/**
 * Writes the index as one header line and a JSON body. The header's checksum covers the body, so
 * a truncated or corrupted file is detected; the write goes to a temporary file that is renamed
 * into place, so a crash mid-write never leaves half a file under the real name.
 */
export async function saveIndex(file: string, kb: KnowledgeBase): Promise<void> {
  const payload: Payload = {
    dir: kb.dir,
    indexedAt: kb.indexedAt,
    documentIndexedAt: [...kb.documentIndexedAt],
    files: kb.files,
    documents: kb.documents,
    chunks: kb.chunks,
    skipped: kb.skipped,
    topics: kb.topics,
    vocabulary: serializeVocabulary(kb.vocabulary),
    index: kb.index.toJSON(),
  };
  const body = JSON.stringify(payload);
  const header: Header = { format: FORMAT, version: INDEX_FORMAT_VERSION, engine: engineSourceHash(), fingerprint: kb.fingerprint, checksum: sha256(body) };
  await mkdir(resolve(file, '..'), { recursive: true });
  await removeStaleTemps(file);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(header)}\n${body}`);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A temporary file this old was left by a writer that crashed or was killed mid-write. */
const STALE_TEMP_MS = 10 * 60_000;

async function removeStaleTemps(file: string): Promise<void> {
  const dir = resolve(file, '..');
  const prefix = `${basename(file)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
  }
}

export type CacheRead =
  | { ok: true; kb: KnowledgeBase }
  | { ok: false; reason: string };

/** Reads a persisted index if, and only if, it is whole, of this version, and of these files. */
export async function loadIndex(file: string, fingerprint: string): Promise<CacheRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no persisted index yet' : `persisted index unreadable (${code})` };
  }
  const newline = text.indexOf('\n');
  let header: Partial<Header>;
  try {
    header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as Partial<Header>;
  } catch {
    return { ok: false, reason: 'persisted index is corrupt (bad header)' };
  }
  if (header.format !== FORMAT) return { ok: false, reason: 'persisted index is not a Footnote index' };
  if (header.version !== INDEX_FORMAT_VERSION) {
    return { ok: false, reason: `persisted index is format ${String(header.version)}, this version reads ${INDEX_FORMAT_VERSION}` };
  }
  if (header.engine !== engineSourceHash()) return { ok: false, reason: 'persisted index was built by another version of the engine' };
  if (header.fingerprint !== fingerprint) return { ok: false, reason: 'knowledge files changed since the index was built' };
  const body = text.slice(newline + 1);
  if (newline < 0 || sha256(body) !== header.checksum) return { ok: false, reason: 'persisted index is corrupt (checksum mismatch)' };
  try {
    const payload = JSON.parse(body) as Payload;
    const index = MiniSearch.loadJS<IndexedChunk>(payload.index, INDEX_OPTIONS);
    const kb = assembleKnowledgeBase({
      dir: payload.dir,
      documents: payload.documents,
      chunks: payload.chunks,
      skipped: payload.skipped,
      index,
      vocabulary: deserializeVocabulary(payload.vocabulary),
      topics: payload.topics,
      files: payload.files,
      indexedAt: payload.indexedAt,
      documentIndexedAt: new Map(payload.documentIndexedAt),
      fingerprint,
    });
    return { ok: true, kb };
  } catch (error) {
    return { ok: false, reason: `persisted index is corrupt (${error instanceof Error ? error.message : String(error)})` };
  }
}
