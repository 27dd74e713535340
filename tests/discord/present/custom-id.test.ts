import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../../src/discord/limits.ts';
import {
  CustomIdPrefix,
  decodeCustomId,
  decodeTime,
  encodeCustomId,
  encodeTime,
  fitsInline,
  pageCustomId,
  parsePageParts,
  refFor,
  resolveChunkRef,
  resolveDocumentRef,
} from '../../../src/present/discord/index.ts';
import { fixtureKb } from '../helpers/fixtures.ts';

const USER = '987654321098765432';

describe('custom ids', () => {
  it('round-trips any parts, colons and percent signs included (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(CustomIdPrefix)), fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }), (prefix, parts) => {
        const id = encodeCustomId(prefix, parts);
        if (id === null) return;
        expect(id.length).toBeLessThanOrEqual(DiscordLimits.customId);
        expect(decodeCustomId(id)).toEqual({ prefix, parts });
      }),
    );
  });

  it('refuses (null) rather than exceed 100 characters', () => {
    expect(encodeCustomId('page', ['x'.repeat(100)])).toBeNull();
    expect(encodeCustomId('page', ['x'.repeat(95)])).toHaveLength(100);
  });

  it('encodes an expiry in a few characters', () => {
    const at = Date.UTC(2030, 0, 1, 12, 0, 0);
    expect(encodeTime(at).length).toBeLessThanOrEqual(7);
    expect(decodeTime(encodeTime(at))).toBe(at);
    expect(decodeTime('not valid!')).toBeNull();
  });
});

describe('references to chunks and documents', () => {
  it('uses short ids as they are and hashes long ones, both resolvable', async () => {
    const kb = await fixtureKb();
    const long = [...kb.chunks].find((c) => c.id.length > 60);
    expect(long, 'the fixture has a document at a long path').toBeDefined();
    if (!long) return;
    expect(refFor('handbook#p2')).toBe('handbook#p2');
    const ref = refFor(long.id);
    expect(ref).toMatch(/^~[0-9a-z]+$/u);
    expect(resolveChunkRef(kb, ref)?.id).toBe(long.id);
    expect(resolveChunkRef(kb, 'handbook#p2')?.id).toBe('handbook#p2');
    expect(resolveChunkRef(kb, '~nothing')).toBeUndefined();
    expect(resolveDocumentRef(kb, refFor(long.document))).toBe(long.document);
  });
});

describe('search page ids', () => {
  it('carry short queries inline and say when a long one must be stored', () => {
    const inline = { askerId: USER, target: { kind: 'inline' as const, query: 'on-call: rota', document: 'handbook' } };
    const id = pageCustomId(inline, 5);
    expect(id).not.toBeNull();
    expect(parsePageParts(decodeCustomId(id ?? '').parts)).toEqual({ askerId: USER, offset: 5, target: inline.target });
    expect(fitsInline(USER, 'x'.repeat(80), null, 100)).toBe(false);
    const stored = pageCustomId({ askerId: USER, target: { kind: 'stored', key: 'abcdEFGH1234' } }, 10_000);
    expect(stored?.length).toBeLessThanOrEqual(DiscordLimits.customId);
    expect(parsePageParts(decodeCustomId(stored ?? '').parts)).toEqual({ askerId: USER, offset: 10_000, target: { kind: 'stored', key: 'abcdEFGH1234' } });
  });

  it('tells an inline document reference from a stored key', () => {
    expect(parsePageParts([USER, '0', '~abc123', 'query'])?.target).toEqual({ kind: 'inline', document: '~abc123', query: 'query' });
    expect(parsePageParts([USER, 'x', '', 'q'])).toBeNull();
  });
});
