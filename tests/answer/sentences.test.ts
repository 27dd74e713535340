import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotableUnits, splitSentences } from '../../src/answer/sentences.ts';
import type { Chunk, ChunkKind } from '../../src/knowledge/index.ts';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

function chunk(kind: ChunkKind, text: string): Chunk {
  return { id: 'doc#p1', document: 'doc', title: 'Doc', paragraph: 1, breadcrumb: [], kind, text, url: null, citation: 'Doc, ¶1' };
}

describe('splitSentences', () => {
  it('splits prose at the end of each sentence', () => {
    expect(texts('The summit opened. Delegates arrived! Who spoke first? Nobody knows.')).toEqual(['The summit opened.', 'Delegates arrived!', 'Who spoke first?', 'Nobody knows.']);
  });

  it('keeps abbreviations and dotted acronyms inside their sentence', () => {
    expect(texts('Talks with the U.S. resumed in Geneva. Dr. Chen led them, e.g. on trade. They ended.')).toEqual([
      'Talks with the U.S. resumed in Geneva.',
      'Dr. Chen led them, e.g. on trade.',
      'They ended.',
    ]);
  });

  it('joins a "sentence" that starts in lower case to the one before it', () => {
    expect(texts('See version 2. it changed the rules. Then it stopped.')).toEqual(['See version 2. it changed the rules.', 'Then it stopped.']);
  });

  it('keeps a dotted name that starts with a full stop inside its sentence', () => {
    expect(texts('It only applies to the .Session.flush process. If no row matches, a .StaleDataError is raised. Done.')).toEqual([
      'It only applies to the .Session.flush process.',
      'If no row matches, a .StaleDataError is raised.',
      'Done.',
    ]);
  });

  it('gives offsets into the text, trimmed of white space', () => {
    const text = '  First one.   Second one.  ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(texts(text)).toEqual(['First one.', 'Second one.']);
  });

  it('returns nothing for white space alone', () => {
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('loses no word of any text: the sentences, in order, are the text without its white space', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const sentences = splitSentences(text);
        for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
        for (let i = 1; i < sentences.length; i++) expect(sentences[i]!.start).toBeGreaterThanOrEqual(sentences[i - 1]!.end);
        expect(sentences.map((s) => s.text).join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('quotableUnits', () => {
  it('quotes a code block, a table and a credit whole', () => {
    for (const kind of ['code', 'table', 'credit'] as const) {
      const text = 'npm ci. Then npm test.\nA second line.';
      expect(quotableUnits(chunk(kind, text)).map((u) => u.text)).toEqual([text]);
    }
  });

  it('quotes a list line by line, its lead-in included', () => {
    const text = 'Run these steps:\n- install Node\n\n- run npm ci';
    const units = quotableUnits(chunk('list', text));
    expect(units.map((u) => u.text)).toEqual(['Run these steps:', '- install Node', '- run npm ci']);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
  });

  it('quotes a paragraph sentence by sentence', () => {
    expect(quotableUnits(chunk('paragraph', 'One thing. Another thing.')).map((u) => u.text)).toEqual(['One thing.', 'Another thing.']);
  });

  it('splits a long paragraph once and gives the same sentences after', () => {
    const long = chunk('paragraph', 'A sentence of some length here. '.repeat(1000));
    const first = quotableUnits(long);
    expect(first).toHaveLength(1000);
    expect(quotableUnits(long)).toBe(first);
  });
});
