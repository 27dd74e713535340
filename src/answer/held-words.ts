import type { Chunk } from '../knowledge/index.ts';
import { normalizeWord, termOf, words, type PlannedWord, type QueryPlan, type Vocabulary } from '../search/index.ts';
import { indexedFields } from '../search/knowledge-base.ts';
import { JUDGE_DEFAULTS, type JudgeOptions } from './options.ts';
import { possessedNouns } from './question-nouns.ts';

/**
 * How the judge's paragraph holds a question's words: as themselves, a spelling, a completion, a
 * synonym or a related word, weighed into coverage or found missing from a focus. The checks in
 * answerable.ts ask these questions of each word.
 */

/** Stems a chunk holds, in its text, headings and title: where a question's words can be found. */
export function stemsOf(chunk: Chunk): Set<string> {
  const out = new Set<string>();
  for (const text of indexedFields(chunk)) {
    for (const w of words(text)) {
      const t = termOf(w.text);
      if (t !== null) out.add(t);
    }
  }
  return out;
}

/**
 * The stems a chunk holds as words of their own, not only inside a longer derived word: a
 * narrower word links one word to another, and "intern" (a doctor) is not the "intern" that
 * stems "international".
 */
export function wordStems(chunk: Chunk, options: JudgeOptions): Set<string> {
  return wordStemsOf(indexedFields(chunk), options);
}

export function wordStemsOf(texts: readonly string[], options: JudgeOptions): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const w of words(text)) {
      const t = termOf(w.text);
      if (t !== null && w.text.length <= t.length + options.maxInflection) out.add(t);
    }
  }
  return out;
}

function credit(word: PlannedWord, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): { all: number; literal: number } {
  // A word of a question people voted helpful on this paragraph is the paragraph's own, whether or not the material uses it.
  if (learned?.has(word.key)) return { all: 1, literal: 1 };
  if (!word.terms.some((t) => held.has(t.term))) return { all: 0, literal: 0 };
  switch (word.match) {
    case 'exact':
      return { all: 1, literal: 1 };
    case 'fuzzy':
      return { all: options.fuzzyCredit, literal: options.fuzzyCredit };
    case 'prefix':
      return { all: options.prefixCredit, literal: options.prefixCredit };
    case 'synonym':
      // A name's synonym is another name for it ("America", "US"): as good as the word itself.
      return { all: options.synonymCredit, literal: word.name ? options.synonymCredit : 0 };
    case 'none':
      return { all: 0, literal: 0 };
  }
}

/**
 * How much of the question's subject the paragraph holds: each word of subject (not of asking)
 * weighs its idf, a word the material never uses weighs most, and a name it never uses more
 * again. "What is the population of Shanghai?" holds Shanghai but not the population, which
 * weighs more.
 */
export function coverageIn(plan: QueryPlan, chunk: Chunk, options: JudgeOptions = JUDGE_DEFAULTS): { all: number; literal: number } {
  return coverageOf(plan, stemsOf(chunk), options);
}

export function coverageOf(plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): { all: number; literal: number } {
  const subject = plan.planned.filter((w) => !w.asking);
  const counted = subject.length > 0 ? subject : plan.planned;
  let total = 0;
  let all = 0;
  let literal = 0;
  for (const w of counted) {
    const weight = w.name && w.match === 'none' ? w.weight * options.unknownNameFactor : w.weight;
    const c = credit(w, held, options, learned);
    total += weight;
    all += weight * c.all;
    literal += weight * c.literal;
  }
  return total === 0 ? { all: 0, literal: 0 } : { all: all / total, literal: literal / total };
}

/** A word most of the material's paragraphs use: no answer to "who" or "where". */
export function isCommonWord(word: string, vocabulary: Vocabulary, options: JudgeOptions): boolean {
  const term = termOf(word);
  return term !== null && (vocabulary.df.get(term) ?? 0) > vocabulary.chunkCount * options.commonShare;
}

/** A word the query plan dropped (a likely typo of a stop word, "won" for "on") is held only as itself. */
export function isHeldWord(word: string, held: ReadonlySet<string>): boolean {
  const term = termOf(word);
  return term === null || held.has(term);
}

/**
 * The focus words the paragraph does not hold, in any of the ways the query plan looked for them
 * (the word, its spelling, a synonym), nor through a narrower word when `options` allow that. A
 * question whose focus is missing asks about something the material does not say, however many
 * of its other words it shares.
 */
export function missingFocus(focus: readonly string[], plan: QueryPlan, chunk: Chunk, options: JudgeOptions = JUDGE_DEFAULTS): string[] {
  return focus.length === 0 ? [] : missingOf(focus, plan, stemsOf(chunk), options, undefined, options.relatedHoldsFocus ? wordStems(chunk, options) : undefined);
}

export function missingOf(focus: readonly string[], plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>, related?: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const f of focus) {
    const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(f));
    // Stop words and words of asking ("name", "kind") are not what a question is about.
    if (planned?.asking) continue;
    if (planned ? credit(firmly(planned, options), held, options, learned).all === 0 && !(related && heldAsRelated(planned, ownsWord(planned) ? held : related)) : !isHeldWord(f, held)) missing.push(f);
  }
  return missing;
}

/**
 * "Scheme" in a paragraph on a plan: the material's word for it ("program") is one its own
 * related words name ("plan"), in a paragraph that says it the other way. Each word the query plan
 * found only through synonyms gains those synonyms' related words.
 */
export function withSynonymsRelated(plan: QueryPlan, vocabulary: Vocabulary): QueryPlan {
  const extend = (w: PlannedWord): PlannedWord => {
    if (w.match !== 'synonym' || w.name) return w;
    const more = w.terms.flatMap((t) => vocabulary.related.get(t.term) ?? []);
    return more.length === 0 ? w : { ...w, related: [...new Set([...w.related, ...more])] };
  };
  return { ...plan, planned: plan.planned.map(extend) };
}

/**
 * "Is China's list of partnerships getting longer?": a word of asking ("list", "view") that a
 * possessive owns names a thing of the owner's, so it counts toward coverage as a word of subject.
 */
export function withPossessedAsSubject(question: string, plan: QueryPlan): QueryPlan {
  // A possessive has an apostrophe: most questions need no second reading by the tagger.
  if (!/['’]/.test(question) || !plan.planned.some((w) => w.asking)) return plan;
  const owned = new Set(possessedNouns(question).map(normalizeWord));
  return owned.size === 0 ? plan : { ...plan, planned: plan.planned.map((w) => (w.asking && owned.has(normalizeWord(w.word)) ? { ...w, asking: false } : w)) };
}

/** A word the material uses, as itself or spelt otherwise: its related words are its synonyms, not narrower words. */
const ownsWord = (word: PlannedWord) => word.match === 'exact' || word.match === 'fuzzy' || word.match === 'prefix';

/** A word held through a related word ("obstacles" in a paragraph on barriers, "program" in one on a plan); a name is itself or nothing. */
function heldAsRelated(word: PlannedWord, held: ReadonlySet<string>): boolean {
  return !word.name && word.related.some((t) => held.has(t));
}

/**
 * A word with only the corrections near enough to be what was meant: two edits turn "inflation"
 * into "isolation", so what a question asks about is not held through a correction that far.
 */
function firmly(word: PlannedWord, options: JudgeOptions): PlannedWord {
  if (word.match !== 'fuzzy') return word;
  return { ...word, terms: word.terms.filter((t) => (t.edits ?? 0) <= options.maxFocusEdits) };
}

/**
 * A focus is held when its head (the phrase's last word: "nations" in "Southeast Asian nations")
 * is, and at least half of its words are: people qualify a noun in words the material may not use.
 */
export function holdsFocus(focus: readonly string[], missing: readonly string[]): boolean {
  if (focus.length === 0 || missing.length === 0) return true;
  if (missing.includes(focus[focus.length - 1]!)) return false;
  return missing.length * 2 <= focus.length;
}

/**
 * "The unemployment rate": a head held only through a synonym ("rate" → "credit") and a qualifier
 * the material has in no form are two guesses, not a phrase the paragraph holds.
 */
export function looselyHeld(phrase: readonly string[], plan: QueryPlan): boolean {
  const head = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(phrase.at(-1) ?? ''));
  return head?.match === 'synonym' && hasUnknownQualifier(phrase, plan);
}

/** A phrase with a qualifier the material has in no form: "the *unemployment* rate". */
export function hasUnknownQualifier(phrase: readonly string[], plan: QueryPlan): boolean {
  return phrase.slice(0, -1).some((w) => isUnknownWord(w, plan));
}

/** The terms of a word itself or its spelling, not its synonyms: "centres" is not every mention of "cities". */
export function ownTerms(word: string, plan: QueryPlan): Set<string> {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return new Set(planned && (planned.match === 'exact' || planned.match === 'fuzzy') ? planned.terms.map((t) => t.term) : []);
}

/** Whether the paragraph holds a word of the question as itself, its spelling or a completion, or a name by another name; not through a synonym of a common word. */
export function holdsOwnWord(word: string, plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned !== undefined && credit(firmly(planned, options), held, options, learned).literal > 0;
}

/** A word the query plan searched as part of what is asked about: not a stop word, nor a word of asking ("article"). */
export function isSubjectWord(word: string, plan: QueryPlan): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned !== undefined && !planned.asking;
}

/** A word of the question the material has in no form: not as itself, a spelling, a completion or a synonym. */
export function isUnknownWord(word: string, plan: QueryPlan): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned !== undefined && !planned.asking && planned.match === 'none';
}

/**
 * A word the query plan left out as a likely slip for a stop word ("div" for "did") that the
 * material does not use: the tagger read it as a noun the question names, so it is a thing.
 */
export function isDropped(word: string, plan: QueryPlan, vocabulary: Vocabulary): boolean {
  const term = termOf(word);
  return term !== null && !vocabulary.df.has(term) && !plan.planned.some((w) => normalizeWord(w.word) === normalizeWord(word));
}

/** Whether the material uses the word itself, or a spelling of it: not only a synonym. A word of asking counts as used unless `asked` says it is what the question is about. */
export function isUsed(word: string, plan: QueryPlan, asked = false): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned === undefined || (planned.asking && !asked) || planned.match === 'exact' || planned.match === 'fuzzy' || planned.match === 'prefix';
}

/** A word the query plan took for a word of asking ("talk", "essay", "article"). */
export function isAskingWord(word: string, plan: QueryPlan): boolean {
  return plan.planned.some((w) => normalizeWord(w.word) === normalizeWord(word) && w.asking);
}

export function isLearned(name: string, learned: ReadonlySet<string> | undefined): boolean {
  const term = termOf(name);
  return learned !== undefined && term !== null && learned.has(term);
}
