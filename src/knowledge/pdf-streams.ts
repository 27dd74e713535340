import { constants, inflateSync } from 'node:zlib';

/**
 * Every compressed stream's inflated size, checked against a cap before pdf.js inflates anything:
 * pdf.js has no limit of its own, and a few kilobytes can inflate to gigabytes. The scan finds
 * streams by their keywords, which is enough for a limit; reading them is left to pdf.js.
 */

/** Filters undone here on the way to a Flate stage; a chain with any other stops at it. */
const FILTER_NAMES: Readonly<Record<string, 'flate' | 'hex' | 'a85'>> = {
  FlateDecode: 'flate',
  Fl: 'flate',
  ASCIIHexDecode: 'hex',
  AHx: 'hex',
  ASCII85Decode: 'a85',
  A85: 'a85',
};

/** The stream's filters in the order they are undone: `/Filter /Name` or `/Filter [/A /B]`. */
export function filtersOf(dictionary: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dictionary);
  if (!match?.[1]) return [];
  return [...match[1].matchAll(/\/([A-Za-z0-9]+)/gu)].map((m) => m[1] ?? '');
}

function fromHex(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s+/gu, '');
  const end = text.indexOf('>');
  const digits = (end < 0 ? text : text.slice(0, end)).replace(/[^0-9a-f]/giu, '');
  return Buffer.from(digits.length % 2 === 0 ? digits : `${digits}0`, 'hex');
}

/** ASCII85 (Adobe's base-85): five characters for four bytes, `z` for four zero bytes, `~>` ends it. */
export function fromAscii85(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s+/gu, '');
  const end = text.indexOf('~>');
  const body = end < 0 ? text : text.slice(0, end);
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number) => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    for (let i = 0; i < count; i++) out.push((value >>> (24 - 8 * i)) & 0xff);
    group = [];
  };
  for (const ch of body) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const digit = ch.charCodeAt(0) - 33;
    if (digit < 0 || digit > 84) continue;
    group.push(digit);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return Buffer.from(out);
}

/** Whether undoing the filter chain would produce more than `cap` bytes at one of its Flate stages. */
export function inflatesPastCap(data: Buffer, filters: readonly string[], cap: number): boolean {
  let bytes = data;
  for (const name of filters) {
    const kind = FILTER_NAMES[name];
    if (kind === undefined) return false;
    if (kind === 'hex') bytes = fromHex(bytes);
    else if (kind === 'a85') bytes = fromAscii85(bytes);
    else {
      try {
        // A truncated stream is inflated as far as it goes, not refused: pdf.js will judge it.
        bytes = inflateSync(bytes, { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return true;
        return false;
      }
    }
  }
  return false;
}

/** Where a stream's data starts after the `stream` keyword at `start`, or -1 when it is not one. */
function dataStart(bytes: Buffer, start: number): number {
  if (bytes.subarray(Math.max(0, start - 3), start).toString('latin1') === 'end') return -1;
  let data = start + 6;
  if (bytes[data] === 0x0d) data++;
  if (bytes[data] === 0x0a) data++;
  return data === start + 6 ? -1 : data;
}

/** Whether any stream of the file inflates past `cap`. */
export function streamOverCap(bytes: Buffer, cap: number): boolean {
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream', at, 'latin1');
    if (start < 0) return false;
    at = start + 6;
    const data = dataStart(bytes, start);
    if (data < 0) continue;
    const dictionary = bytes.subarray(Math.max(0, start - 1024), start).toString('latin1');
    const open = dictionary.lastIndexOf('<<');
    const filters = open < 0 ? [] : filtersOf(dictionary.slice(open));
    if (!filters.some((f) => FILTER_NAMES[f] === 'flate')) continue;
    const end = bytes.indexOf('endstream', data, 'latin1');
    if (end < 0) return false;
    if (inflatesPastCap(bytes.subarray(data, end), filters, cap)) return true;
    at = end + 9;
  }
}
