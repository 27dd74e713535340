/**
 * How a chunk is referred to. Its id, `<document>#p<N>` or `<document>#credit`, is what
 * `/source` and `--json` take and give; its citation, "<title>, ¶N", is what a person reads. A
 * paragraph of a paged document (PDF) is cited by its page and its place on that page,
 * "<title>, p. 12, ¶3", because that is how a reader finds it in the file; its id stays the
 * document-wide number.
 */

/** A body paragraph's number (from 1), or the document's credit line. */
export type Anchor = number | 'credit';

export function chunkId(document: string, anchor: Anchor): string {
  return anchor === 'credit' ? `${document}#credit` : `${document}#p${anchor}`;
}

/** Where a paragraph was printed: its page, and its number counting from the top of that page. */
export interface PagePlace {
  page: number;
  paragraph: number;
}

export function citation(title: string, anchor: Anchor, place?: PagePlace): string {
  if (anchor === 'credit') return `${title}, credit`;
  return place ? `${title}, p. ${place.page}, ¶${place.paragraph}` : `${title}, ¶${anchor}`;
}

/** The link that opens a paragraph's source: at its page, when it has one (PDF viewers read `#page=`). */
export function pageUrl(url: string | null, page: number | undefined): string | null {
  if (url === null || page === undefined) return url;
  return `${url.replace(/#.*$/, '')}#page=${page}`;
}

/** The document and anchor an id names, or null when it is not a chunk id at all. */
export function parseChunkId(id: string): { document: string; anchor: Anchor } | null {
  const hash = id.lastIndexOf('#');
  if (hash <= 0) return null;
  const document = id.slice(0, hash);
  const rest = id.slice(hash + 1);
  if (rest === 'credit') return { document, anchor: 'credit' };
  const paragraph = /^p([1-9]\d*)$/.exec(rest);
  return paragraph ? { document, anchor: Number(paragraph[1]) } : null;
}
