import { describe, expect, it } from 'vitest';
import { buildSynonyms } from '../../src/search/synonyms.ts';

/** A material's document frequencies, stem → chunks holding it. */
const material = (df: Record<string, number>) => new Map(Object.entries(df));

describe('buildSynonyms', () => {
  it('bridges a word the material lacks to the material\'s word for a broader sense ("summit" → "meeting")', () => {
    const synonyms = buildSynonyms(material({ meet: 1 }), 10);
    expect(synonyms.get('summit')).toEqual(['meet']);
  });

  it('maps WordNet\'s words to the index\'s own terms, so "America" reaches the acronym "US"', () => {
    const synonyms = buildSynonyms(material({ 'us.': 1 }), 10);
    expect(synonyms.get('america')).toEqual(['us.']);
    expect(synonyms.has('us')).toBe(false);
  });

  it('never bridges a word the material already uses', () => {
    const synonyms = buildSynonyms(material({ meet: 1, summit: 1 }), 10);
    expect(synonyms.has('summit')).toBe(false);
    expect(synonyms.has('meet')).toBe(false);
  });

  it('bridges to no word that more than half of the material uses', () => {
    expect(buildSynonyms(material({ meet: 6 }), 10).has('summit')).toBe(false);
    expect(buildSynonyms(material({ meet: 5 }), 10).get('summit')).toEqual(['meet']);
  });

  it('keeps the four rarest bridges of a word, rarest first', () => {
    const df = { gather: 6, meet: 5, sort: 4, class: 3, activ: 2, abstract: 1 };
    expect(buildSynonyms(material(df), 100).get('group')).toEqual(['abstract', 'activ', 'class', 'sort']);
  });

  it('bridges nothing into a material with no words', () => {
    expect(buildSynonyms(material({}), 0).size).toBe(0);
  });
});
