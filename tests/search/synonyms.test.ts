import { describe, expect, it } from 'vitest';
import { buildRelated, buildSynonyms } from '../../src/search/synonyms.ts';

/** A material's document frequencies, stem → chunks holding it. */
const material = (df: Record<string, number>) => new Map(Object.entries(df));

describe('buildSynonyms', () => {
  it('bridges a word the material lacks to the material\'s word for the same thing ("summit" → "meeting", the head of "summit meeting")', () => {
    const synonyms = buildSynonyms(material({ meet: 1 }), 10);
    expect(synonyms.get('summit')).toEqual(['meet']);
  });

  it('bridges only a word\'s common senses, and never to a broader word', () => {
    // "capital" is the city of Washington only in a rare sense; "canine" is broader than "dog".
    expect(buildSynonyms(material({ washington: 1 }), 10).has('capit')).toBe(false);
    expect(buildSynonyms(material({ canin: 1 }), 10).get('dog')).toBeUndefined();
    expect(buildSynonyms(material({ canin: 1 }), 10).get('canid')).toEqual(['canin']);
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

  it('bridges a national capital to its country, however common the country is, and no other city', () => {
    // "Beijing" for China's government: the country is in every paragraph of an article on China.
    expect(buildSynonyms(material({ china: 10 }), 10).get('beij')).toEqual(['china']);
    expect(buildSynonyms(material({ egypt: 1 }), 10).get('cairo')).toEqual(['egypt']);
    expect(buildSynonyms(material({ china: 10 }), 10).has('shanghai')).toBe(false);
    // A capital the material names is its own word.
    expect(buildSynonyms(material({ china: 10, beij: 1 }), 10).has('beij')).toBe(false);
  });

  it('bridges to no word that more than half of the material uses', () => {
    expect(buildSynonyms(material({ meet: 6 }), 10).has('summit')).toBe(false);
    expect(buildSynonyms(material({ meet: 5 }), 10).get('summit')).toEqual(['meet']);
  });

  it('keeps the four rarest bridges of a word, rarest first', () => {
    // "group" shares its common senses with "grouping", "radical", "chemical group" and "mathematical group".
    const bridges = buildSynonyms(material({ group: 0 }), 100).get('group');
    expect(bridges).toBeUndefined();
    const df = { chemic: 5, radic: 4, mathemat: 3, group: 0 };
    const found = buildSynonyms(new Map(Object.entries(df).filter(([, n]) => n > 0)), 100);
    const all = [...found.values()].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const list of found.values()) {
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list.map((t) => df[t as keyof typeof df])).toEqual([...list.map((t) => df[t as keyof typeof df])].sort((a, b) => a - b));
    }
  });

  it('bridges nothing into a material with no words', () => {
    expect(buildSynonyms(material({}), 0).size).toBe(0);
  });
});

describe('buildRelated', () => {
  const related = (df: Record<string, number>, chunks = 10) => buildRelated(material(df), chunks, buildSynonyms(material(df), chunks));

  it('links a word the material lacks to the material\'s narrower word ("obstacles" → barriers), never to a broader one', () => {
    expect(related({ barrier: 1 }).get('obstacl')).toEqual(['barrier']);
    // A hindrance is broader than an obstacle: a paragraph on hindrances does not say which obstacles.
    expect(related({ hindranc: 1 }).get('obstacl')).toBeUndefined();
  });

  it('gives a word the material uses its synonyms there, and its narrower words when the options say so', () => {
    // "program" and "plan" share a common sense; nothing searches "plan" for "program", which the material has.
    expect(related({ program: 1, plan: 1 }).get('program')).toEqual(['plan']);
    expect(buildSynonyms(material({ program: 1, plan: 1 }), 10).has('program')).toBe(false);
    // A barrier is a kind of obstacle, whether or not the material says "obstacle" somewhere.
    expect(related({ barrier: 1, obstacl: 1 }).get('obstacl')).toContain('barrier');
    const own = (df: Record<string, number>) => buildRelated(material(df), 10, buildSynonyms(material(df), 10), { narrowerOfOwnWords: false });
    expect(own({ barrier: 1, obstacl: 1 }).get('obstacl') ?? []).not.toContain('barrier');
  });

  it('links to no word more than half of the material uses', () => {
    expect(related({ barrier: 6 }).has('obstacl')).toBe(false);
    expect(related({ program: 1, plan: 6 }).has('program')).toBe(false);
  });

  it('leaves out what the word\'s synonyms already reach', () => {
    // "scheme" and "strategy" share a synset: strategy is a synonym, not a related word.
    const df = { strategi: 1 };
    expect(buildSynonyms(material(df), 10).get('scheme')).toContain('strategi');
    expect(related(df).get('scheme') ?? []).not.toContain('strategi');
  });
});
