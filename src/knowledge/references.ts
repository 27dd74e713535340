/**
 * How a chunk is referred to. Its id, `<document>#p<N>` or `<document>#credit`, is what
 * `/source` and `--json` take and give; its citation, "<title>, ¶N", is what a person reads.
 */

/** A body paragraph's number (from 1), or the document's credit line. */
export type Anchor = number | 'credit';

export function chunkId(document: string, anchor: Anchor): string {
  return anchor === 'credit' ? `${document}#credit` : `${document}#p${anchor}`;
}

export function citation(title: string, anchor: Anchor): string {
  return anchor === 'credit' ? `${title}, credit` : `${title}, ¶${anchor}`;
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
