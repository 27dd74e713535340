import nlp from './nlp.ts';

/**
 * A question as words: the tokens of the sentence that asks, with compromise's part-of-speech
 * tags, and the word classes the readings of a question share (determiners, auxiliaries,
 * prepositions, names the question gives, acronyms, noun phrases).
 */

export interface Token {
  /** As typed, punctuation aside. */
  text: string;
  normal: string;
  tags: ReadonlySet<string>;
  /** Written with a capital, and not as the sentence's first word. */
  capitalised: boolean;
}

/** Chat openers before the question itself: "hey so what's…", "lol what did…". */
export const OPENERS = new Set(['hey', 'hi', 'so', 'yo', 'lol', 'ok', 'okay', 'hmm', 'um', 'uh', 'and', 'but', 'well', 'btw', 'quick', 'question']);
export const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'any', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'my']);
export const AUXILIARIES = new Set(['do', 'does', 'did', 'will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must', 'has', 'have', 'had']);
export const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'how']);
export const COPULAS = new Set(['is', 'are', 'was', 'were', "'s", 's', 'be', 'been']);
// "Like" is one in "what is the weather like in Shanghai?".
export const PREPOSITIONS = new Set(['like', 'of', 'for', 'in', 'on', 'at', 'to', 'from', 'with', 'about', 'by', 'between', 'into', 'during', 'after', 'before', 'over', 'under', 'around', 'among', 'across', 'against', 'per', 'via', 'and', 'or']);
// A people's word is a name as its land's is, typed in lower case or not ("the french revolution"),
// and so is a day of the week ("closed on saturday"): English capitalises both, chat often does not.
const STRONG_NAME_TAGS = ['Person', 'Organization', 'Place', 'Country', 'City', 'Region', 'Demonym', 'WeekDay'];
/** A year as a word of a question: exact, so the 2024 conference is not the 2025 one. */
export const YEAR = /^(?:1[5-9]|20)\d\d$/;

export const isNounish = (t: Token) =>
  !PREPOSITIONS.has(t.normal) && !DETERMINERS.has(t.normal) && !AUXILIARIES.has(t.normal) && !COPULAS.has(t.normal) &&
  !['Verb', 'Preposition', 'Determiner', 'Pronoun', 'QuestionWord', 'Conjunction'].some((tag) => t.tags.has(tag)) &&
  ['Noun', 'Adjective', 'Value', 'Acronym'].some((tag) => t.tags.has(tag));

/**
 * A name the question gives: a place, person or organisation the tagger knows, or a year. An
 * acronym is left out: people shorten names the material spells in full ("WAIC", "UAE").
 */
export function isGivenName(t: Token): boolean {
  if (YEAR.test(t.normal)) return true;
  // Two letters are an acronym or a clipped word ("ed" in "op-ed"), not a name.
  if (t.tags.has('QuestionWord') || t.tags.has('Acronym') || t.normal.length < 3) return false;
  return STRONG_NAME_TAGS.some((tag) => t.tags.has(tag)) || (t.capitalised && t.tags.has('ProperNoun'));
}

export function tokens(question: string): Token[] {
  const doc = nlp(question.replace(/\b(what|who|where|when|how|which)['’]s\b/giu, '$1 is')).docs;
  // The sentence that asks: "is the plan trying to stop… ? saw something about that" asks first.
  const sentence = doc.find((s) => s.some((t) => t.tags?.has('QuestionWord'))) ?? doc[0] ?? [];
  return sentence
    .map((t, i) => ({
      text: t.text.replace(/[^\p{L}\p{N}'-]/gu, ''),
      normal: t.normal.replace(/[^\p{L}\p{N}'-]/gu, ''),
      tags: t.tags ?? new Set<string>(),
      capitalised: i > 0 && /^\p{Lu}/u.test(t.text),
    }))
    .filter((t) => t.normal !== '');
}

/** Noun-ish words from `i` on, after any determiners: "the ticket prices" → ticket, prices. */
export function nounPhrase(ts: Token[], i: number): { words: Token[]; end: number } {
  while (ts[i] && DETERMINERS.has(ts[i]!.normal)) i++;
  const words: Token[] = [];
  while (ts[i] && isNounish(ts[i]!)) words.push(ts[i++]!);
  return { words, end: i };
}

export const isAuxiliary = (t: Token | undefined) => t !== undefined && (AUXILIARIES.has(t.normal) || COPULAS.has(t.normal));

/** An -ing verb the tagger reads as a gerund ("becoming", "learning"): after a preposition, a clause whose object is what is meant. */
export const isGerund = (t: Token | undefined) => t !== undefined && t.tags.has('Gerund') && !t.tags.has('Noun');

/** A word typed in capitals, two to six letters ("EU", "UAE", "WAIC"), or one the tagger knows as an acronym. */
export const isAcronym = (t: Token) => !YEAR.test(t.normal) && (/^\p{Lu}{2,6}s?$/u.test(t.text) || (t.tags.has('Acronym') && t.text.length <= 6));
