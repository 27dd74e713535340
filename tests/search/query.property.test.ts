import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ask, search } from '../../src/answer/index.ts';
import { articleKb } from '../helpers/folders.ts';

const words = ['AI', 'Shanghai', 'hegemony', 'conference', '@everyone', '<@&123>', '**', '`', '\u200b', '\u202e', '🙂', '(', '[', '\\', '.*'];
const query = fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...words)), { maxLength: 40 }).map((parts) => parts.join(' '));

describe('query path properties', () => {
  it('answers any text without throwing: an answer quotes its sources verbatim, a decline says why', async () => {
    const kb = await articleKb();
    fc.assert(
      fc.property(query, (q) => {
        const result = ask(kb, q);
        if (result.answered) {
          expect(result.refusal).toBeNull();
          expect(result.passages.length).toBeGreaterThan(0);
        } else {
          expect(result.refusal).toMatch(/\S/);
          expect(result.answer).toEqual([]);
        }
        for (const excerpt of result.answer) {
          expect(kb.chunks.get(excerpt.chunkId)?.text).toContain(excerpt.text);
          for (const [s, e] of excerpt.marks) expect(0 <= s && s < e && e <= excerpt.text.length).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pages any search: a page holds the matches from its offset, as many as its limit allows', async () => {
    const kb = await articleKb();
    const page = fc.record({ q: query, limit: fc.integer({ min: 1, max: 30 }), offset: fc.integer({ min: 0, max: 20 }), prefix: fc.boolean() });
    fc.assert(
      fc.property(page, ({ q, limit, offset, prefix }) => {
        const result = search(kb, q, { limit, offset, prefix });
        expect(result.hits.length).toBe(Math.max(0, Math.min(limit, result.total - offset)));
        const first = search(kb, q, { limit: offset + limit, prefix });
        expect(result.hits.map((h) => h.chunk.id)).toEqual(first.hits.slice(offset).map((h) => h.chunk.id));
      }),
      { numRuns: 200 },
    );
  });
});
