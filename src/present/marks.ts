import type { Span } from '../answer/index.ts';

/**
 * Wraps each marked span of `text` with `open`/`close` and passes everything in between through
 * `escape`: the one place where presenters turn marks into bold of their own kind.
 */
export function renderMarks(text: string, marks: readonly Span[], open: string, close: string, escape: (s: string) => string = (s) => s): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += escape(text.slice(at, start)) + open + escape(text.slice(start, end)) + close;
    at = end;
  }
  return out + escape(text.slice(at));
}
