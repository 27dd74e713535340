import type { Chunk } from '../knowledge/index.ts';
import { normalizeWord, termOf, words, type QueryPlan, type Vocabulary } from '../search/index.ts';
import { indexedFields } from '../search/knowledge-base.ts';
import { demonymBefore } from './question-nouns.ts';

/**
 * Whether the material knows the names and acronyms a question gives: as written, misspelt, by a
 * synonym or by its people's word, an acronym spelt out, and a name of several words side by side.
 */

/** A chunk's words in reading order, as index terms, stop words left out: where a name's words can be seen side by side. */
function termSequence(chunk: Chunk): string[] {
  const out: string[] = [];
  for (const text of indexedFields(chunk)) {
    for (const w of words(text)) {
      const t = termOf(w.text);
      if (t !== null) out.push(t);
    }
  }
  return out;
}

/** The index terms the query plan looked for, for a word of the question; none for a stop word or a word the material lacks. */
function termsFor(word: string, plan: QueryPlan): string[] {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned ? planned.terms.map((t) => t.term) : [];
}

/** Each pair of a name's neighbouring words stands side by side in the chunk ("United Nations" is not "United Arab Emirates… nations"). */
export function holdsNamePairs(pairs: readonly [string, string][], plan: QueryPlan, chunk: Chunk): boolean {
  if (pairs.length === 0) return true;
  const sequence = termSequence(chunk);
  return pairs.every(([a, b]) => {
    const first = new Set(termsFor(a, plan));
    const second = new Set(termsFor(b, plan));
    // A word the material lacks is the unknown-name check's to refuse; a stop word joins nothing.
    if (first.size === 0 || second.size === 0) return true;
    return sequence.some((t, i) => first.has(t) && second.has(sequence[i + 1] ?? ''));
  });
}

/**
 * Whether the chunk spells an acronym out: capitalised words whose initials make it, a word in
 * capitals giving all its letters ("World AI Conference" for WAIC), small words skipped
 * ("Association of Southeast Asian Nations").
 */
export function spellsOut(acronym: string, text: string): boolean {
  const letters = acronym.toLowerCase();
  const runs: string[][] = [[]];
  for (const w of words(text)) {
    if (/^\p{Lu}/u.test(w.text)) runs[runs.length - 1]!.push(w.text);
    else if (termOf(w.text) !== null) runs.push([]);
  }
  const from = (run: string[], i: number, at: number): boolean => {
    if (at === letters.length) return true;
    const w = run[i];
    if (w === undefined) return false;
    const whole = /^\p{Lu}+$/u.test(w) && letters.startsWith(w.toLowerCase(), at) ? from(run, i + 1, at + w.length) : false;
    return whole || (w[0]!.toLowerCase() === letters[at] && from(run, i + 1, at + 1));
  };
  return runs.some((run) => run.some((_, i) => from(run, i, 0)));
}

/** Whether the chunk gives an acronym's words, not only the acronym: "according to CNN" does not say what CNN stands for. */
export function spellsOutIn(acronym: string, chunk: Chunk): boolean {
  const itself = new RegExp(`\\b${acronym.replace(/[^\p{L}\p{N}]/gu, '')}\\b`, 'gu');
  return indexedFields(chunk).some((text) => spellsOut(acronym, text.replace(itself, ' ')));
}

/** An acronym the material uses, or that the cited chunk spells out. */
export function isKnownAcronym(acronym: string, plan: QueryPlan, vocabulary: Vocabulary, chunk: Chunk | undefined): boolean {
  if (isKnown(acronym, plan, vocabulary)) return true;
  return chunk !== undefined && indexedFields(chunk).some((text) => spellsOut(acronym, text));
}

/** "Saudi Arabia" is known to material that says "Saudi": the word for its people, before it in the question, is one the material uses as written. */
export function namedByItsPeople(question: string, name: string, plan: QueryPlan): boolean {
  const people = demonymBefore(question, name);
  if (people === null) return false;
  return plan.planned.some((w) => normalizeWord(w.word) === normalizeWord(people) && w.match === 'exact');
}

/** Whether the material uses a name the question gives, as written, misspelt or by a synonym ("America" for "US"). */
export function isKnown(name: string, plan: QueryPlan, vocabulary: Vocabulary): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(name));
  if (planned) return planned.match !== 'none';
  const term = termOf(name);
  return term === null || vocabulary.df.has(term);
}
