/**
 * Cutting text to Discord's limits the way a person would: at the end of a sentence when there is
 * one near, else between words, with "…" and a pointer to the rest. Text here is markdown the
 * presenters wrote (escaped material plus our own `**bold**` and `code` spans), so a cut must not
 * leave a dangling backslash or an unclosed bold that would swallow what follows.
 */

export const ELLIPSIS = '…';

/** A cut point this far into the room or further is good enough; nearer the start wastes room. */
const MIN_SHARE = 0.4;

// The end of a sentence: terminal punctuation, any closing quotes/brackets/bold, then a space.
const SENTENCE_END = /[.!?…]["'”’)\]*]*(?=\s)|\n/gu;

/** Index just after the last sentence end at or before `limit`, or -1. */
function lastSentenceEnd(text: string, limit: number): number {
  let best = -1;
  for (const m of text.slice(0, limit + 1).matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end <= limit) best = end;
  }
  return best;
}

function lastSpace(text: string, limit: number): number {
  for (let i = Math.min(limit, text.length - 1); i > 0; i--) if (/\s/u.test(text[i] ?? '')) return i;
  return -1;
}

/** Never split a surrogate pair: an emoji cut in half is not valid text. */
function safeIndex(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** Positions of unescaped occurrences of `token` (a backslash escapes the next character). */
function unescapedPositions(text: string, token: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text.startsWith(token, i)) {
      out.push(i);
      i += token.length - 1;
    }
  }
  return out;
}

/**
 * Closes what a cut left open: a trailing lone backslash is dropped, an unclosed `**` or code
 * span is closed (or removed, if it opened at the very end).
 */
export function repairMarkdown(text: string): string {
  let out = text.trimEnd();
  const trailing = /\\+$/u.exec(out)?.[0].length ?? 0;
  if (trailing % 2 === 1) out = out.slice(0, -1).trimEnd();
  for (const token of ['**', '`']) {
    const at = unescapedPositions(out, token);
    if (at.length % 2 === 0) continue;
    const last = at[at.length - 1] ?? 0;
    out = last + token.length >= out.length ? out.slice(0, last).trimEnd() : out + token;
  }
  return out;
}

/** The longest head of `text` within `room` characters, ending at a sentence or word boundary. */
function cutHead(text: string, room: number): string {
  if (room <= 0) return '';
  const sentence = lastSentenceEnd(text, room);
  if (sentence >= room * MIN_SHARE) return text.slice(0, sentence);
  const space = lastSpace(text, room);
  if (space >= room * MIN_SHARE) return text.slice(0, space);
  return text.slice(0, safeIndex(text, room));
}

/**
 * `text` if it fits in `max`; otherwise its head cut at a sentence (or word) boundary, then
 * "…" and, when given and there is room, `more` (e.g. "more: `/source doc#p3`").
 */
export function truncate(text: string, max: number, more?: string): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let tail = more ? `${ELLIPSIS} ${more}` : ELLIPSIS;
  if (tail.length + 1 > max) tail = ELLIPSIS;
  if (max <= tail.length) return tail.slice(0, max);
  // Room for the head and the space before the tail. A repair may add a closing `**` or
  // backtick; when that overflows, cut again with less room (always at a boundary).
  let room = max - tail.length - 1;
  let head = repairMarkdown(cutHead(text, room));
  while (head.length > 0 && head.length + 1 + tail.length > max) {
    room -= head.length + 1 + tail.length - max;
    head = repairMarkdown(cutHead(text, room));
  }
  return head === '' ? tail : `${head} ${tail}`;
}

/**
 * Plain text (labels, footers, choice names) cut between words with "…"; no markdown to repair.
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  const room = max - 1;
  const space = lastSpace(text, room);
  const head = space >= room * 0.6 ? text.slice(0, space) : text.slice(0, safeIndex(text, room));
  return `${head.trimEnd()}${ELLIPSIS}`;
}

export interface FitLinesOptions {
  separator?: string;
  /**
   * The pointer to what did not fit, given how many lines did, e.g. "3 more: see `/search`".
   * It is shown after "… ".
   */
  more: (shown: number) => string;
}

/**
 * Whole lines while they fit in `max`, then "… <more>". When not even the first line fits, that
 * line is cut at a sentence boundary instead, so something is always shown.
 */
export function fitLines(lines: readonly string[], max: number, options: FitLinesOptions): { text: string; shown: number } {
  const separator = options.separator ?? '\n';
  const all = lines.join(separator);
  if (all.length <= max) return { text: all, shown: lines.length };
  // Lengths of the joined first n lines, so each candidate is checked without re-joining.
  const prefix = [0];
  lines.forEach((line, i) => prefix.push((prefix[i] ?? 0) + line.length + (i > 0 ? separator.length : 0)));
  for (let n = lines.length - 1; n >= 1; n--) {
    const note = `${ELLIPSIS} ${options.more(n)}`;
    if ((prefix[n] ?? 0) + separator.length + note.length <= max) {
      return { text: `${lines.slice(0, n).join(separator)}${separator}${note}`, shown: n };
    }
  }
  return { text: truncate(lines[0] ?? '', max, options.more(0)), shown: 0 };
}
