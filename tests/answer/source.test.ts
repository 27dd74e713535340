import { describe, expect, it } from 'vitest';
import { normalizeCitation, source, UnknownCitationError } from '../../src/answer/index.ts';
import { articleKb } from '../helpers/folders.ts';

describe('source', () => {
  it.each(['china-ai-governance#p2', 'china-ai-governance#2', 'china-ai-governance ¶2', ' china-ai-governance p2 '])(
    'accepts %j',
    (input) => expect(normalizeCitation(input)).toBe('china-ai-governance#p2'),
  );

  it('returns the whole paragraph with its neighbours', async () => {
    const kb = await articleKb();
    const { chunk, before, after } = source(kb, 'china-ai-governance#p2');
    expect(chunk.text).toMatch(/^The 2025 World AI Conference/);
    expect(before?.id).toBe('china-ai-governance#p1');
    expect(after?.id).toBe('china-ai-governance#p3');
    expect(source(kb, 'china-ai-governance#p1').before).toBeNull();
    expect(source(kb, 'china-ai-governance#p13').after).toBeNull();
  });

  it('suggests real ids for an unknown one', async () => {
    const kb = await articleKb();
    expect(() => source(kb, 'china-ai-governance#p99')).toThrow(UnknownCitationError);
    expect(() => source(kb, 'china-ai-governance#p99')).toThrow(/Did you mean "china-ai-governance#p1"/);
  });
});
