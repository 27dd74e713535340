import nlp from './nlp.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { ask, type AskOptions } from './ask.ts';
import type { AskResult } from './types.ts';

/**
 * A follow-up ("and where is it held?") read with the question before it ("When is the
 * conference?"). The engine answers one question at a time, so the follow-up is rewritten into
 * questions it can answer on their own, and the first one it answers wins.
 */

/** Words that point back at what the earlier question was about. */
const REFERRING = /\b(it|its|they|them|their|this|that|these|those|there)\b/iu;
/** Openings that continue a conversation rather than start one. */
const CONTINUING = /^\s*(?:and|but|so|also|then|ok(?:ay)?|what about|how about)\b[\s,]*/iu;
/** A question this short leans on what came before. */
const SHORT_WORDS = 3;

/** Whether a question reads as a continuation of the one before it. */
export function refersBack(text: string): boolean {
  const words = text.trim().split(/\s+/u).filter((w) => w !== '');
  return REFERRING.test(text) || CONTINUING.test(text) || words.length <= SHORT_WORDS;
}

interface Term {
  text: string;
  tags: string[];
}

/**
 * What a question is about, as the words that name it: the first noun phrase after an article or
 * possessive ("the on-call rota" in "When does the on-call rota change?"). A question shaped
 * "when does X <verb>?" ends with its verb, which the tagger may read as a noun, so that last word
 * is left out. Null when no such phrase is found.
 */
export function topicOf(question: string): string | null {
  const doc = nlp(question).json() as { terms: Term[] }[];
  const terms = doc.flatMap((s) => s.terms);
  const auxiliary = terms.some((t) => /^(?:do|does|did)$/iu.test(t.text));
  const nounish = (t: Term) => t.tags.some((g) => g === 'Noun' || g === 'Adjective' || g === 'Acronym' || g === 'ProperNoun' || g === 'Value' || g === 'Preposition');
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    if (!t || !t.tags.some((g) => g === 'Determiner' || g === 'Possessive')) continue;
    const phrase: Term[] = [];
    for (let j = i + 1; j < terms.length; j++) {
      const next = terms[j];
      if (!next || !nounish(next)) break;
      // A preposition inside a hyphenated word ("on-call") belongs to the phrase; a free-standing one ends it.
      if (next.tags.includes('Preposition') && !question.includes(`${next.text}-`)) break;
      phrase.push(next);
    }
    if (auxiliary && phrase.length > 1 && phrase[phrase.length - 1] === terms[terms.length - 1]) phrase.pop();
    if (phrase.length === 0) continue;
    return hyphenated(question, [t, ...phrase].map((p) => p.text));
  }
  return null;
}

/** Rejoins words the tagger split at a hyphen ("on" "call" → "on-call"), as the question wrote them. */
function hyphenated(question: string, words: string[]): string {
  let out = words[0] ?? '';
  for (const word of words.slice(1)) out += question.includes(`${out.split(' ').pop() ?? ''}-${word}`) ? `-${word}` : ` ${word}`;
  return out;
}

/** The rewritings of a follow-up to try, best first, without repeats. */
export function followUpCandidates(earlier: string, followUp: string): string[] {
  const text = followUp.trim();
  const bare = text.replace(CONTINUING, '').trim() || text;
  const topic = topicOf(earlier);
  const candidates: string[] = [];
  if (refersBack(text) && topic !== null) {
    if (REFERRING.test(bare)) candidates.push(bare.replace(REFERRING, (word) => (/^its$/iu.test(word) ? `${topic}'s` : /^there$/iu.test(word) ? `at ${topic}` : topic)));
    candidates.push(`${bare} ${topic}`);
  }
  candidates.push(bare);
  if (!refersBack(text) || topic === null) candidates.push(`${earlier.trim()} ${bare}`);
  return [...new Set(candidates)];
}

export interface FollowUpResult extends AskResult {
  /** The question that was answered (or, when none was, the follow-up as typed). */
  asked: string;
}

/**
 * Answers a follow-up in the light of the earlier question: each rewriting in turn, the first one
 * answered wins. Small talk and requests ("thanks!") stay declined: joined to the earlier topic
 * they would be answered as if they asked about it. When nothing is answered, the refusal is the
 * follow-up's own, as typed, so the person reads why their words were declined.
 */
export function askFollowUp(kb: KnowledgeBase, earlier: string, followUp: string, options: AskOptions = {}): FollowUpResult {
  const own = ask(kb, followUp, options);
  if (own.reason === 'request') return { ...own, asked: followUp };
  for (const candidate of followUpCandidates(earlier, followUp)) {
    const result = candidate === followUp ? own : ask(kb, candidate, options);
    if (result.answered) return { ...result, asked: candidate };
  }
  return { ...own, asked: followUp };
}
