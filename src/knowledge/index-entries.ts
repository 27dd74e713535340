/**
 * Sphinx's `.. index::` directive names the entries of a book's index ("pair: function;
 * annotations single: ->; function annotations"). HTML shows none of it, but a converter that
 * flattens reStructuredText to Markdown leaves the entries in as a paragraph, which then ranks on
 * words no reader sees. An entry is its type, a colon and its terms.
 */
const ENTRY = /(?:^|\s)!?(?:single|pair|triple|see|seealso|module|keyword|operator|object|exception|statement|builtin):\s/g;

/** The types only an index uses; the others also open a line of code (a C label `exception:`). */
const INDEX_ONLY = /^!?(?:single|pair|triple|see|seealso):\s/;

/** Whether a paragraph is only index entries: it opens with one, and holds two or an index-only one. */
export function isIndexEntries(text: string): boolean {
  const line = text.trim();
  const markers = [...line.matchAll(ENTRY)];
  if (markers[0]?.index !== 0) return false;
  return markers.length >= 2 || INDEX_ONLY.test(line);
}
