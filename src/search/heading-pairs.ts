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

const cache = new WeakMap<object, Map<number, ReadonlySet<string>>>();

/** The pairs of a page's title, file name and headings. */
export function headingPairs(kb: KnowledgeBase, page: number): ReadonlySet<string> {
  let pages = cache.get(kb.chunks);
  if (!pages) cache.set(kb.chunks, (pages = new Map()));
  const known = pages.get(page);
  if (known) return known;
  const index = pageIndex(kb);
  const columns = kb.chunks.columns;
  const document = kb.documents[page]!;
  const pairs = new Set<string>([...termPairs(termsOf(document.title)), ...termPairs(termsOf(idWords(document.id)))]);
  const seen = new Set<number>();
  for (let c = index.starts[page]!; c < index.starts[page + 1]!; c++) {
    const b = columns.breadcrumb[c]!;
    if (seen.has(b)) continue;
    seen.add(b);
    const trail = columns.breadcrumbs[b]!;
    // The outer headings were read with the section that introduced them.
    if (trail.length > 0) for (const pair of termPairs(termsOf(trail[trail.length - 1]!))) pairs.add(pair);
  }
  pages.set(page, pairs);
  return pairs;
}

/** The question's own pairs: its words in order, stop words skipped. */
export function queryPairs(sequence: readonly string[]): Set<string> {
  return termPairs(sequence.map((w) => termOf(w)).filter((t): t is string => t !== null));
}

