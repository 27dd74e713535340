import type { KnowledgeBase } from './knowledge-base.ts';
import { pageIndex, idWords } from './pages.ts';
import { termOf, tokenize } from './text.ts';

/**
 * What a page names in its title and headings, as pairs of neighbouring words. A heading that
 * holds two of the question's words side by side ("Developer's Certificate of Origin", "Partial
 * Indexes", "Row Security Policies") says the page is about that very thing, where the
 * same two words scattered over a long body say little. Stop words between them are skipped, as
 * in the question ("certificate of origin" is the pair certif·origin).
 *
 * A page's pairs are worked out the first time a query reaches it and kept for the life of the
 * chunk store: only pages near the top of some ranking are ever read.
 */

/** The index terms of `text`'s words in order, stop words left out. */
function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) {
    const term = termOf(word);
    if (term !== null) out.push(term);
  }
  return out;
}

/** Neighbouring term pairs, stop words skipped: "the Developer's Certificate of Origin" → develop·certif, certif·origin. */
export function termPairs(terms: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) if (terms[i - 1] !== terms[i]) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

/** What a page's title, file name and headings name. */
export interface PageNames {
  /** Their neighbouring term pairs. */
  pairs: ReadonlySet<string>;
  /**
   * Their first terms: a heading that opens with a word ("namedtuple() Factory Function for
   * Tuples", "functools — Higher-order functions") is about the thing that word names.
   */
  heads: ReadonlySet<string>;
}

const cache = new WeakMap<object, Map<number, PageNames>>();

/** The pairs and first terms of a page's title, file name and headings. */
export function pageNames(kb: KnowledgeBase, page: number): PageNames {
  let pages = cache.get(kb.chunks);
  if (!pages) cache.set(kb.chunks, (pages = new Map()));
  const known = pages.get(page);
  if (known) return known;
  const index = pageIndex(kb);
  const columns = kb.chunks.columns;
  const document = kb.documents[index.documentOf[page]!]!;
  const pairs = new Set<string>();
  const heads = new Set<string>();
  const read = (terms: readonly string[]) => {
    for (const pair of termPairs(terms)) pairs.add(pair);
    addHead(heads, terms);
  };
  read(termsOf(document.title));
  // The folders are no heading: only the file's own name says what the page is about.
  for (const pair of termPairs(termsOf(idWords(document.id)))) pairs.add(pair);
  addHead(heads, termsOf(idWords(document.id.slice(document.id.lastIndexOf('/') + 1))));
  const seen = new Set<number>();
  for (let c = index.starts[page]!; c < index.starts[page + 1]!; c++) {
    const b = columns.breadcrumb[c]!;
    if (seen.has(b)) continue;
    seen.add(b);
    const trail = columns.breadcrumbs[b]!;
    // The outer headings were read with the section that introduced them.
    if (trail.length > 0) read(termsOf(trail[trail.length - 1]!));
  }
  const names = { pairs, heads };
  pages.set(page, names);
  return names;
}

/** The first word of a heading, past its section number ("5.6.12. Version" is about versions). */
function addHead(heads: Set<string>, terms: readonly string[]): void {
  const head = terms.find((term) => !/^\d/.test(term));
  if (head !== undefined) heads.add(head);
}

/** The pairs of a page's title, file name and headings. */
export function headingPairs(kb: KnowledgeBase, page: number): ReadonlySet<string> {
  return pageNames(kb, page).pairs;
}

/**
 * The rare words a question asks about when it names a single thing ("What is a namedtuple?",
 * "What does functools.lru_cache do?", "lru_cache?"): its own words, stop words left out, when
 * there are at most `maxWords` of them, and of those the ones in at most `share` of the
 * paragraphs. A longer question is about a relation between things, and a common word names no
 * one thing.
 */
export function subjectTerms(kb: KnowledgeBase, sequence: readonly string[], maxWords: number, share: number): Set<string> {
  return ownWords(sequence).size > maxWords ? new Set() : rareTerms(kb, sequence, share);
}

/** The question's own words, stop words left out, that are in at most `share` of the paragraphs. */
export function rareTerms(kb: KnowledgeBase, sequence: readonly string[], share: number): Set<string> {
  const rare = new Set<string>();
  const most = share * kb.chunks.size;
  for (const term of ownWords(sequence)) if ((kb.vocabulary.df.get(term) ?? 0) <= most) rare.add(term);
  return rare;
}

/** Whether a question is short enough to name a single thing (see subjectTerms). */
export function namesOneThing(sequence: readonly string[], maxWords: number): boolean {
  return ownWords(sequence).size <= maxWords;
}

const ownWords = (sequence: readonly string[]) => new Set(sequence.map((w) => termOf(w)).filter((t): t is string => t !== null));

/** The openings of a question that asks what a thing is or does. */
const DEFINING = new Set(['what is', 'what are', 'what does', 'what do', 'whats', 'what was']);

/**
 * Whether the question asks what a thing is or does ("What is a namedtuple?", "what does
 * functools.lru_cache do?"). Words taken from a paragraph seldom open so; a question that does
 * means the thing, not a sentence that happens to hold its name.
 */
export function asksWhatThingIs(sequence: readonly string[]): boolean {
  return DEFINING.has(sequence[0] ?? '') || DEFINING.has(sequence.slice(0, 2).join(' '));
}

/** The question's own pairs: its words in order, stop words skipped. */
export function queryPairs(sequence: readonly string[]): Set<string> {
  return termPairs(sequence.map((w) => termOf(w)).filter((t): t is string => t !== null));
}

