import { describe, expect, it } from 'vitest';
import { termOf } from '../../src/search/text.ts';
import { readStemTable, wordnetStems } from '../../src/search/wordnet.ts';

describe('the WordNet stem table', () => {
  const table = wordnetStems();
  const stems = table.stems.split('\n');

  it('holds each stem once, as the index writes it, and no stop word', () => {
    expect(new Set(stems).size).toBe(stems.length);
    expect(stems).toEqual(expect.arrayContaining([termOf('conference'), termOf('US'), termOf('meeting')]));
    expect(stems).not.toContain('the');
  });

  it('lists synsets: counts, then the ids that may bridge (a subset of the synset), then all the synset\'s ids', () => {
    let synsets = 0;
    let at = 0;
    while (at < table.sets.length) {
      const from = table.sets[at]!;
      const to = table.sets[at + 1]!;
      expect(from).toBeGreaterThan(0);
      const fromIds = [...table.sets.subarray(at + 2, at + 2 + from)];
      const toIds = [...table.sets.subarray(at + 2 + from, at + 2 + from + to)];
      for (const id of fromIds) expect(toIds).toContain(id);
      for (const id of toIds) expect(id).toBeLessThan(stems.length);
      at += 2 + from + to;
      synsets++;
    }
    expect(at).toBe(table.sets.length);
    expect(synsets).toBeGreaterThan(50_000);
  });

  it('pairs national capitals with their countries, by their single-word names', () => {
    const pairs = new Set<string>();
    for (let at = 0; at < table.capitals.length; at += 2) pairs.add(`${stems[table.capitals[at]!]}>${stems[table.capitals[at + 1]!]}`);
    expect(pairs).toContain(`${termOf('Beijing')}>${termOf('China')}`);
    expect(pairs).toContain(`${termOf('Hanoi')}>${termOf('Vietnam')}`);
    expect(pairs).not.toContain(`${termOf('Shanghai')}>${termOf('China')}`);
  });

  it('is read once per process', () => {
    expect(wordnetStems()).toBe(table);
    expect(readStemTable()).not.toBe(table);
  });
});
