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

  it('lists narrower words one link away, in the same record format, and no broader word', () => {
    const links = new Map<string, Set<string>>();
    for (let at = 0; at < table.related.length; ) {
      const from = table.related[at]!;
      const to = table.related[at + 1]!;
      expect(from).toBeGreaterThan(0);
      expect(to).toBeGreaterThan(0);
      const targets = [...table.related.subarray(at + 2 + from, at + 2 + from + to)].map((id) => stems[id]!);
      for (const id of table.related.subarray(at + 2, at + 2 + from)) {
        const set = links.get(stems[id]!) ?? new Set<string>();
        for (const t of targets) set.add(t);
        links.set(stems[id]!, set);
      }
      at += 2 + from + to;
    }
    // A barrier (its second sense, "any condition that makes it difficult to make progress") is a kind of obstacle.
    expect(links.get(termOf('obstacles')!)).toContain(termOf('barriers'));
    expect(links.get(termOf('abilities')!)).toContain(termOf('capabilities'));
    // Not the other way: a hindrance is broader than an obstacle, and an obstacle broader than a barrier.
    expect(links.get(termOf('obstacles')!)).not.toContain(termOf('hindrance'));
    expect(links.get(termOf('barriers')!) ?? new Set()).not.toContain(termOf('obstacles'));
  });

  it('links no compound by its head, and no name', () => {
    // Followed up and down, and to instances, so that only those two rules keep the words out.
    const wide = readStemTable({ pointers: ['@', '~', '~i'], fromSenses: 2, toSenses: 2 });
    const ids = wide.stems.split('\n');
    const targetsOf = (word: string) => {
      const found = new Set<string>();
      for (let at = 0; at < wide.related.length; ) {
        const [from, to] = [wide.related[at]!, wide.related[at + 1]!];
        const fromIds = [...wide.related.subarray(at + 2, at + 2 + from)].map((id) => ids[id]!);
        if (fromIds.includes(termOf(word)!)) for (const id of wide.related.subarray(at + 2 + from, at + 2 + from + to)) found.add(ids[id]!);
        at += 2 + from + to;
      }
      return found;
    };
    // A bank is a "financial institution": the compound's head is not a word for a bank.
    expect(targetsOf('bank').size).toBeGreaterThan(0);
    expect(targetsOf('bank')).not.toContain(termOf('institution'));
    // Beijing is an instance of a city: a name, not a kind of city.
    expect(targetsOf('city')).not.toContain(termOf('Beijing'));
  });

  it('lists synonym sets for the judge without compounds\' heads, common senses on both sides', () => {
    const reach = (records: Uint32Array, word: string) => {
      const found = new Set<string>();
      for (let at = 0; at < records.length; ) {
        const [from, to] = [records[at]!, records[at + 1]!];
        if ([...records.subarray(at + 2, at + 2 + from)].map((id) => stems[id]!).includes(termOf(word)!)) {
          for (const id of records.subarray(at + 2 + from, at + 2 + from + to)) found.add(stems[id]!);
        }
        at += 2 + from + to;
      }
      return found;
    };
    expect(reach(table.alike, 'program')).toContain(termOf('plan'));
    // Search bridges "summit" to the head of "summit meeting"; the judge's table does not.
    expect(reach(table.sets, 'summit')).toContain(termOf('meeting'));
    expect(reach(table.alike, 'summit')).not.toContain(termOf('meeting'));
  });

  it('is read once per process', () => {
    expect(wordnetStems()).toBe(table);
    expect(readStemTable()).not.toBe(table);
  });
});
