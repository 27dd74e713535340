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

  it('lists whole synsets: counts, then ids of known stems, the related ids including the own ones', () => {
    let synsets = 0;
    let at = 0;
    while (at < table.sets.length) {
      const own = table.sets[at]!;
      const related = table.sets[at + 1]!;
      expect(own).toBeGreaterThan(0);
      const ownIds = [...table.sets.subarray(at + 2, at + 2 + own)];
      const relatedIds = [...table.sets.subarray(at + 2 + own, at + 2 + own + related)];
      expect(relatedIds.slice(0, own)).toEqual(ownIds);
      for (const id of relatedIds) expect(id).toBeLessThan(stems.length);
      at += 2 + own + related;
      synsets++;
    }
    expect(at).toBe(table.sets.length);
    expect(synsets).toBeGreaterThan(50_000);
  });

  it('is read once per process', () => {
    expect(wordnetStems()).toBe(table);
    expect(readStemTable()).not.toBe(table);
  });
});
