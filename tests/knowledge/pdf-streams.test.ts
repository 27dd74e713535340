import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { filtersOf, fromAscii85, inflatesPastCap } from '../../src/knowledge/pdf-streams.ts';

describe('a stream dictionary', () => {
  it('names its filters in the order they are undone, short names included', () => {
    expect(filtersOf('<< /Length 12 /Filter /FlateDecode >>')).toEqual(['FlateDecode']);
    expect(filtersOf('<< /Filter [ /ASCII85Decode /FlateDecode ] /Length 9 >>')).toEqual(['ASCII85Decode', 'FlateDecode']);
    expect(filtersOf('<< /Filter [/AHx/Fl] >>')).toEqual(['AHx', 'Fl']);
    expect(filtersOf('<< /Length 4 >>')).toEqual([]);
  });
});

describe('ASCII85', () => {
  it("decodes Adobe's encoding: groups of five, z for four zero bytes, a short last group, ~> to end", () => {
    expect(fromAscii85(Buffer.from('9jqo^F*2M7/c~>')).toString('latin1')).toBe('Man sure.');
    expect([...fromAscii85(Buffer.from('z 9jqo^ ~>'))]).toEqual([0, 0, 0, 0, ...Buffer.from('Man ')]);
  });
});

describe('inflatesPastCap', () => {
  const zeros = deflateSync(Buffer.alloc(1000));

  it('undoes ASCII85 (with its z shorthand and a short last group) and hex before inflating', () => {
    // "9jqo^F*2M7/c" is Adobe's ASCII85 of "Man sure."; Flate of it is not valid, so it is left alone.
    expect(inflatesPastCap(Buffer.from('9jqo^F*2M7/c~>'), ['ASCII85Decode', 'FlateDecode'], 10)).toBe(false);
    expect(inflatesPastCap(Buffer.from(`${zeros.toString('hex')}>`), ['ASCIIHexDecode', 'FlateDecode'], 999)).toBe(true);
    expect(inflatesPastCap(Buffer.from(`${zeros.toString('hex')}>`), ['ASCIIHexDecode', 'FlateDecode'], 1000)).toBe(false);
  });

  it('leaves a chain it cannot undo to pdf.js', () => {
    expect(inflatesPastCap(zeros, ['LZWDecode', 'FlateDecode'], 10)).toBe(false);
    expect(inflatesPastCap(zeros, ['FlateDecode', 'DCTDecode'], 10)).toBe(true);
  });
});
