import { DiscordLimits } from './limits.ts';

/**
 * Links to the exact sentence: a URL Fragment Text Directive (`#:~:text=`), which Chrome, Edge,
 * Safari and Firefox follow by scrolling to the quoted text and highlighting it. Browsers that do
 * not support it open the page as usual, so a link never gets worse for carrying one.
 * Specification: https://wicg.github.io/scroll-to-text-fragment/
 */

const DIRECTIVE = ':~:text=';

/**
 * A sentence of up to this many words is quoted whole; a longer one as its first and last words
 * (`textStart,textEnd`), which highlights the same range but survives small differences between
 * the material's text and the rendered page (a link or emphasis inside the sentence).
 */
export const WHOLE_SENTENCE_WORDS = 10;
/** Words kept at each end of a long sentence, before the URL's length makes it fewer. */
export const EDGE_WORDS = 4;

/**
 * Percent-encodes a directive's text. `-`, `,` and `&` are the directive's own syntax and must be
 * encoded; encodeURIComponent encodes all but `-`. Null for text that cannot be encoded (a lone
 * surrogate).
 */
export function encodeFragmentText(text: string): string | null {
  try {
    return encodeURIComponent(text).replace(/-/gu, '%2D');
  } catch {
    return null;
  }
}

/** The directive for a sentence (`:~:text=…`), within `room` characters, or null when none fits. */
export function textDirective(sentence: string, room: number): string | null {
  const words = sentence.replace(/\s+/gu, ' ').trim().split(' ').filter((w) => w !== '');
  if (words.length === 0) return null;
  const fits = (value: string | null): value is string => value !== null && DIRECTIVE.length + value.length <= room;
  if (words.length <= WHOLE_SENTENCE_WORDS) {
    const whole = encodeFragmentText(words.join(' '));
    if (fits(whole)) return DIRECTIVE + whole;
  }
  for (let k = Math.min(EDGE_WORDS, Math.floor(words.length / 2)); k >= 1; k--) {
    const start = encodeFragmentText(words.slice(0, k).join(' '));
    const end = encodeFragmentText(words.slice(words.length - k).join(' '));
    if (start === null || end === null) return null;
    const value = `${start},${end}`;
    if (fits(value)) return DIRECTIVE + value;
  }
  return null;
}

/**
 * `url` with a text fragment that scrolls to `sentence`, within `max` characters (a link button's
 * URL limit by default). The plain URL when there is no sentence, when the URL already has a
 * fragment (a second one would not be read as a directive, and the page's anchor matters), or
 * when even the shortest directive does not fit.
 */
export function linkToSentence(url: string, sentence: string | null | undefined, max: number = DiscordLimits.buttonUrl): string {
  if (!sentence || url.includes('#')) return url;
  const directive = textDirective(sentence, max - url.length - 1);
  return directive === null ? url : `${url}#${directive}`;
}
