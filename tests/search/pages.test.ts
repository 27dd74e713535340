import { describe, expect, it } from 'vitest';
import { planQuery } from '../../src/search/plan.ts';
import { pageIndex, pagePostingRange, scorePages } from '../../src/search/pages.ts';
import { paragraphRank, runQuery, selectiveTerms, wordPairs } from '../../src/search/query.ts';
import { asksWhatThingIs, namesOneThing, queryPairs, rareTerms, subjectTerms } from '../../src/search/heading-pairs.ts';
import { RANKING_DEFAULTS } from '../../src/search/options.ts';
import type { KnowledgeBase } from '../../src/search/knowledge-base.ts';
import { kbFrom } from '../helpers/folders.ts';

/** Filler paragraphs that share no word with the queries below. */
const filler = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `Paragraph ${seed} number ${i} describes something unrelated entirely.`);

async function folder(): Promise<KnowledgeBase> {
  return kbFrom({
    // The words of the question are spread over several paragraphs under telling headings.
    'tools/stash.md': ['# git-stash', 'git-stash - Stash the changes in a dirty working directory away', '## Saving', 'Save your uncommitted changes on a stack.', '## Restoring', 'Restore them later with pop.', ...filler(6, 'a')].join('\n\n'),
    // One paragraph holds two of the words, many times over.
    'tools/noise.md': ['# Release notes', 'Changes changes changes, saved and saved again, in every release.', ...filler(6, 'b')].join('\n\n'),
    'tools/other.md': ['# Other', ...filler(8, 'c')].join('\n\n'),
  });
}

const pageOfHit = (id: string) => id.slice(0, id.lastIndexOf('#'));

describe('the page index', () => {
  it('holds each page title and path, its opening paragraph and its headings as fields', async () => {
    const kb = await folder();
    const index = pageIndex(kb);
    const stash = kb.documents.findIndex((d) => d.id === 'tools/stash');
    const pagesWith = (field: 'title' | 'description' | 'headings', term: string) => {
      const [start, end] = pagePostingRange(index, term, field);
      return [...index.data.pages.subarray(start, end)];
    };
    expect(pagesWith('title', 'stash')).toEqual([stash]);
    expect(pagesWith('title', 'tool').length).toBe(3); // the folder name, on every page
    expect(pagesWith('description', 'dirti')).toEqual([stash]);
    expect(pagesWith('headings', 'restor')).toEqual([stash]);
    expect(pagesWith('headings', 'uncommit')).toEqual([]);
    for (let c = 0; c < kb.chunks.size; c++) expect(kb.documents[index.pageOf[c]!]!.id).toBe(kb.chunks.at(c).document);
  });

  it('scores the page that holds the question across its fields above one paragraph that repeats two of its words', async () => {
    const kb = await folder();
    const plan = planQuery('save uncommitted changes and restore them later', kb.vocabulary);
    const terms = selectiveTerms(kb, plan).map((term) => ({ term, boost: 1 }));
    const { pages, scores } = scorePages(kb, terms, RANKING_DEFAULTS.page);
    const score = (id: string) => scores[pages.indexOf(kb.documents.findIndex((d) => d.id === id))] ?? 0;
    expect(score('tools/stash')).toBeGreaterThan(score('tools/noise'));
    expect(score('tools/other')).toBe(0);
    // The scratch space is left clean: the same query scores the same again.
    expect([...scorePages(kb, terms, RANKING_DEFAULTS.page).scores]).toEqual([...scores]);
  });
});

describe('ranking by page', () => {
  it('gives each page once, best page first, before a second paragraph of any page', async () => {
    const kb = await folder();
    const { hits } = runQuery(kb, planQuery('save uncommitted changes and restore them later', kb.vocabulary), { limit: 5 });
    const pages = hits.map((h) => pageOfHit(h.chunk.id));
    expect(pages[0]).toBe('tools/stash');
    expect(new Set(pages.slice(0, 2)).size).toBe(2);
    expect(hits[0]!.pageScore).toBe(1);
  });

  it('keeps a quoted paragraph first, whatever its page scores', async () => {
    const kb = await kbFrom({
      'tools/stash.md': ['# git-stash', 'git-stash - Stash the changes away for later', '## Stash changes', 'The stash keeps changes.', 'Changes go on the stash.', 'Pop the stash to get the changes back later.', ...filler(6, 'a')].join('\n\n'),
      'tools/notes.md': ['# Release notes', 'A stash keeps your changes for later, as a shelf does.', ...filler(6, 'b')].join('\n\n'),
    });
    const plan = planQuery('stash keeps your changes for later', kb.vocabulary);
    // Ranked by the pages' own scores alone, the stash page would come first.
    const first = (quoteShare: number, leadRatio: number) =>
      runQuery(kb, plan, { limit: 3, ranking: { bestParagraphWeight: 0, moreParagraphsWeight: 0, quoteShare, leadRatio } }).hits[0]!.chunk.id;
    expect(first(2, 100)).toMatch(/^tools\/stash#/);
    expect(first(0.5, 100)).toBe('tools/notes#p1');
    // Far ahead of the other page's best paragraph, it stays first even unquoted.
    expect(first(2, 1.15)).toBe('tools/notes#p1');
  });

  it('changes nothing in a one-document folder', async () => {
    const kb = await kbFrom({ 'only.md': ['# Only', 'Save your changes.', 'Restore the changes later.', 'Changes changes changes.'].join('\n\n') });
    const plan = planQuery('restore changes', kb.vocabulary);
    const ids = (byPage: boolean) => runQuery(kb, plan, { ranking: { byPage } }).hits.map((h) => h.chunk.id);
    expect(ids(true)).toEqual(ids(false));
  });
});

describe('what shows a paragraph is meant', () => {
  it('does not count two stop words side by side as quoting', () => {
    const { pairs, quoting } = wordPairs(['read', 'a', 'file', 'one', 'line', 'at', 'a', 'time']);
    expect(pairs.has('at a')).toBe(true);
    expect(quoting.has('at a')).toBe(false);
    expect(quoting.has('a time')).toBe(true);
    expect(quoting.has('line at')).toBe(true);
  });

  it('does not put first a paragraph far ahead on common words when it lacks the rarest word', async () => {
    const kb = await kbFrom({
      'db/locking.md': ['# Explicit locking', 'A deadlock is two transactions waiting on each other.', 'The server detects a deadlock and aborts one of them.', 'Avoid a deadlock by taking locks in one order.'].join('\n\n'),
      'hw/ras.md': ['# RAS', 'An error detected is an error avoided: error detection avoids every error.', ...filler(4, 'r')].join('\n\n'),
      // The common words are common: each is in many paragraphs, "deadlock" in three.
      'misc/log.md': ['# Log', 'An error was logged.', 'Detected once.', 'Avoid this.', 'Another error.', 'Detected twice.', 'Avoid that.', 'One more error.', 'Detected thrice.', 'Avoid it all.'].join('\n\n'),
    });
    const plan = planQuery('error deadlock detected avoid', kb.vocabulary);
    const first = (leadRatio: number) =>
      runQuery(kb, plan, { limit: 3, ranking: { bestParagraphWeight: 0, moreParagraphsWeight: 0, quoteShare: 2, leadRatio } }).hits[0]!.chunk.id;
    // The locking page leads on its own score; the RAS paragraph far ahead on the common words may not overturn that.
    expect(first(100)).toMatch(/^db\/locking#/);
    expect(first(1.15)).toMatch(/^db\/locking#/);
  });
});

describe('headings that name the question', () => {
  it('reads pairs of neighbouring words, stop words between them skipped', () => {
    expect([...queryPairs(['the', 'developer', 'certificate', 'of', 'origin'])]).toEqual(['develop certif', 'certif origin']);
  });

  it('lifts a page whose heading holds two of the question\'s words side by side', async () => {
    // The same words in the same fields; only their order in the heading differs.
    const kb = await kbFrom({
      'guide/apart.md': ['# Rules', '## Origin rules and the certificate', 'The developer must sign each change.', ...filler(3, 's')].join('\n\n'),
      'guide/named.md': ['# Rules', '## The certificate of origin rules', 'The developer must sign each change.', ...filler(3, 't')].join('\n\n'),
    });
    const plan = planQuery('developer certificate of origin sign', kb.vocabulary);
    const firstPage = (headingPairWeight: number) => pageOfHit(runQuery(kb, plan, { limit: 2, ranking: { headingPairWeight } }).hits[0]!.chunk.id);
    expect(firstPage(0)).toBe('guide/apart');
    expect(firstPage(RANKING_DEFAULTS.headingPairWeight)).toBe('guide/named');
  });
});

describe('headings about the one thing a short question names', () => {
  /** Two pages that mention the word; one has a section about it, the other a sentence that reads like a quote of the question. */
  async function mentions(): Promise<KnowledgeBase> {
    return kbFrom({
      'lib/sndhdr.md': ['# sndhdr', 'Result changed from a tuple to a namedtuple.', ...filler(6, 'a')].join('\n\n'),
      'lib/collections.md': ['# Container datatypes', ...filler(6, 'b'), '## namedtuple() Factory Function', 'Returns a new subclass of tuple with named fields.', 'Point = namedtuple("Point", ["x", "y"]) gives each field a name.', 'Each namedtuple field is also reachable by its index.', 'namedtuple instances take no more memory than tuples.', 'Fields of each namedtuple subclass can have defaults.'].join('\n\n'),
      'lib/other.md': ['# Other', ...filler(8, 'c')].join('\n\n'),
    });
  }

  it('takes the rare words of a question of a few words, and none from a longer one', async () => {
    const kb = await mentions();
    const subject = (q: string) => [...subjectTerms(kb, planQuery(q, kb.vocabulary).sequence, RANKING_DEFAULTS.subjectWords, 0.3)];
    expect(subject('What is a namedtuple?')).toEqual(['namedtupl']);
    // "paragraph" is in most paragraphs of the fixture: it names no one thing.
    expect(subject('What is a namedtuple paragraph?')).toEqual(['namedtupl']);
    expect(subject('why did the result change from a tuple to a namedtuple in this release')).toEqual([]);
  });

  it('puts first the page whose heading opens with that word, over a sentence that merely mentions it', async () => {
    const kb = await mentions();
    const plan = planQuery('What is a namedtuple?', kb.vocabulary);
    const firstPage = (headingSubjectWeight: number) => pageOfHit(runQuery(kb, plan, { limit: 2, ranking: { headingSubjectWeight, subjectShare: 0.3 } }).hits[0]!.chunk.id);
    expect(firstPage(0)).toBe('lib/sndhdr');
    expect(firstPage(RANKING_DEFAULTS.headingSubjectWeight)).toBe('lib/collections');
  });

  it('tells a question asking what a thing is from words taken from a paragraph', () => {
    expect(asksWhatThingIs(['what', 'is', 'a', 'namedtuple'])).toBe(true);
    expect(asksWhatThingIs(['what', 'does', 'functools', 'lru', 'cache', 'do'])).toBe(true);
    expect(asksWhatThingIs(['whats', 'a', 'namedtuple'])).toBe(true);
    expect(asksWhatThingIs(['to', 'a', 'namedtuple'])).toBe(false);
    expect(asksWhatThingIs(['what', 'changed', 'in', 'namedtuple'])).toBe(false);
  });
});

describe('a best paragraph far ahead', () => {
  it('keeps the order of paragraphs but narrows the lead of the best one', () => {
    const rank = (best: number, bestParagraphExponent: number) => paragraphRank(best, 0, 1, { ...RANKING_DEFAULTS, bestParagraphExponent });
    expect(rank(0.25, 1)).toBeCloseTo(RANKING_DEFAULTS.bestParagraphWeight * 0.25);
    expect(rank(1, RANKING_DEFAULTS.bestParagraphExponent)).toBe(RANKING_DEFAULTS.bestParagraphWeight);
    expect(rank(0.25, RANKING_DEFAULTS.bestParagraphExponent)).toBeGreaterThan(rank(0.25, 1));
    expect(rank(0.25, RANKING_DEFAULTS.bestParagraphExponent)).toBeGreaterThan(rank(0.2, RANKING_DEFAULTS.bestParagraphExponent));
    // The next two paragraphs count as before.
    expect(paragraphRank(0.5, 0.4, 1, RANKING_DEFAULTS) - paragraphRank(0.5, 0, 1, RANKING_DEFAULTS)).toBeCloseTo(RANKING_DEFAULTS.moreParagraphsWeight * 0.4);
  });

  it('no longer lets one paragraph holding more common words outrank the page about the rare one', async () => {
    const kb = await kbFrom({
      // One paragraph holds five of the question's common words, and not the rare one.
      'notes/misc.md': ['# Misc', 'Run a long command on every old line of the file you change.', ...filler(6, 'a')].join('\n\n'),
      // The page is about the rare word, in its title and in several short paragraphs.
      'tools/logrotate.md': ['# logrotate', 'logrotate rotates logs.', 'logrotate keeps old logs compressed.', 'logrotate runs on old logs.', 'logrotate keeps old logs.', ...filler(4, 'b')].join('\n\n'),
      // The same common words again: no word of that paragraph is the question's rarest.
      'tools/other.md': ['# Other', 'A long command runs on each line of a file you change.', ...filler(8, 'c')].join('\n\n'),
    });
    const plan = planQuery('how do I run logrotate so each old file is compressed when I change a line', kb.vocabulary);
    const firstPage = (bestParagraphExponent: number) => pageOfHit(runQuery(kb, plan, { limit: 3, ranking: { bestParagraphExponent } }).hits[0]!.chunk.id);
    expect(firstPage(1)).toBe('notes/misc');
    expect(firstPage(RANKING_DEFAULTS.bestParagraphExponent)).toBe('tools/logrotate');
  });
});

describe('headings opening with a rare word of a longer question', () => {
  /** Two pages with the same words; only one heading opens with the question's rare word. */
  async function sections(): Promise<KnowledgeBase> {
    return kbFrom({
      // A little ahead on its paragraph alone.
      'db/locking.md': ['# Locks', ...filler(3, 'a'), '## Handling a deadlock', 'Two sessions that wait on each other make a deadlock, and the server detects it.', ...filler(3, 'a')].join('\n\n'),
      'db/waits.md': ['# Locks', ...filler(3, 'b'), '## Deadlock handling', 'Two sessions that wait on each other make a deadlock, and the server will then detect it.', ...filler(3, 'b')].join('\n\n'),
      'db/other.md': ['# Other', ...filler(40, 'c')].join('\n\n'),
    });
  }
  const question = 'ERROR: deadlock detected - why does it happen and how do I avoid it?';

  it('takes the rare words of any question, and tells a longer question from one naming a single thing', async () => {
    const kb = await sections();
    const sequence = planQuery(question, kb.vocabulary).sequence;
    expect(rareTerms(kb, sequence, 0.3)).toContain('deadlock');
    expect(namesOneThing(sequence, RANKING_DEFAULTS.subjectWords)).toBe(false);
    expect(namesOneThing(planQuery('what is a deadlock?', kb.vocabulary).sequence, RANKING_DEFAULTS.subjectWords)).toBe(true);
  });

  it('lifts the page whose heading opens with it', async () => {
    const kb = await sections();
    const plan = planQuery(question, kb.vocabulary);
    const firstPage = (headingOpensWeight: number) => pageOfHit(runQuery(kb, plan, { limit: 2, ranking: { headingOpensWeight, subjectShare: 0.3 } }).hits[0]!.chunk.id);
    expect(firstPage(0)).toBe('db/locking');
    expect(firstPage(RANKING_DEFAULTS.headingOpensWeight)).toBe('db/waits');
  });
});

describe('pages that repeat another', () => {
  it('come after the pages that add something', async () => {
    const note = 'The static file view read whole files into memory at one time; it now streams them line by line.';
    const kb = await kbFrom({
      'releases/1-4.md': ['# Release 1.4', note, ...filler(3, 'a')].join('\n\n'),
      'releases/1-6.md': ['# Release 1.6', note, ...filler(3, 'b')].join('\n\n'),
      'api/streams.md': ['# Streams', 'Read a file line by line with a stream.', ...filler(3, 'c')].join('\n\n'),
    });
    const ids = runQuery(kb, planQuery('static file view read whole files line by line', kb.vocabulary), { limit: 3 }).hits.map((h) => pageOfHit(h.chunk.id));
    expect(ids.slice(0, 2)).toContain('api/streams');
    expect(ids.filter((id) => id.startsWith('releases/')).length).toBe(2);
    expect(ids[2]).toMatch(/^releases\//);
  });
});
