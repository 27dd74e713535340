import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ChunkStore, type KnowledgeDocument, type SkippedFile } from '../knowledge/index.ts';
import type { KnowledgeFile } from '../knowledge/files.ts';
import { engineSourceHash } from './engine-hash.ts';
import { assembleKnowledgeBase, type IndexedFile, type KnowledgeBase } from './knowledge-base.ts';
import { pageIndex } from './pages.ts';
import { PostingsIndex } from './postings.ts';
import type { Topic } from './topics.ts';
import { deserializeVocabulary, serializeVocabulary, type SerializedVocabulary } from './vocabulary.ts';

/**
 * Bumped whenever chunking, tokenizing or the stored shape changes: an index written by another
 * version is rebuilt, never read.
 */
export const INDEX_FORMAT_VERSION = 8;
const FORMAT = 'footnote-index';

interface Header {
  format: string;
  version: number;
  engine: string;
  fingerprint: string;
  /** sha256 of everything after the header line. */
  checksum: string;
  /** Byte length of each section, in SECTIONS order; each starts on an 8-byte boundary. */
  sections: number[];
  /** The typed arrays are written in the machine's byte order. */
  endianness: 'BE' | 'LE';
}

/** Everything that is not a typed array: small next to the chunks and postings. */
interface Meta {
  dir: string;
  indexedAt: string;
  documentIndexedAt: [string, string][];
  files: IndexedFile[];
  documents: KnowledgeDocument[];
  skipped: SkippedFile[];
  topics: Topic[];
  vocabulary: SerializedVocabulary;
  breadcrumbs: string[][];
  terms: string[];
  /** The page index's own terms (its title, description and headings fields). */
  pageTerms: string[];
}

/**
 * The file after its header line. Typed arrays are written as their bytes and read back as views
 * of the file's buffer, and the chunk texts stay one UTF-8 buffer: loading a large folder
 * is a read, a checksum and a small JSON parse, not its whole text as JSON turned back into objects.
 */
const SECTIONS = ['meta', 'chunk.document', 'chunk.paragraph', 'chunk.page', 'chunk.kind', 'chunk.breadcrumb', 'chunk.textEnds', 'chunk.texts', 'postings.offsets', 'postings.docs', 'postings.freqs', 'postings.fieldLengths', 'pages.offsets', 'pages.pages', 'pages.counts', 'pages.lengths'] as const;
const ALIGN = 8;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One cache file per knowledge folder, named after the folder's absolute path. */
export function cacheFileFor(cacheDir: string, knowledgeDir: string): string {
  return join(cacheDir, `index-${sha256(resolve(knowledgeDir)).slice(0, 16)}.bin`);
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

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const padding = (length: number) => Buffer.alloc((ALIGN - (length % ALIGN)) % ALIGN);

/**
 * Writes the index as one header line and its sections. The header's checksum covers the rest,
 * so a truncated or corrupted file is detected; the sections are written one after another
 * (never joined into one string, which at 260,000 paragraphs doubled the peak memory of a
 * build), to a temporary file that is renamed into place, so a crash mid-write never leaves
 * half a file under the real name.
 */
export async function saveIndex(file: string, kb: KnowledgeBase): Promise<void> {
  const sections = sectionsOf(kb);
  await writeAtomically(file, headerLine(kb.fingerprint, sections), sections);
}

/** The knowledge base's sections, in SECTIONS order: the meta as JSON, then each array's bytes. */
function sectionsOf(kb: KnowledgeBase): Buffer[] {
  const columns = kb.chunks.columns;
  const postings = kb.index.data;
  const pages = pageIndex(kb).data;
  return [
    Buffer.from(JSON.stringify(metaOf(kb, pages.terms)), 'utf8'),
    bytesOf(columns.document),
    bytesOf(columns.paragraph),
    bytesOf(columns.page),
    bytesOf(columns.kind),
    bytesOf(columns.breadcrumb),
    bytesOf(columns.textEnds),
    columns.texts,
    bytesOf(postings.offsets),
    bytesOf(postings.docs),
    bytesOf(postings.freqs),
    bytesOf(postings.fieldLengths),
    bytesOf(pages.offsets),
    bytesOf(pages.pages),
    bytesOf(pages.counts),
    bytesOf(pages.lengths),
  ];
}

function metaOf(kb: KnowledgeBase, pageTerms: string[]): Meta {
  return {
    dir: kb.dir,
    indexedAt: kb.indexedAt,
    documentIndexedAt: [...kb.documentIndexedAt],
    files: kb.files,
    documents: kb.documents,
    skipped: kb.skipped,
    topics: kb.topics,
    vocabulary: serializeVocabulary(kb.vocabulary),
    breadcrumbs: kb.chunks.columns.breadcrumbs,
    terms: kb.index.data.terms,
    pageTerms,
  };
}

/** The header as its line, padded so the sections after it start aligned. */
function headerLine(fingerprint: string, sections: readonly Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const section of sections) hash.update(section).update(padding(section.length));
  const header: Header = {
    format: FORMAT,
    version: INDEX_FORMAT_VERSION,
    engine: engineSourceHash(),
    fingerprint,
    checksum: hash.digest('hex'),
    sections: sections.map((b) => b.length),
    endianness: endianness(),
  };
  const line = JSON.stringify(header);
  return Buffer.from(`${line}${' '.repeat((ALIGN - ((Buffer.byteLength(line) + 1) % ALIGN)) % ALIGN)}\n`, 'utf8');
}

/** Writes to a temporary file renamed into place, so the real name holds a whole file or none. */
async function writeAtomically(file: string, headerBytes: Buffer, sections: readonly Buffer[]): Promise<void> {
  await mkdir(resolve(file, '..'), { recursive: true });
  await removeStaleTemps(file);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeSections(temp, headerBytes, sections);
    await rename(temp, file);
    await removeLegacyJson(file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Versions before format 4 wrote JSON beside the binary file's name; that file can never be read again. */
async function removeLegacyJson(file: string): Promise<void> {
  if (file.endsWith('.bin')) await rm(`${file.slice(0, -'.bin'.length)}.json`, { force: true });
}

async function writeSections(path: string, headerBytes: Buffer, sections: readonly Buffer[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await writeAll(handle, headerBytes);
    for (const section of sections) {
      await writeAll(handle, section);
      await writeAll(handle, padding(section.length));
    }
  } finally {
    await handle.close();
  }
}

/** A write may take less than it was given (a full disk, a signal); the rest follows, or it throws. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
    if (bytesWritten === 0) throw new Error('no progress writing the index');
    at += bytesWritten;
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
  let bytes: Buffer;
  try {
    bytes = await readWhole(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no persisted index yet' : `persisted index unreadable (${code})` };
  }
  const checked = checkHeader(bytes, fingerprint);
  if (!checked.ok) return checked;
  try {
    return { ok: true, kb: knowledgeBaseFrom(splitSections(checked.body, checked.header.sections), fingerprint) };
  } catch (error) {
    return { ok: false, reason: `persisted index is corrupt (${error instanceof Error ? error.message : String(error)})` };
  }
}

type HeaderCheck = { ok: true; header: Partial<Header>; body: Buffer } | { ok: false; reason: string };

/** The header and the body it vouches for, or why this file is not to be read. */
function checkHeader(bytes: Buffer, fingerprint: string): HeaderCheck {
  const newline = bytes.indexOf(0x0a);
  let header: Partial<Header>;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline < 0 ? bytes.length : newline)) as Partial<Header>;
  } catch {
    return { ok: false, reason: 'persisted index is corrupt (bad header)' };
  }
  const stale = staleness(header, fingerprint);
  if (stale !== null) return { ok: false, reason: stale };
  const body = bytes.subarray(newline + 1);
  if (newline < 0 || createHash('sha256').update(body).digest('hex') !== header.checksum) {
    return { ok: false, reason: 'persisted index is corrupt (checksum mismatch)' };
  }
  return { ok: true, header, body };
}

/** Why a well-formed header belongs to another format, engine, folder state or machine; null if it does not. */
function staleness(header: Partial<Header>, fingerprint: string): string | null {
  if (header.format !== FORMAT) return 'persisted index is not a Footnote index';
  if (header.version !== INDEX_FORMAT_VERSION) {
    return `persisted index is format ${String(header.version)}, this version reads ${INDEX_FORMAT_VERSION}`;
  }
  if (header.engine !== engineSourceHash()) return 'persisted index was built by another version of the engine';
  if (header.fingerprint !== fingerprint) return 'knowledge files changed since the index was built';
  if (header.endianness !== endianness()) return 'persisted index was written on a machine of another byte order';
  return null;
}

/** The knowledge base the sections hold; throws if they do not fit together. */
function knowledgeBaseFrom(s: Sections, fingerprint: string): KnowledgeBase {
  const meta = JSON.parse(s.bytes('meta').toString('utf8')) as Meta;
  const chunks = chunksFrom(s, meta);
  const index = postingsFrom(s, meta);
  if (index.chunkCount !== chunks.size) throw new Error(`${chunks.size} chunks but ${index.chunkCount} indexed`);
  return assembleKnowledgeBase({
    dir: meta.dir,
    documents: meta.documents,
    chunks,
    skipped: meta.skipped,
    index,
    vocabulary: deserializeVocabulary(meta.vocabulary),
    topics: meta.topics,
    files: meta.files,
    indexedAt: meta.indexedAt,
    documentIndexedAt: new Map(meta.documentIndexedAt),
    fingerprint,
    pages: {
      terms: meta.pageTerms,
      offsets: s.array('pages.offsets', Uint32Array),
      pages: s.array('pages.pages', Uint32Array),
      counts: s.array('pages.counts', Uint32Array),
      lengths: s.array('pages.lengths', Uint32Array),
    },
  });
}

function chunksFrom(s: Sections, meta: Meta): ChunkStore {
  return ChunkStore.fromColumns(meta.documents, {
    document: s.array('chunk.document', Uint32Array),
    paragraph: s.array('chunk.paragraph', Uint32Array),
    page: s.array('chunk.page', Uint32Array),
    kind: s.array('chunk.kind', Uint8Array),
    breadcrumb: s.array('chunk.breadcrumb', Uint32Array),
    breadcrumbs: meta.breadcrumbs,
    textEnds: s.array('chunk.textEnds', Uint32Array),
    texts: s.bytes('chunk.texts'),
  });
}

function postingsFrom(s: Sections, meta: Meta): PostingsIndex {
  return new PostingsIndex({
    terms: meta.terms,
    offsets: s.array('postings.offsets', Uint32Array),
    docs: s.array('postings.docs', Uint32Array),
    freqs: s.array('postings.freqs', Uint16Array),
    fieldLengths: s.array('postings.fieldLengths', Uint32Array),
  });
}

/**
 * The file in as few reads as the kernel allows: `readFile` reads in small pieces, a trip
 * through the thread pool each, which made a large index noticeably slower to load.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafeSlow(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === size ? bytes : bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

type TypedArrayOf<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };
type SectionName = (typeof SECTIONS)[number];

interface Sections {
  bytes(name: SectionName): Buffer;
  array<T>(name: SectionName, type: TypedArrayOf<T>): T;
}

/** The sections of a body, as byte ranges and as typed-array views (copied only if misaligned). */
function splitSections(body: Buffer, lengths: unknown): Sections {
  if (!Array.isArray(lengths) || lengths.length !== SECTIONS.length || !lengths.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new Error('bad section table');
  }
  const starts = new Map<string, [number, number]>();
  let at = 0;
  SECTIONS.forEach((name, i) => {
    const length = lengths[i] as number;
    starts.set(name, [at, length]);
    at += length + ((ALIGN - (length % ALIGN)) % ALIGN);
  });
  if (at !== body.length) throw new Error(`sections add up to ${at} bytes, the file holds ${body.length}`);
  const bytes = (name: SectionName) => {
    const [start, length] = starts.get(name)!;
    return body.subarray(start, start + length);
  };
  const array = <T>(name: SectionName, type: TypedArrayOf<T>): T => {
    const b = bytes(name);
    if (b.length % type.BYTES_PER_ELEMENT !== 0) throw new Error(`section ${name} is ${b.length} bytes`);
    const aligned = b.byteOffset % type.BYTES_PER_ELEMENT === 0 ? b : Buffer.from(b);
    return new type(aligned.buffer, aligned.byteOffset, b.length / type.BYTES_PER_ELEMENT);
  };
  return { bytes, array };
}
