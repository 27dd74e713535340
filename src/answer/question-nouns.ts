import nlp from './nlp.ts';
import { normalizeQuestion, OPENER } from './question-kinds.ts';
import { DETERMINERS, isGerund, nounPhrase, PREPOSITIONS, tokens, type Token } from './question-tokens.ts';

/**
 * The nouns of a question read apart from its focus, for the judge's checks of what the question
 * names: a people's word before a place, owned nouns, every noun, the objects of prepositions,
 * qualified nouns and the things a task makes.
 */


/**
 * "Saudi Arabia" in a text that says "Saudi enterprises": a country called after its people is
 * named by their word, the name's first. When the question reads `name` as a place and the word
 * before it is one the tagger, reading it alone, takes for a people's word (a demonym), that word;
 * else null. Only a place: "the Egyptian *Army*", "the Chinese *Academy*" are bodies of a people,
 * not the people's land, and a text that names the people does not name them.
 */
export function demonymBefore(question: string, name: string): string | null {
  const ts = tokens(question);
  const at = ts.findIndex((t) => t.normal === name.toLowerCase());
  const before = at > 0 ? ts[at - 1]! : null;
  if (before === null || !ts[at]!.tags.has('Place')) return null;
  return nlp(before.text).docs.flat()[0]?.tags?.has('Demonym') === true ? before.text : null;
}

/** Nouns a possessive names as owned ("list" in "China's list of partnerships"): a thing of that owner, whatever else the word may do in a question. */
export function possessedNouns(question: string): string[] {
  const ts = tokens(question);
  return ts.filter((t, i) => i > 0 && t.tags.has('Noun') && !t.tags.has('Possessive') && ts[i - 1]!.tags.has('Possessive') && !ts[i - 1]!.tags.has('Pronoun') && !DETERMINERS.has(ts[i - 1]!.normal)).map((t) => t.normal);
}

/** The nouns of the question, as typed in lower case: what it names, wherever they stand ("medals" in "which countries won the most medals"). */
export function questionNouns(question: string): string[] {
  return [...new Set(tokens(question).filter((t) => t.tags.has('Noun') && !t.tags.has('Pronoun')).map((t) => t.normal))];
}

/** The question's nouns that name things, not times: "on wednesday", "this summer" say when, not what it is about. */
export function thingNouns(question: string): string[] {
  return [...new Set(tokens(question).filter((t) => t.tags.has('Noun') && !t.tags.has('Pronoun') && !t.tags.has('Date')).map((t) => t.normal))];
}

/**
 * The nouns of the phrases after the question's prepositions ("cycling" in "what hazards come with
 * cycling", "farming" in "…single out for farming"): what the question's clause is about beside its
 * focus, which no focus reading keeps.
 */
export function prepositionObjects(question: string): string[] {
  const ts = tokens(question);
  const at = ts.flatMap((t, i) => (t.normal !== 'like' && (PREPOSITIONS.has(t.normal) || t.tags.has('Preposition')) ? [i + 1] : []));
  return [...new Set(at.flatMap((i) => nounPhrase(ts, isGerund(ts[i]) ? i + 1 : i).words.map((t) => t.normal)))];
}

/** "how to…", "how do I…", "how can we…": the asker is the one to do it. */
const ASKER_DOES = new RegExp(String.raw`^${OPENER}how (?:to|(?:do|can|could|should|would|shall) (?:i|we))\b`);

/**
 * The nouns of the question with the word before them, when that word qualifies them (an
 * adjective or a noun): "cheap flights", "photo lab". Pronouns and numbers are no qualifiers.
 */
export function qualifiedNouns(question: string): [string, string][] {
  const ts = tokens(question);
  const qualifies = (t: Token | undefined) => t !== undefined && (t.tags.has('Adjective') || t.tags.has('Noun')) && !t.tags.has('Pronoun') && !t.tags.has('Value');
  return ts.flatMap((t, i) => (i > 0 && t.tags.has('Noun') && !t.tags.has('Pronoun') && qualifies(ts[i - 1]) ? [[ts[i - 1]!.normal, t.normal] as [string, string]] : []));
}

/**
 * The things of a task that it names with "a" or "an" ("prepare *a talk*", "write *an essay*"):
 * something to make, not the text the question is about ("the article", "the piece"), though
 * the same word, definite, is a word of asking.
 */
export function madeThings(question: string, things: readonly string[]): string[] {
  const q = normalizeQuestion(question);
  // Only what the asker is to do: "how does the author make a point" asks about the text.
  if (!ASKER_DOES.test(q)) return [];
  return things.filter((w) => new RegExp(String.raw`\b(?:a|an) (?:[\p{L}-]+ )?${w.replace(/[^\p{L}\p{N}'-]/gu, '')}\b`, 'u').test(q));
}
