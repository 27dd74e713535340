import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Chunk, KnowledgeDocument, SkippedFile } from './types.ts';
import { KnowledgeFolderError, listKnowledgeFiles, slugFromPath, type KnowledgeFile } from './files.ts';
import { fileKind, KNOWLEDGE_EXTENSIONS, type FileKind } from './file-kinds.ts';
import { FORMAT_DEFAULTS, type FormatOptions } from './format-options.ts';
import { parseKnowledgeFile } from './parse.ts';

/** How long the files of one format took to parse, summed file by file. */
export interface FormatTally {
  kind: FileKind;
  files: number;
  bytes: number;
  ms: number;
}

export interface LoadedKnowledge {
  documents: KnowledgeDocument[];
  chunks: Chunk[];
  skipped: SkippedFile[];
  files: KnowledgeFile[];
  /** Per format, by name; formats with no file left out. */
  formats: FormatTally[];
}

export interface LoadOptions {
  /** Called after each file, for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /** Files larger than this are skipped rather than read whole into memory. */
  maxFileBytes?: number;
  /** The folder's listing, when the caller has already walked it (to fingerprint it, say). */
  listing?: { files: KnowledgeFile[]; skipped: SkippedFile[] };
  /** Caps and thresholds of the HTML and PDF readers (`FORMAT_DEFAULTS`). */
  formats?: FormatOptions;
}

export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Files read ahead of the one being parsed; at most this many are in memory at once. */
const READ_AHEAD = 8;

/** Gives each file a unique slug: `notes.md` and `notes.txt` become `notes` and `notes-txt`. */
export function assignSlugs(files: readonly KnowledgeFile[]): Map<string, string> {
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  for (const file of files) {
    let slug = slugFromPath(file.path);
    if (taken.has(slug)) {
      const ext = /\.([^./]+)$/.exec(file.path)?.[1]?.toLowerCase() ?? 'file';
      let candidate = `${slug}-${ext}`;
      for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${ext}-${n}`;
      slug = candidate;
    }
    taken.add(slug);
    slugs.set(file.path, slug);
  }
  return slugs;
}

async function readKnowledgeFile(file: KnowledgeFile, maxBytes: number): Promise<Uint8Array | SkippedFile> {
  if (file.size > maxBytes) {
    return { path: file.path, reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB (${(file.size / 1024 / 1024).toFixed(1)} MB)` };
  }
  try {
    return await readFile(file.absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { path: file.path, reason: code === 'ENOENT' ? 'removed while being read' : `cannot be read (${code ?? String(error)})` };
  }
}

let pdfTurn: Promise<unknown> = Promise.resolve();

/**
 * PDFs are parsed one after another: pdf.js works on this thread either way, so parsing several
 * at once gains nothing, while each open document holds its own decoded fonts and streams.
 */
function onePdfAtATime<T>(work: () => Promise<T>): Promise<T> {
  const mine = pdfTurn.then(work);
  pdfTurn = mine.catch(() => undefined);
  return mine;
}

export type LoadedFile = ({ ok: true; document: KnowledgeDocument; chunks: Chunk[] } | { ok: false; skipped: SkippedFile }) & { ms?: number };

/** Reads and chunks one file; a file that cannot be used comes back with the reason. */
export async function loadFile(file: KnowledgeFile, slug: string, maxBytes = DEFAULT_MAX_FILE_BYTES, formats: FormatOptions = FORMAT_DEFAULTS): Promise<LoadedFile> {
  const bytes = await readKnowledgeFile(file, maxBytes);
  if (!(bytes instanceof Uint8Array)) return { ok: false, skipped: bytes };
  const parse = async () => {
    // Parsing only: the read overlaps other files' parsing, so timing it would count them twice.
    const started = performance.now();
    const parsed = await parseKnowledgeFile(slug, file.path, bytes, formats);
    return { parsed, ms: performance.now() - started };
  };
  const { parsed, ms } = fileKind(file.path) === 'pdf' ? await onePdfAtATime(parse) : await parse();
  return parsed.ok ? { ...parsed, ms } : { ok: false, skipped: { path: file.path, reason: parsed.reason }, ms };
}

/**
 * Reads and chunks every knowledge file. Bad files are skipped with a reason, never fatal; a
 * folder with nothing usable in it is, because a bot with no material can only refuse.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadedKnowledge> {
  const listing = options.listing ?? (await listKnowledgeFiles(dir));
  const files = listing.files;
  const skipped = [...listing.skipped];
  if (files.length === 0) {
    throw new KnowledgeFolderError(`no knowledge files (${KNOWLEDGE_EXTENSIONS.join(' ')}) in knowledge folder ${dir}`);
  }
  const reader = new ReadAhead(files, options);
  const tallies = new FormatTallies();
  const documents: KnowledgeDocument[] = [];
  const chunks: Chunk[] = [];
  for (const [i, file] of files.entries()) {
    const loaded = await reader.next();
    tallies.add(file, loaded);
    if (loaded.ok) {
      documents.push(loaded.document);
      // One file can hold hundreds of thousands of paragraphs: too many for spread arguments.
      for (const chunk of loaded.chunks) chunks.push(chunk);
    } else {
      skipped.push(loaded.skipped);
    }
    options.onProgress?.(i + 1, files.length);
  }
  if (documents.length === 0) {
    const reasons = skipped.map((s) => `${s.path}: ${s.reason}`).join('; ');
    throw new KnowledgeFolderError(`no usable documents in knowledge folder ${dir} (${reasons})`);
  }
  return { documents, chunks, skipped, files, formats: tallies.byKind() };
}

/**
 * The folder's files loaded in order, the next few read while this one is parsed: one read at a
 * time left the build waiting on the disk for 2 of its 15 seconds on 6,000 files.
 */
class ReadAhead {
  private readonly reading: Promise<LoadedFile>[] = [];
  private readonly slugs: Map<string, string>;
  private readonly maxBytes: number;
  /** Files whose reading has started. */
  private started = 0;

  constructor(
    private readonly files: readonly KnowledgeFile[],
    private readonly options: LoadOptions,
  ) {
    this.maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.slugs = assignSlugs(files);
  }

  /** The next file in order, loaded or skipped; call it once per file. */
  next(): Promise<LoadedFile> {
    while (this.reading.length < READ_AHEAD && this.started < this.files.length) this.reading.push(this.load(this.files[this.started++]!));
    return this.reading.shift()!;
  }

  /** Settled here, so a file that fails while it waits its turn is never an unhandled rejection. */
  private load(file: KnowledgeFile): Promise<LoadedFile> {
    return loadFile(file, this.slugs.get(file.path) ?? slugFromPath(file.path), this.maxBytes, this.options.formats).catch(
      (error: unknown): LoadedFile => ({ ok: false, skipped: { path: file.path, reason: `cannot be read (${error instanceof Error ? error.message : String(error)})` } }),
    );
  }
}

/** Files, bytes and parsing time per format. */
class FormatTallies {
  private readonly tallies = new Map<FileKind, FormatTally>();

  add(file: KnowledgeFile, loaded: LoadedFile): void {
    const kind = fileKind(file.path);
    if (kind === null) return;
    const tally = this.tallies.get(kind) ?? { kind, files: 0, bytes: 0, ms: 0 };
    tally.files++;
    tally.bytes += file.size;
    tally.ms += loaded.ms ?? 0;
    this.tallies.set(kind, tally);
  }

  /** By the format's name; formats with no file left out. */
  byKind(): FormatTally[] {
    return [...this.tallies.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }
}
