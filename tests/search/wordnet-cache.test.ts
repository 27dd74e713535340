import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedStemTable, decodeStemTable, encodeStemTable, stemTableFile, type StemTableCacheOptions } from '../../src/search/wordnet-cache.ts';
import { LINK_DEFAULTS, stemTableKey, type StemTable } from '../../src/search/wordnet.ts';
import { tempDir } from '../helpers/folders.ts';

/** A table in the real one's shape, small enough to build in every test. */
function smallTable(seed = 1): StemTable {
  return {
    stems: ['confer', 'meet', 'summit', `word${seed}`, 'café'].join('\n'),
    sets: Uint32Array.from([1, 2, 2, 2, 1]),
    capitals: Uint32Array.from([seed, 3]),
    related: Uint32Array.from([1, 1, 0, 1]),
    alike: Uint32Array.from([]),
  };
}

/** A build that counts its calls, so a test can tell a cache read from a rebuild. */
function counting(table: StemTable): { build: () => StemTable; calls: () => number } {
  let calls = 0;
  return {
    build: () => {
      calls++;
      return table;
    },
    calls: () => calls,
  };
}

const KEY = 'a'.repeat(64);
let folder: { dir: string; cleanup: () => Promise<void> };
let options: StemTableCacheOptions;

beforeEach(async () => {
  folder = await tempDir('footnote-wordnet-cache-');
  options = { dir: folder.dir, keep: 8 };
});
afterEach(() => folder.cleanup());

describe('the WordNet stem table cache', () => {
  it('round-trips a table exactly, multi-byte stems and empty arrays included', () => {
    const table = smallTable();
    expect(decodeStemTable(encodeStemTable(table, KEY), KEY)).toEqual(table);
  });

  it('builds once on an empty cache, then reads the file instead of building', () => {
    const first = counting(smallTable());
    expect(cachedStemTable(KEY, first.build, options)).toEqual(smallTable());
    expect(first.calls()).toBe(1);
    const second = counting(smallTable(2));
    expect(cachedStemTable(KEY, second.build, options)).toEqual(smallTable());
    expect(second.calls()).toBe(0);
  });

  it('ignores and rewrites a corrupt file: garbage, a truncated body, a changed byte', () => {
    const file = stemTableFile(folder.dir, KEY);
    const whole = encodeStemTable(smallTable(), KEY);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 3]! ^= 0xff;
    for (const bytes of [Buffer.from('not a table'), whole.subarray(0, whole.length - 4), flipped, Buffer.alloc(0)]) {
      writeFileSync(file, bytes);
      const fresh = counting(smallTable(3));
      expect(cachedStemTable(KEY, fresh.build, options)).toEqual(smallTable(3));
      expect(fresh.calls()).toBe(1);
      expect(decodeStemTable(readFileSync(file), KEY)).toEqual(smallTable(3));
    }
  });

  it('never reads a table written for another key, even under this key\'s file name', () => {
    const other = 'b'.repeat(64);
    expect(decodeStemTable(encodeStemTable(smallTable(), other), KEY)).toBeNull();
    writeFileSync(stemTableFile(folder.dir, KEY), encodeStemTable(smallTable(), other));
    const fresh = counting(smallTable(4));
    expect(cachedStemTable(KEY, fresh.build, options)).toEqual(smallTable(4));
    expect(fresh.calls()).toBe(1);
  });

  it('keys the table by the links it follows', () => {
    expect(stemTableKey({ ...LINK_DEFAULTS, pointers: ['~'] })).not.toBe(stemTableKey({ ...LINK_DEFAULTS, pointers: ['@', '~'] }));
    expect(stemTableKey({ ...LINK_DEFAULTS, senseShare: 0 })).not.toBe(stemTableKey({ ...LINK_DEFAULTS, senseShare: 0.5 }));
    expect(stemTableKey()).toBe(stemTableKey({ ...LINK_DEFAULTS }));
  });

  it('keeps only the newest tables, and removes temporary files a dead process left', () => {
    const keys = ['1', '2', '3'].map((c) => c.repeat(64));
    const staleTemp = `${stemTableFile(folder.dir, KEY)}.0123456789ab.tmp`;
    writeFileSync(staleTemp, 'half a table');
    const longAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    utimesSync(staleTemp, longAgo, longAgo);
    keys.forEach((key, i) => {
      cachedStemTable(key, () => smallTable(), { ...options, keep: 2 });
      // Modification times a second apart, so "newest" does not depend on the file system's clock resolution.
      const at = new Date(Date.now() - (keys.length - i) * 1000);
      utimesSync(stemTableFile(folder.dir, key), at, at);
    });
    cachedStemTable(KEY, () => smallTable(), { ...options, keep: 2 });
    expect(readdirSync(folder.dir).sort()).toEqual([stemTableFile(folder.dir, keys[2]!), stemTableFile(folder.dir, KEY)].map((f) => f.slice(folder.dir.length + 1)).sort());
  });

  it('still gives the table when the folder cannot be written', () => {
    const file = `${folder.dir}/a-file`;
    writeFileSync(file, '');
    const fresh = counting(smallTable());
    expect(cachedStemTable(KEY, fresh.build, { ...options, dir: `${file}/cache` })).toEqual(smallTable());
    expect(cachedStemTable(KEY, fresh.build, { ...options, dir: `${file}/cache` })).toEqual(smallTable());
    expect(fresh.calls()).toBe(2);
  });

  it('keeps nothing on disk without a folder', () => {
    const fresh = counting(smallTable());
    cachedStemTable(KEY, fresh.build, { ...options, dir: null });
    cachedStemTable(KEY, fresh.build, { ...options, dir: null });
    expect(fresh.calls()).toBe(2);
    expect(readdirSync(folder.dir)).toEqual([]);
  });
});
