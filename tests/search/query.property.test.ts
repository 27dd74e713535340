import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ask, search } from '../../src/answer/index.ts';
import { articleKb } from '../helpers/folders.ts';

describe('query path properties', () => {
  it('answers any text without throwing, and every answer is quoted verbatim from its source', async () => {
    const kb = await articleKb();
    const vocabulary = ['AI', 'Shanghai', 'hegemony', 'conference', '@everyone', '<@&123>', '**', '`', '\u200b', '\u202e', '🙂', '(', '[', '\\', '.*'];
    const query = fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...vocabulary)), { maxLength: 40 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(query, (q) => {
        const result = ask(kb, q);
        expect(typeof result.answered).toBe('boolean');
        for (const excerpt of result.answer) expect(kb.chunks.get(excerpt.chunkId)?.text).toContain(excerpt.text);
        for (const excerpt of result.answer) {
          for (const [s, e] of excerpt.marks) expect(0 <= s && s < e && e <= excerpt.text.length).toBe(true);
        }
        expect(search(kb, q, { prefix: true }).hits.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });
});
