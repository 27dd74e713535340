import { describe, expect, it } from 'vitest';
import { documentRef, refFor, resolveChunkRef, resolveDocumentRef } from '../../src/discord/refs.ts';
import { fixtureKb } from '../helpers/discord/fixtures.ts';

describe('references to chunks and documents', () => {
  it('uses short ids as they are and hashes long ones, both resolvable', async () => {
    const kb = await fixtureKb();
    const long = [...kb.chunks].find((c) => c.id.length > 60);
    expect(long, 'the fixture has a document at a long path').toBeDefined();
    if (!long) return;
    expect(refFor('handbook#p2')).toBe('handbook#p2');
    const ref = refFor(long.id);
    expect(ref).toMatch(/^~[A-Za-z0-9_-]{11}#p\d+$/u);
    expect(ref.length).toBeLessThanOrEqual(60);
    expect(resolveChunkRef(kb, ref)?.id).toBe(long.id);
    expect(resolveChunkRef(kb, 'handbook#p2')?.id).toBe('handbook#p2');
    expect(resolveChunkRef(kb, '~nothing')).toBeUndefined();
    expect(resolveDocumentRef(kb, documentRef(long.document))).toBe(long.document);
    expect(resolveDocumentRef(kb, 'handbook')).toBe('handbook');
  });
});

describe('resolving a reference after a reload', () => {
  it('needs only the document: a paragraph added since resolves, one removed does not', async () => {
    const kb = await fixtureKb();
    const long = [...kb.chunks].find((c) => c.id.length > 60);
    if (!long) throw new Error('the fixture has a document at a long path');
    const ref = refFor(long.id);
    const beyond = ref.replace(/#p\d+$/u, '#p9999');
    expect(resolveChunkRef(kb, beyond)).toBeUndefined();
    expect(resolveChunkRef(kb, ref.replace(/^~[^#]+/u, '~AAAAAAAAAAA'))).toBeUndefined();
  });
});
