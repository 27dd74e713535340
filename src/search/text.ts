import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.ts';

export interface Word {
  /** The word as written. */
  text: string;
  start: number;
  end: number;
}

// Letters and digits, keeping in-word apostrophes ("humanity's") so possessives can be removed.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// "U.S." and "U.K." would otherwise fall apart into single letters.
const DOTTED_ACRONYM = /\b(?:\p{Lu}\.){2,}/gu;

/** Every word in `text` with its offsets, for tokenizing and for marking matches in excerpts. */
export function words(text: string): Word[] {
  const source = text.replace(DOTTED_ACRONYM, (m) => m.replace(/\./g, '\u200b'));
  const out: Word[] = [];
  for (const match of source.matchAll(WORD)) {
    const start = match.index ?? 0;
    out.push({ text: text.slice(start, start + match[0].length), start, end: start + match[0].length });
  }
  // Re-join dotted acronyms that the zero-width placeholder split.
  return out.length === 0 || !DOTTED_ACRONYM.test(text) ? out : joinAcronyms(text, out);
}

function joinAcronyms(text: string, found: Word[]): Word[] {
  DOTTED_ACRONYM.lastIndex = 0;
  const spans = [...text.matchAll(DOTTED_ACRONYM)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const out: Word[] = [];
  for (const span of spans) out.push({ text: text.slice(span.start, span.end).replace(/\./g, ''), start: span.start, end: span.end });
  for (const w of found) if (!spans.some((s) => w.start >= s.start && w.end <= s.end)) out.push(w);
  return out.sort((a, b) => a.start - b.start);
}

const HAS_DOTTED_ACRONYM = /\b(?:\p{Lu}\.){2,}/u;

/** The words of `text` as strings: what indexing reads, ten million times for a large folder. */
export function tokenize(text: string): string[] {
  if (HAS_DOTTED_ACRONYM.test(text)) return words(text).map((w) => w.text);
  return text.match(WORD) ?? [];
}

/** Lower case, no possessive, no apostrophes: the form the fuzzy vocabulary is keyed on. */
export function normalizeWord(word: string): string {
  // Most words are plain ASCII letters and digits, which NFKC leaves alone and hold no apostrophe.
  if (isPlainAscii(word)) return word.toLowerCase();
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}

function isPlainAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

function isAcronym(word: string): boolean {
  return word.length >= 2 && word.length <= 5 && /^\p{Lu}+$/u.test(word);
}

/**
 * The index term for a word, or null for words that carry no meaning. An upper-case acronym keeps
 * its place even when its lower-case form is a stop word — "US" is a country, "us" is not — with a
 * term of its own ("us."), since the stemmer makes "use" into "us".
 */
export function termOf(word: string): string | null {
  // A corpus repeats a few hundred thousand words millions of times; stem each spelling once.
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  const term = uncachedTermOf(word);
  termCache.set(word, term);
  return term;
}

const TERM_CACHE_LIMIT = 1_000_000;
const termCache = new Map<string, string | null>();

/** Words the Porter stemmer folds into an unrelated word: "news" is not "new". */
const STEM_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['news', 'news'],
  ['species', 'species'],
  ['series', 'series'],
]);

/**
 * `termOf` without remembering the answer: for word lists read once (WordNet's 150,000 lemmas),
 * which would otherwise stay in the cache for the life of the process.
 */
export function uncachedTermOf(word: string): string | null {
  const lower = word.normalize('NFKC').toLowerCase();
  if (STOP_WORDS.has(lower.replace(/’/g, "'"))) {
    // "US", "IT", "WHO" are names, not the pronouns; and unstemmed, or "US" would be "use".
    return isAcronym(word) ? `${lower}.` : null;
  }
  const normal = normalizeWord(word);
  if (normal.length < 2 && !/^\p{N}$/u.test(normal)) return null;
  if (/^\p{N}+$/u.test(normal)) return normal;
  return STEM_EXCEPTIONS.get(normal) ?? stemmer(normal);
}
