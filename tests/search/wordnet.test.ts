import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { termOf } from '../../src/search/text.ts';
import { decodeStemTable, encodeStemTable, stemTableFile } from '../../src/search/wordnet-cache.ts';
import { LINK_DEFAULTS, rareSenses, strangerWords, readStemTable, stemTable, stemTableCacheDir, stemTableKey, wordnetStems, type StemTable } from '../../src/search/wordnet.ts';

/** The records of a table's `sets`, `related` or `alike`: the stems each links from and to. */
function* records(array: Uint32Array, ids: readonly string[]): Generator<{ from: string[]; to: string[] }> {
  for (let at = 0; at < array.length; ) {
    const [from, to] = [array[at]!, array[at + 1]!];
    const stems = (start: number, count: number) => [...array.subarray(start, start + count)].map((id) => ids[id]!);
    yield { from: stems(at + 2, from), to: stems(at + 2 + from, to) };
    at += 2 + from + to;
  }
}

/** Whether two tables hold the same stems and the same numbers (byte for byte, which `toEqual` checks slowly on arrays this long). */
function sameTable(a: StemTable, b: StemTable): boolean {
  const bytes = (array: Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return a.stems === b.stems && (['sets', 'capitals', 'related', 'alike'] as const).every((name) => bytes(a[name]).equals(bytes(b[name])));
}

/** Each stem, with every stem its records link it to. */
function reachOf(array: Uint32Array, ids: readonly string[]): Map<string, Set<string>> {
  const reach = new Map<string, Set<string>>();
  for (const { from, to } of records(array, ids)) {
    for (const stem of from) {
      const targets = reach.get(stem) ?? new Set<string>();
      for (const target of to) targets.add(target);
      reach.set(stem, targets);
    }
  }
  return reach;
}

describe('rare senses', () => {
  // Lines of `index.sense`: sense key, synset offset, sense number, times tagged.
  const senses = [
    'brain%1:08:00:: 05488747 1 22',
    'brain%1:09:00:: 05625839 2 5',
    'brain%2:35:00:: 01404330 1 0',
    'gap%1:07:00:: 04760114 1 3',
    'gap%1:04:00:: 00384760 6 0',
    'summit%1:14:00:: 08307589 1 0',
  ].join('\n');

  it('are the senses tagged less than the given share of the word\'s most tagged sense, in any part of speech', () => {
    const rare = rareSenses(senses, 0.25, 10);
    expect(rare).toContain('n05625839 brain');
    expect(rare).toContain('v01404330 brain');
    expect(rare).not.toContain('n05488747 brain');
  });

  it('are none of a word tagged too few times to tell, or never tagged', () => {
    const rare = rareSenses(senses, 0.25, 10);
    expect([...rare].filter((key) => key.endsWith(' gap') || key.endsWith(' summit'))).toEqual([]);
    expect(rareSenses(senses, 0.25, 2)).toContain('n00384760 gap');
  });
});

describe('stranger words', () => {
  const senses = [
    'university%1:14:00:: 08303084 1 20',
    'university%1:06:00:: 04518297 2 14',
    'universe%1:14:00:: 09489410 1 12',
    'universal%3:00:00:: 01034457 1 3',
    'organ%1:08:00:: 05297523 1 6',
    'organization%1:14:00:: 08008335 1 2',
    'author%1:18:00:: 10794014 1 44',
    'authority%1:07:00:: 05196582 2 30',
    'authorities%1:14:00:: 08337324 1 0',
  ].join('\n');
  const stemOf = (word: string) => termOf(word);

  it('are the words of a stem tagged less than the given share of its commonest word of the same part of speech', () => {
    const strangers = strangerWords(senses, stemOf, 0.5, 10);
    expect(strangers).toContain('n universe');
    expect(strangers).not.toContain('n university');
    // An adjective is no inflection of a noun: it is weighed against adjectives only.
    expect(strangers).not.toContain('a universal');
  });

  it('weigh a plural WordNet lists as a word with its singular, as one of its inflections', () => {
    const strangers = strangerWords(senses, stemOf, 0.5, 10);
    // "authorities" (the government) is tagged nowhere, "authority" nearly as often as "author".
    expect(termOf('authorities')).toBe(termOf('author'));
    expect(strangers).not.toContain('n authorities');
    expect(strangers).not.toContain('n authority');
    expect(strangerWords(senses.replace('2 30', '2 3'), stemOf, 0.5, 10)).toContain('n authorities');
  });

  it('are none where the commonest word is tagged too few times to tell', () => {
    expect(strangerWords(senses, stemOf, 0.5, 10)).not.toContain('n organization');
    expect(strangerWords(senses, stemOf, 0.5, 5)).toContain('n organization');
  });
});

describe('the WordNet stem table', () => {
  const table = wordnetStems();
  const stems = table.stems.split('\n');

  it('holds each stem once, as the index writes it, and no stop word', () => {
    expect(new Set(stems).size).toBe(stems.length);
    expect(stems).toEqual(expect.arrayContaining([termOf('conference'), termOf('US'), termOf('meeting')]));
    expect(stems).not.toContain('the');
  });

  it('lists synsets: counts, then the ids that may bridge (a subset of the synset), then all the synset\'s ids', () => {
    // Each broken record is collected and the list asserted empty once: an `expect` per id of half a million takes seconds.
    const broken: { at: number; from: number[]; to: number[] }[] = [];
    let synsets = 0;
    let at = 0;
    while (at < table.sets.length) {
      const from = table.sets[at]!;
      const to = table.sets[at + 1]!;
      const fromIds = [...table.sets.subarray(at + 2, at + 2 + from)];
      const toIds = [...table.sets.subarray(at + 2 + from, at + 2 + from + to)];
      const whole = from > 0 && fromIds.every((id) => toIds.includes(id)) && toIds.every((id) => id < stems.length);
      if (!whole) broken.push({ at, from: fromIds, to: toIds });
      at += 2 + from + to;
      synsets++;
    }
    expect(broken).toEqual([]);
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
    for (const { from, to } of records(table.related, stems)) {
      expect(from.length).toBeGreaterThan(0);
      expect(to.length).toBeGreaterThan(0);
    }
    const links = reachOf(table.related, stems);
    // A barrier (its second sense, "any condition that makes it difficult to make progress") is a kind of obstacle.
    expect(links.get(termOf('obstacles')!)).toContain(termOf('barriers'));
    expect(links.get(termOf('abilities')!)).toContain(termOf('capabilities'));
    // Not the other way: a hindrance is broader than an obstacle, and an obstacle broader than a barrier.
    expect(links.get(termOf('obstacles')!)).not.toContain(termOf('hindrance'));
    expect(links.get(termOf('barriers')!) ?? new Set()).not.toContain(termOf('obstacles'));
  });

  it('links no compound by its head, and no name', () => {
    // Followed up and down, and to instances, so that only those two rules keep the words out.
    const wide = stemTable({ ...LINK_DEFAULTS, pointers: ['@', '~', '~i'] });
    const reach = reachOf(wide.related, wide.stems.split('\n'));
    const targetsOf = (word: string) => reach.get(termOf(word)!) ?? new Set<string>();
    // A bank is a "financial institution": the compound's head is not a word for a bank.
    expect(targetsOf('bank').size).toBeGreaterThan(0);
    expect(targetsOf('bank')).not.toContain(termOf('institution'));
    // Beijing is an instance of a city: a name, not a kind of city.
    expect(targetsOf('city')).not.toContain(termOf('Beijing'));
  });

  it('lists synonym sets for the judge without compounds\' heads, common senses on both sides', () => {
    const reach = (records: Uint32Array, word: string) => reachOf(records, stems).get(termOf(word)!) ?? new Set<string>();
    expect(reach(table.alike, 'program')).toContain(termOf('plan'));
    // Search bridges "summit" to the head of "summit meeting"; the judge's table does not.
    expect(reach(table.sets, 'summit')).toContain(termOf('meeting'));
    expect(reach(table.alike, 'summit')).not.toContain(termOf('meeting'));
  });

  it('bridges from no rarely used sense of a word: "brain" is not a "mental capacity"', () => {
    const reach = (records: Uint32Array, word: string) => reachOf(records, stems).get(termOf(word)!) ?? new Set<string>();
    // Sense two of "brain" is tagged a quarter as often as the organ; "capacity" is also a compound's head there.
    expect(reach(table.sets, 'brain')).not.toContain(termOf('capacity'));
    expect(reach(table.sets, 'brain')).toContain(termOf('encephalon'));
    // Without the rule the same sense bridges, so it is the rule that keeps it out.
    const loose = readStemTable({ ...LINK_DEFAULTS, senseShare: 0 });
    expect(reachOf(loose.sets, loose.stems.split('\n')).get(termOf('brain')!)).toContain(termOf('capacity'));
  });

  it('bridges a stem only through the commoner of the words that share it: "universities" is no "world"', () => {
    const reach = (records: Uint32Array, word: string) => reachOf(records, stems).get(termOf(word)!) ?? new Set<string>();
    expect(termOf('universities')).toBe(termOf('universe'));
    expect(reach(table.sets, 'universities')).not.toContain(termOf('world'));
    // Nor is the material's stem reached through the rarer word: "language" is "linguistic communication", not a community.
    expect(reach(table.sets, 'language')).not.toContain(termOf('community'));
    const loose = readStemTable({ ...LINK_DEFAULTS, stemShare: 0 });
    const looseReach = reachOf(loose.sets, loose.stems.split('\n'));
    expect(looseReach.get(termOf('universities')!)).toContain(termOf('world'));
    expect(looseReach.get(termOf('language')!)).toContain(termOf('community'));
  });

  it('is read once per process, and the machine\'s cached copy is the table WordNet gives', () => {
    expect(wordnetStems()).toBe(table);
    const fresh = readStemTable();
    expect(fresh).not.toBe(table);
    expect(sameTable(fresh, table)).toBe(true);
    expect(sameTable(decodeStemTable(encodeStemTable(fresh, 'key'), 'key')!, fresh)).toBe(true);
    const dir = stemTableCacheDir();
    // Where node_modules can be written, the first use stored the table for the processes after it.
    if (dir !== null && existsSync(stemTableFile(dir, stemTableKey()))) {
      expect(sameTable(decodeStemTable(readFileSync(stemTableFile(dir, stemTableKey())), stemTableKey())!, fresh)).toBe(true);
    }
  });
});
