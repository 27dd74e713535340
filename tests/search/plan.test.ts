import { describe, expect, it } from 'vitest';
import { damerau, maxEditDistance, planQuery } from '../../src/search/plan.ts';
import { termOf, words } from '../../src/search/text.ts';
import { articleKb } from '../helpers/folders.ts';

describe('terms', () => {
  it.each([
    ['The', null],
    ['us', null],
    ['US', 'us.'],
    ['use', 'us'],
    ['WHO', 'who.'],
    ["humanity's", 'human'],
    ['conferences', 'confer'],
    ['2025', '2025'],
    ['x', null],
  ])('termOf(%j) is %j', (word, term) => {
    expect(termOf(word)).toBe(term);
  });

  it('keeps dotted acronyms whole and reports offsets into the original text', () => {
    const text = 'The U.S. plan, China-BRICS';
    expect(words(text).map((w) => [w.text, text.slice(w.start, w.end)])).toEqual([
      ['The', 'The'],
      ['US', 'U.S.'],
      ['plan', 'plan'],
      ['China', 'China'],
      ['BRICS', 'BRICS'],
    ]);
  });
});

describe('edit distance', () => {
  it.each([
    ['theme', 'theem', 1],
    ['shanghai', 'shanghia', 1],
    ['kitten', 'sitting', 3],
    ['same', 'same', 0],
  ])('damerau(%s, %s) = %i', (a, b, d) => expect(damerau(a, b)).toBe(d));

  it('allows no typo in short words and at most two in long ones', () => {
    expect([3, 4, 5, 6, 8, 9, 12].map(maxEditDistance)).toEqual([0, 1, 1, 1, 1, 2, 2]);
  });
});

describe('planQuery', () => {
  it('uses exact terms when the index has them and corrects typos against real words', async () => {
    const kb = await articleKb();
    const plan = planQuery('shanghia conferance theem', kb.vocabulary);
    expect(plan.planned.map((w) => [w.word, w.match])).toEqual([
      ['shanghia', 'fuzzy'],
      ['conferance', 'exact'], // the stemmer already maps it to "confer"
      ['theem', 'fuzzy'],
    ]);
    expect([...plan.terms.keys()]).toEqual(expect.arrayContaining(['shanghai', 'confer', 'theme']));
  });

  it('does not correct a word into one with another first letter, nor by two edits below nine letters', async () => {
    const kb = await articleKb();
    // "mountain" is two edits from "maintain", "router" from "foster"; "hegemony" is in the article.
    const plan = planQuery('mountain router chian', kb.vocabulary);
    expect(plan.terms.has('maintain')).toBe(false);
    expect(plan.terms.has('foster')).toBe(false);
    expect(plan.planned.find((w) => w.word === 'router')?.match).toBe('none');
    // The first two letters swapped is a typo of "china".
    expect(plan.planned.find((w) => w.word === 'chian')).toMatchObject({ match: 'fuzzy' });
    expect(plan.terms.has('china')).toBe(true);
  });

  it('gives a word the material lacks its narrower words, and searches none of them', async () => {
    const kb = await articleKb();
    const plan = planQuery('obstacles barriers', kb.vocabulary);
    expect(plan.planned.find((w) => w.word === 'obstacles')).toMatchObject({ match: 'none', related: ['barrier'] });
    // The material's own word needs none.
    expect(plan.planned.find((w) => w.word === 'barriers')).toMatchObject({ match: 'exact', related: [] });
    expect([...plan.terms.keys()]).toEqual(['barrier']);
  });

  it('says how many slips of typing a correction is, a swap of neighbours counting one', async () => {
    const kb = await articleKb();
    const plan = planQuery('trasnformation polarization', kb.vocabulary);
    expect(plan.planned.find((w) => w.word === 'trasnformation')?.terms[0]).toMatchObject({ term: 'transform', edits: 1 });
    expect(plan.planned.find((w) => w.word === 'polarization')?.terms[0]).toMatchObject({ term: 'popular', edits: 2 });
  });

  it('bridges other words for the same thing through synonyms', async () => {
    const kb = await articleKb();
    const plan = planQuery('America', kb.vocabulary);
    expect(plan.planned[0]?.match).toBe('synonym');
    expect(plan.terms.has('us.')).toBe(true);
  });

  it('completes the last word only while typing', async () => {
    const kb = await articleKb();
    // "gov" is too short to pass for a clipped word ("tech"), which is completed typed or not:
    // only completion while typing can make it "govern".
    const matches = (query: string, prefixLast = true) => planQuery(query, kb.vocabulary, { prefixLast }).planned.map((w) => [w.word, w.match]);
    expect(matches('ai gov')).toEqual([['ai', 'exact'], ['gov', 'prefix']]);
    expect(planQuery('ai gov', kb.vocabulary, { prefixLast: true }).terms.has('govern')).toBe(true);
    expect(matches('ai gov ')).toEqual([['ai', 'exact'], ['gov', 'none']]);
    expect(matches('gov ai')).toEqual([['gov', 'none'], ['ai', 'exact']]);
    expect(matches('ai gov', false)).toEqual([['ai', 'exact'], ['gov', 'none']]);
  });

  it('ignores stop words and their misspellings, and caps the words considered', async () => {
    const kb = await articleKb();
    expect(planQuery('what is the of and', kb.vocabulary).planned).toEqual([]);
    expect(planQuery('wat shanghai', kb.vocabulary).planned.map((w) => w.word)).toEqual(['shanghai']);
    const many = Array.from({ length: 100 }, (_, i) => `word${i}x`).join(' ');
    const plan = planQuery(many, kb.vocabulary, { maxWords: 10 });
    expect(plan.planned).toHaveLength(10);
    expect(plan.truncated).toBe(true);
  });

  it('weighs the parts of a number written in parts less than a number of its own', async () => {
    const kb = await articleKb();
    // "2024.28" is not one number in the index but two, each of which a table anywhere holds.
    const parts = planQuery('news of 2024.28', kb.vocabulary, { numberPartWeight: 0.5 });
    expect(parts.terms.get('2024')).toBe(0.5);
    expect(parts.terms.get('28')).toBe(0.5);
    const whole = planQuery('news of 2024 and 28', kb.vocabulary, { numberPartWeight: 0.5 });
    expect(whole.terms.get('2024')).toBe(1);
    expect(whole.terms.get('28')).toBe(1);
  });

  it('plans thousands of repeated words as one', async () => {
    const kb = await articleKb();
    const plan = planQuery('hegemony '.repeat(5000), kb.vocabulary);
    expect(plan.planned).toHaveLength(1);
  });
});

describe('work per query is bounded', () => {
  it('looks up at most maxFuzzyWords misspellings and never fuzzes very long tokens', async () => {
    const kb = await articleKb();
    const typos = 'shanghia conferance hegemonny digtal divde mentalty goverance cooperaton initiatve tecnology';
    const plan = planQuery(typos, kb.vocabulary, { maxFuzzyWords: 3 });
    expect(plan.planned.filter((w) => w.match === 'fuzzy')).toHaveLength(3);
    const long = planQuery('x'.repeat(25) + 'hegemony', kb.vocabulary);
    expect(long.planned[0]?.match).toBe('none');
  });

  it('spends the misspelling budget only on words neither the material nor its synonyms have', async () => {
    const kb = await articleKb();
    const plan = planQuery('America shanghia', kb.vocabulary, { maxFuzzyWords: 1 });
    expect(plan.planned.map((w) => [w.word, w.match])).toEqual([['America', 'synonym'], ['shanghia', 'fuzzy']]);
    expect(plan.planned[0]?.terms.every((t) => t.edits === undefined)).toBe(true);
  });
});
