import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { StemTable } from './wordnet.ts';

/**
 * The WordNet stem table, kept on disk once per machine. Deriving it parses tens of megabytes of
 * WordNet and stems every lemma, and every process that builds an index needs it; the derived
 * table is a few megabytes that read back in a fraction of that time. The file is only ever a
 * faster way to the same table: one that is missing, unreadable, corrupt or written for another
 * key is ignored and the table is built from WordNet again.
 */
export interface StemTableCacheOptions {
  /** Folder of the cache files; null keeps nothing on disk. */
  dir: string | null;
  /** Files kept in the folder: each key (engine, WordNet, link options) has its own, so older ones are removed beyond this many. */
  keep: number;
}

export const STEM_TABLE_CACHE_DEFAULTS: Readonly<Omit<StemTableCacheOptions, 'dir'>> = { keep: 8 };

const FORMAT = 'footnote-wordnet';
/** Bumped whenever the file's layout changes. */
const VERSION = 1;
const ARRAYS = ['sets', 'capitals', 'related', 'alike'] as const;
/** A temporary file older than this was left by a process that died mid-write. */
const STALE_TEMP_MS = 60 * 60 * 1000;

interface Header {
  format: string;
  version: number;
  key: string;
  endianness: 'BE' | 'LE';
  /** sha256 of everything after the header line. */
  checksum: string;
  /** Byte length of the stems (UTF-8), then the element count of each array, in ARRAYS order. */
  stemBytes: number;
  arrays: number[];
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The cache file for a key: the key is a hash already, so a prefix of it names the file. */
export function stemTableFile(dir: string, key: string): string {
  return join(dir, `wordnet-${key.slice(0, 24)}.bin`);
}

/** The table as one header line and its bytes: the stems, padded to four bytes, then each array's bytes in the machine's order. */
export function encodeStemTable(table: StemTable, key: string): Buffer {
  const stems = Buffer.from(table.stems, 'utf8');
  const pad = Buffer.alloc((4 - (stems.length % 4)) % 4);
  const arrays = ARRAYS.map((name) => Buffer.from(table[name].buffer, table[name].byteOffset, table[name].byteLength));
  const body = Buffer.concat([stems, pad, ...arrays]);
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    key,
    endianness: endianness(),
    checksum: sha256(body),
    stemBytes: stems.length,
    arrays: ARRAYS.map((name) => table[name].length),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The table a file holds if it is whole and was written for this key on a machine of this byte order; null otherwise. */
export function decodeStemTable(bytes: Buffer, key: string): StemTable | null {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return null;
  let header: Partial<Header>;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline)) as Partial<Header>;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || header.version !== VERSION || header.key !== key || header.endianness !== endianness()) return null;
  const { stemBytes, arrays } = header;
  if (!isCount(stemBytes) || !Array.isArray(arrays) || arrays.length !== ARRAYS.length || !arrays.every(isCount)) return null;
  const body = bytes.subarray(newline + 1);
  const arraysAt = stemBytes + ((4 - (stemBytes % 4)) % 4);
  if (body.length !== arraysAt + arrays.reduce((sum, n) => sum + n * 4, 0) || sha256(body) !== header.checksum) return null;
  let at = arraysAt;
  const array = (length: number) => {
    // A copy: the file's buffer need not start on a four-byte boundary.
    const out = new Uint32Array(body.buffer.slice(body.byteOffset + at, body.byteOffset + at + length * 4));
    at += length * 4;
    return out;
  };
  const [sets, capitals, related, alike] = arrays.map(array) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  return { stems: body.toString('utf8', 0, stemBytes), sets, capitals, related, alike };
}

/** The cached table for `key`, or null when there is none that can be trusted. */
function readCached(file: string, key: string): StemTable | null {
  try {
    return decodeStemTable(readFileSync(file), key);
  } catch {
    return null;
  }
}

/**
 * Writes to a temporary file renamed into place, so a reader never sees half a file and
 * processes building at once each leave a whole one. A folder that cannot be written only
 * means the next process builds the table again.
 */
function writeCached(dir: string, key: string, table: StemTable, keep: number): void {
  const file = stemTableFile(dir, key);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, encodeStemTable(table, key));
    renameSync(temp, file);
    prune(dir, keep);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written where nothing can be written.
    }
  }
}

/** Removes all but the `keep` newest tables, and temporary files left by processes that died mid-write. */
function prune(dir: string, keep: number): void {
  const entries = readdirSync(dir)
    .filter((name) => name.startsWith('wordnet-'))
    .map((name) => ({ path: join(dir, name), name, mtimeMs: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
  const now = Date.now();
  for (const temp of entries.filter((e) => e.name.endsWith('.tmp') && now - e.mtimeMs > STALE_TEMP_MS)) rmSync(temp.path, { force: true });
  const tables = entries.filter((e) => e.name.endsWith('.bin')).sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of tables.slice(keep)) rmSync(old.path, { force: true });
}

/** The table for `key`: read from the cache folder when a trustworthy copy is there, otherwise built and stored for the next process. */
export function cachedStemTable(key: string, build: () => StemTable, options: StemTableCacheOptions): StemTable {
  if (options.dir === null) return build();
  const cached = readCached(stemTableFile(options.dir, key), key);
  if (cached) return cached;
  const table = build();
  writeCached(options.dir, key, table, options.keep);
  return table;
}
