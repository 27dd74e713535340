/**
 * Whether a sentence names the members a "which N" question asks for, and whether a paragraph
 * gives a name only as an example of something else ("countries like Vietnam and Laos").
 */
import type { Chunk } from '../knowledge/index.ts';
import { termOf, words } from '../search/index.ts';
import { indexedFields } from '../search/knowledge-base.ts';
import { givesName } from './answer-kinds.ts';
import nlp from './nlp.ts';
import { normalizeQuestion } from './question-kinds.ts';

/**
 * Words that leave the members of a plural unnamed on purpose: "*some* countries remain ensnared",
 * "a tool for *a few* countries". The sentence says all the material says of which ones.
 */
const UNNAMING = new Set(['some', 'few', 'certain', 'several']);

/** Whether the words before the mention at `at` leave its members unnamed ("some countries", "a few Western countries"). */
export function leftUnnamed(ws: readonly { text: string }[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 3); i--) {
    const w = ws[i]!.text.toLowerCase();
    if (UNNAMING.has(w)) return true;
    if (/^\p{Lu}/u.test(ws[i]!.text) || ['the', 'a', 'and', 'or', 'of'].includes(w)) return false;
  }
  return false;
}

/** Words that open a list of examples after a plural: "countries like Vietnam", "challenges such as ethical norms". */
const LIST_OPENERS = new Set(['like', 'such', 'including', 'namely', 'eg', 'e.g', 'especially']);

/**
 * Whether a sentence says which members of a plural it mentions: beside one mention of it (no
 * comma between), a name the question does not give; a list opener after it in the same clause;
 * or the mention itself
 * capitalised as part of a name ("Cooperation Center"). A sentence that does not mention the
 * plural at all may answer with a list of its own, so it passes.
 */
export function namesMembers(sentence: string, memberTerms: ReadonlySet<string>, question: string, isCommon: (word: string) => boolean, window: number, qualifiers: readonly ReadonlySet<string>[] = [], unnamedAnswers = false): boolean {
  const ws = words(sentence);
  // "Chinese enterprises" for "Chinese companies": the question's qualifiers, in order, before a plain word mention its plural in other words.
  const n = qualifiers.length;
  const echoes = (i: number) =>
    n > 0 && i >= n && /^\p{Ll}/u.test(ws[i]!.text) && termOf(ws[i]!.text) !== null && qualifiers.every((q, j) => q.has(termOf(ws[i - n + j]!.text) ?? ''));
  const mentions = ws.map((w, i) => (memberTerms.has(termOf(w.text) ?? '') || echoes(i) ? i : -1)).filter((i) => i >= 0);
  if (mentions.length === 0) return true;
  const isName = (i: number) => i > 0 && /^\p{Lu}/u.test(ws[i]!.text) && !givesName(question, ws[i]!.text) && !isCommon(ws[i]!.text);
  const between = (a: number, b: number) => sentence.slice(ws[Math.min(a, b)]!.end, ws[Math.max(a, b)]!.start);
  const joined = (a: number, b: number) => !/[,;:.()]/.test(between(a, b));
  const inClause = (a: number, b: number) => !/[;:.()]/.test(between(a, b));
  return mentions.some((at) => {
    if (at > 0 && /^\p{Lu}/u.test(ws[at]!.text)) return true;
    if (unnamedAnswers && leftUnnamed(ws, at)) return true;
    // "key areas for collaboration, including…": a list opens after a comma too, within the same clause.
    for (let d = 1; d <= window; d++) if (LIST_OPENERS.has(ws[at + d]?.text.toLowerCase() ?? '') && inClause(at, at + d)) return true;
    for (let d = 1; d <= window; d++) {
      for (const i of [at - d, at + d]) if (i >= 0 && i < ws.length && joined(at, i) && isName(i)) return true;
    }
    return false;
  });
}

/**
 * Whether every mention of a name in the chunk is a member of a list of examples ("countries like
 * Vietnam and Laos"): the material gives it as an instance of something else and says nothing it
 * did, so "What did Laos get out of it?" is not answered there.
 */
export function onlyAsExample(name: string, chunk: Chunk): boolean {
  const term = termOf(name);
  if (term === null) return false;
  let mentions = 0;
  for (const text of indexedFields(chunk)) {
    const ws = words(text);
    for (let i = 0; i < ws.length; i++) {
      if (termOf(ws[i]!.text) !== term) continue;
      mentions++;
      if (!afterListOpener(ws, i, text)) return false;
    }
  }
  return mentions > 0;
}

/** Whether the word at `at` stands in a list that a list opener starts: back over names, "and", "or" and commas to "like", "such as", "including". */
function afterListOpener(ws: ReturnType<typeof words>, at: number, text: string): boolean {
  for (let i = at - 1; i >= 0; i--) {
    if (/[.;:()]/.test(text.slice(ws[i]!.end, ws[i + 1]!.start))) return false;
    const w = ws[i]!.text;
    if (LIST_OPENERS.has(w.toLowerCase())) return true;
    if (!/^\p{Lu}/u.test(w) && !['and', 'or', 'as'].includes(w.toLowerCase())) return false;
  }
  return false;
}

/** What stands between two names of one list: a comma, "and" or "or", and perhaps "the". */
const LIST_JOINT = /^\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$/i;

/**
 * Whether a text lists names the question does not give ("Vietnam and Laos", "CNN, Reuters"):
 * capitalised words past the start of their sentence, not everyday words of the material, two of
 * them joined as members of one list.
 */
export function listsNames(text: string, question: string, isCommon: (word: string) => boolean): boolean {
  const ws = words(text);
  const isName = (i: number) => {
    const w = ws[i]!;
    const opensSentence = i === 0 || /[.!?]\s*$/.test(text.slice(ws[i - 1]!.end, w.start));
    return !opensSentence && /^\p{Lu}/u.test(w.text) && !givesName(question, w.text) && !isCommon(w.text);
  };
  for (let i = 0; i + 1 < ws.length; i++) {
    if (!isName(i)) continue;
    const next = ws.findIndex((w, j) => j > i && !/^(?:the|and|or)$/i.test(w.text));
    if (next > 0 && isName(next) && LIST_JOINT.test(text.slice(ws[i]!.end, ws[next]!.start))) return true;
  }
  return false;
}

/** A list of examples: an opener, then two items or more joined by commas or "and" within one clause. */
const EXAMPLES = /\b(?:such as|including|like|namely)\s+[^.;:()]*?(?:,|\band\b|\bor\b)\s*[^.;:()]*?\p{L}/iu;

/** Whether the question asks "what N" rather than "which N": what kind, or what ones, whatever they are called. */
export const asksWhatKind = (question: string) => /^(?:\W*\w+[,!]? )*?what\b/.test(normalizeQuestion(question)) && !/\bwhich\b/.test(normalizeQuestion(question));

/**
 * "What sectors does the plan cover?" from "key areas for collaboration, including infrastructure
 * development, industrial empowerment…": a sentence that lists examples gives the members of a
 * "what N" question whatever it calls them, as a list of names gives those of "which N".
 */
export const listsExamples = (text: string) => EXAMPLES.test(text);

/**
 * "What opportunities does AI create?" from "enormous *development* opportunities": "what N", unlike
 * "which N", may ask what kind of N, and a sentence that qualifies N with a noun or adjective the
 * question does not give says what kind. "Which" asks to pick members out, and only names do.
 */
export function describesMembers(sentence: string, memberTerms: ReadonlySet<string>, question: string): boolean {
  if (!/^(?:\W*\w+[,!]? )*?what\b/.test(normalizeQuestion(question)) || /\bwhich\b/.test(normalizeQuestion(question))) return false;
  const asked = new Set(words(question).map((w) => termOf(w.text)).filter((t) => t !== null));
  const ts = nlp(sentence).docs.flat();
  return ts.some((t, i) => {
    const before = ts[i - 1];
    if (!before || !memberTerms.has(termOf(t.text.replace(/[^\p{L}\p{N}'-]/gu, '')) ?? '')) return false;
    const term = termOf(before.text.replace(/[^\p{L}\p{N}'-]/gu, ''));
    const modifies = (before.tags?.has('Adjective') || before.tags?.has('Noun')) && !before.tags?.has('Verb') && !before.tags?.has('Pronoun') && !/[,;:.]$/.test(before.text);
    return modifies === true && term !== null && !asked.has(term) && /^\p{Ll}/u.test(before.text);
  });
}
