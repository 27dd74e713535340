import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/parse.ts';

const encode = (s: string) => new TextEncoder().encode(s);
// No NUL (a binary file) and no "---" (front matter): what is left can only lack a body.
const line = fc.string({ maxLength: 80 }).filter((l) => !l.includes('\u0000') && !l.startsWith('---'));
const document = fc.array(fc.oneof(line, fc.constant(''), fc.constant('# Heading'), fc.constant('- item'), fc.constant('```')), { maxLength: 30 }).map((lines) => lines.join('\n'));

describe('chunker properties', () => {
  it.each(['doc.md', 'doc.txt'])('never throws and numbers %s paragraphs 1..N with unique ids', (path) => {
    fc.assert(
      fc.property(document, (text) => {
        const result = parseDocument('doc', path, encode(text));
        if (!result.ok) {
          expect(['empty file', 'no body text']).toContain(result.reason);
          return;
        }
        const body = result.chunks.filter((c) => c.kind !== 'credit');
        expect(body.map((c) => c.paragraph)).toEqual(body.map((_, i) => i + 1));
        expect(new Set(result.chunks.map((c) => c.id)).size).toBe(result.chunks.length);
        for (const c of result.chunks) expect(c.text.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps plain-text words exactly: every paragraph is a line or a join of lines of the file', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z ,']{1,40}[.!?]$/), { minLength: 1, maxLength: 12 }), (lines) => {
        const result = parseDocument('doc', 'doc.txt', encode(lines.join('\n')));
        if (!result.ok) throw new Error(`lines of words did not parse: ${result.reason}`);
        const source = lines.map((l) => l.trim()).join(' ');
        for (const c of result.chunks) expect(source).toContain(c.text);
      }),
      { numRuns: 200 },
    );
  });
});
