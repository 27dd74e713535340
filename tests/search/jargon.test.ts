import { describe, expect, it } from 'vitest';
import { compileJargon, JARGON, jargonTerms } from '../../src/search/jargon.ts';
import { normalizeWord, termOf, words } from '../../src/search/text.ts';

const sequence = (query: string) => words(query).map((w) => normalizeWord(w.text));
const any = () => true;

describe('jargonTerms', () => {
  const table = compileJargon([
    ['revert', 'back out', 'roll back'],
    ['compress', 'gzip'],
  ]);

  it('reaches the other expressions of a group one of its expressions occurs in', () => {
    expect(jargonTerms(sequence('how do I gzip a stream?'), any, table)).toEqual(['compress']);
    expect(jargonTerms(sequence('revert a commit'), any, table).sort()).toEqual(['back', 'roll']);
  });

  it('matches a phrase across the stop words a question puts inside it ("back it out")', () => {
    expect(jargonTerms(sequence("what's the safe way to back it out?"), any, table)).toEqual(['revert', 'roll']);
    // Content words between are not skipped: "back the car out" is not "back out".
    expect(jargonTerms(sequence('back the car out'), any, table)).toEqual([]);
  });

  it('matches word forms through their stems ("compressing" is "compress")', () => {
    expect(jargonTerms(sequence('compressing logs'), any, table)).toEqual(['gzip']);
  });

  it('adds only terms the caller accepts and the query does not already hold', () => {
    expect(jargonTerms(sequence('revert or roll back'), any, table)).toEqual([]);
    expect(jargonTerms(sequence('gzip'), (t) => t !== 'compress', table)).toEqual([]);
  });

  it('finds nothing in a query without any of the expressions', () => {
    expect(jargonTerms(sequence('when is the conference held'), any)).toEqual([]);
  });

  it('holds only expressions that have a word the index keeps', () => {
    for (const group of JARGON) {
      expect(group.length).toBeGreaterThan(1);
      for (const expression of group) expect(words(expression).some((w) => termOf(w.text) !== null)).toBe(true);
    }
  });
});
