import type { Chunk } from '../knowledge/index.ts';
import { normalizeWord, termOf, words, type PlannedWord, type QueryPlan, type Vocabulary } from '../search/index.ts';
import { indexedFields } from '../search/knowledge-base.ts';
import { JUDGE_DEFAULTS, type JudgeOptions } from './options.ts';
import { asksForSource, asksForWording, asksWhatSourceSaid, citesSource, holdsAnswerType, namedOnlyAsPlace, namedOnlyAsSource, namedOnlyInCompound, quotesWords } from './answer-kinds.ts';
import { asksWhatKind, describesMembers, listsExamples, listsNames, namesMembers, onlyAsExample } from './members.ts';
import { readQuestion, type QuestionShape } from './question.ts';
import { demonymBefore, madeThings, possessedNouns, prepositionObjects, qualifiedNouns, questionNouns, thingNouns } from './question-nouns.ts';
import { YEAR } from './question-tokens.ts';
import { quotableUnits } from './sentences.ts';
import type { Excerpt } from './types.ts';

export type Verdict =
  /** `continued`: a sentence after the quoted ones that the answer rests on too, to be quoted with them. */
  | { answerable: true; coverage: number; continued?: string }
  | { answerable: false; coverage: number; reason: Refusal; check: JudgeCheck; unknown?: string[] };

/**
 * Which of the judge's checks declined a question, in the order it runs them (docs/evaluation.md,
 * "How the judge declines"). People read the `Refusal`; this is for whoever tunes the judge.
 */
export type JudgeCheck =
  | 'request'
  | 'unknown-name'
  | 'unknown-acronym'
  | 'no-match'
  | 'coverage'
  | 'focus'
  | 'name-pair'
  | 'acronym-meaning'
  | 'unknown-thing'
  | 'unknown-predicate'
  | 'year'
  | 'answer-type'
  | 'members'
  | 'example';

/** Why a question was declined; each has one wording for people (see `refusalText`). */
export type Refusal = 'empty' | 'no-words' | 'request' | 'no-match' | 'not-covered' | 'answer-type' | 'unknown-name';

const REFUSALS: Record<Refusal, string> = {
  empty: 'The question is empty.',
  'no-words': 'The question has no words to look for (only punctuation or very common words).',
  request: 'Footnote answers questions about the material; it does not write, translate, recommend or chat.',
  'no-match': 'The material does not answer this question.',
  'not-covered': 'The material does not answer this question.',
  'answer-type': 'The material does not answer this question.',
  'unknown-name': 'The material does not answer this question.',
};

/** What a person reads when a question is declined: names the material never mentions are named. */
export function refusalText(reason: Refusal, unknown: readonly string[] = []): string {
  if (reason !== 'unknown-name' || unknown.length === 0) return REFUSALS[reason];
  return `The material does not answer this question: it never mentions ${unknown.map((n) => `“${n}”`).join(' or ')}.`;
}

/** Stems a chunk holds, in its text, headings and title: where a question's words can be found. */
function stemsOf(chunk: Chunk): Set<string> {
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
function wordStems(chunk: Chunk, options: JudgeOptions): Set<string> {
  return wordStemsOf(indexedFields(chunk), options);
}

function wordStemsOf(texts: readonly string[], options: JudgeOptions): Set<string> {
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

function coverageOf(plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): { all: number; literal: number } {
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
function isCommonWord(word: string, vocabulary: Vocabulary, options: JudgeOptions): boolean {
  const term = termOf(word);
  return term !== null && (vocabulary.df.get(term) ?? 0) > vocabulary.chunkCount * options.commonShare;
}

/** A word the query plan dropped (a likely typo of a stop word, "won" for "on") is held only as itself. */
function isHeldWord(word: string, held: ReadonlySet<string>): boolean {
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

function missingOf(focus: readonly string[], plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>, related?: ReadonlySet<string>): string[] {
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
function withSynonymsRelated(plan: QueryPlan, vocabulary: Vocabulary): QueryPlan {
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
function withPossessedAsSubject(question: string, plan: QueryPlan): QueryPlan {
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
function looselyHeld(phrase: readonly string[], plan: QueryPlan): boolean {
  const head = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(phrase.at(-1) ?? ''));
  return head?.match === 'synonym' && hasUnknownQualifier(phrase, plan);
}

/** A phrase with a qualifier the material has in no form: "the *unemployment* rate". */
function hasUnknownQualifier(phrase: readonly string[], plan: QueryPlan): boolean {
  return phrase.slice(0, -1).some((w) => isUnknownWord(w, plan));
}

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

/** The terms of a word itself or its spelling, not its synonyms: "centres" is not every mention of "cities". */
function ownTerms(word: string, plan: QueryPlan): Set<string> {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return new Set(planned && (planned.match === 'exact' || planned.match === 'fuzzy') ? planned.terms.map((t) => t.term) : []);
}

/**
 * The terms of the words that qualify a which-question's plural ("Chinese" in "which Chinese
 * companies"), word by word, as written or spelt; not the material's everyday words ("AI" in an
 * article on AI), which qualify everything in it.
 */
function qualifierTerms(shape: QuestionShape, plan: QueryPlan, isCommon: (word: string) => boolean): Set<string>[] {
  const phrase = shape.focus.find((p) => p.at(-1) === shape.members) ?? [];
  return phrase.slice(0, -1).filter((w) => !isCommon(w)).map((w) => ownTerms(w, plan));
}

/** Each pair of a name's neighbouring words stands side by side in the chunk ("United Nations" is not "United Arab Emirates… nations"). */
function holdsNamePairs(pairs: readonly [string, string][], plan: QueryPlan, chunk: Chunk): boolean {
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
function spellsOutIn(acronym: string, chunk: Chunk): boolean {
  const itself = new RegExp(`\\b${acronym.replace(/[^\p{L}\p{N}]/gu, '')}\\b`, 'gu');
  return indexedFields(chunk).some((text) => spellsOut(acronym, text.replace(itself, ' ')));
}

/** An acronym the material uses, or that the cited chunk spells out. */
function isKnownAcronym(acronym: string, plan: QueryPlan, vocabulary: Vocabulary, chunk: Chunk | undefined): boolean {
  if (isKnown(acronym, plan, vocabulary)) return true;
  return chunk !== undefined && indexedFields(chunk).some((text) => spellsOut(acronym, text));
}

/**
 * Whether the best paragraph answers the question: a question about the material, whose subject
 * the paragraph holds (not only through synonyms), whose focus it holds, and which holds what the
 * question asks for (a date for "when", a quantity for "how many"). `best.learned` holds the
 * stems of a question people voted helpful on that paragraph, which the new one matches
 * (feedback.ts): they count as the paragraph's words, names included.
 */
export function judge(question: string, plan: QueryPlan, best: Best | undefined, vocabulary: Vocabulary, options: JudgeOptions = JUDGE_DEFAULTS): Verdict {
  const shape = readQuestion(question);
  const unnamed = refuseUnnamed(question, shape, plan, best, vocabulary);
  if (unnamed) return unnamed;
  if (!best) return { answerable: false, coverage: 0, reason: 'no-match', check: 'no-match' };
  const evidence = readEvidence(question, shape, plan, best, vocabulary, options);
  const failed = failedCheck(question, shape, plan, best, vocabulary, options, evidence);
  if (failed) return { answerable: false, coverage: evidence.coverage.all, reason: failed[0], check: failed[1] };
  return { answerable: true, coverage: evidence.coverage.all, ...(evidence.continued ? { continued: evidence.continued } : {}) };
}

/** The paragraph the judge weighs: its chunk, the sentences that would be quoted, and words votes taught it. */
type Best = { chunk: Chunk; excerpts: Excerpt[]; learned?: ReadonlySet<string> | undefined };

/** A request, or a name or acronym the material never mentions: declined before any paragraph is weighed. */
function refuseUnnamed(question: string, shape: QuestionShape, plan: QueryPlan, best: Best | undefined, vocabulary: Vocabulary): Verdict | null {
  if (shape.request) return { answerable: false, coverage: 0, reason: 'request', check: 'request' };
  const learned = best?.learned;
  const unknown = shape.names.filter((n) => !isKnown(n, plan, vocabulary) && !isLearned(n, learned) && !namedByItsPeople(question, n, plan));
  if (unknown.length > 0) return { answerable: false, coverage: 0, reason: 'unknown-name', check: 'unknown-name', unknown };
  // "EU" is known to an article that says "European Union" where it answers, not to one that never does.
  const unknownAcronyms = shape.acronyms.filter((a) => !isKnownAcronym(a, plan, vocabulary, best?.chunk) && !isLearned(a, learned));
  if (unknownAcronyms.length > 0) return { answerable: false, coverage: 0, reason: 'unknown-name', check: 'unknown-acronym', unknown: unknownAcronyms };
  return null;
}

/** What the paragraph and its quoted sentences hold of the question, read once for every check. */
interface Evidence {
  held: ReadonlySet<string>;
  /** The quoted sentences, or the whole paragraph when none is quoted, and the sentence that continues them when it lists what is asked for. */
  quoted: string;
  /** That continuing sentence, which the answer must quote too. */
  continued: string | null;
  coverage: ReturnType<typeof coverageOf>;
  holdsFoci: boolean;
  holdsType: boolean;
  /** A "when", "who" or "how many" question whose own focus and kind of answer are both there. */
  typedAnswer: boolean;
  /** Focus phrases asking for sources that a sentence citing "according to" gives. */
  sourcePhrases: string[][];
  isCommon: (word: string) => boolean;
}

function readEvidence(question: string, shape: QuestionShape, plan: QueryPlan, best: Best, vocabulary: Vocabulary, options: JudgeOptions): Evidence {
  const learned = best.learned;
  const stems = stemsOf(best.chunk);
  const held = learned ? new Set([...stems, ...learned]) : stems;
  // What answers is what is quoted: the date or the name must be in the quoted sentences.
  const cited = best.excerpts.length > 0 ? best.excerpts.map((e) => e.text).join(' ') : best.chunk.text;
  const continued = options.listContinuesQuote ? listingContinuation(question, shape, plan, best, held, options, cited) : null;
  const quoted = continued ? `${cited} ${continued}` : cited;
  // The quoted words belong to what the sentence is about, not to the place it happens in.
  const owners = shape.focus.filter((phrase) => !phrase.some(asksForWording));
  const wording = options.quotationGivesWording && quotesWords(quoted) && !owners.some((phrase) => namedOnlyAsPlace(quoted, phrase));
  // The quoted words are the slogan asked for: the paragraph holds it as surely as the word itself.
  const wordingKeys = wording ? plan.planned.filter((w) => asksForWording(w.word)).map((w) => w.key) : [];
  const coverage = coverageOf(options.possessedIsSubject ? withPossessedAsSubject(question, plan) : plan, held, options, wordingKeys.length > 0 ? new Set([...(learned ?? []), ...wordingKeys]) : learned);
  const holdsFociOf = (missing: string[], loose: (phrase: string[]) => boolean) =>
    shape.focus.every((phrase) => holdsFocus(phrase, missing) && !loose(phrase)) && !shape.required.some((w) => missing.includes(w));
  // "What slogan was chosen…?" asks for words, and words in quotation marks give them, whatever the sentence calls them.
  // "Which news outlets reported on the plan?": a sentence names its sources "according to" them, whatever it calls them.
  const sourced = options.citationGivesSource && citesSource(quoted);
  const sourcePhrases = sourced ? shape.focus.filter((p) => asksForSource(p)) : [];
  const given = (missing: string[]) => missing.filter((w) => !(wording && asksForWording(w)) && !sourcePhrases.some((p) => p.includes(w)));
  const ownMissing = given(missingOf(focusAndRequired(shape), plan, held, options, learned));
  const ownFoci = holdsFociOf(ownMissing, (phrase) => looselyHeld(phrase, plan));
  // A head held only through a related word is a guess, as one held only through a synonym is.
  const guessed = (phrase: string[]) => looselyHeld(phrase, plan) || (ownMissing.includes(phrase.at(-1)!) && hasUnknownQualifier(phrase, plan));
  // A related word is a guess the quoted sentences must bear out: one elsewhere in the paragraph is about something else.
  const relatedStems = options.relatedInQuote ? wordStemsOf([quoted], options) : wordStems(best.chunk, options);
  // A synonym's related word is a guess upon a guess: only where the paragraph holds much of the question besides.
  const relatedPlan = coverage.all >= options.synonymsRelatedMinCoverage ? withSynonymsRelated(plan, vocabulary) : plan;
  const holdsFoci = ownFoci || (options.relatedHoldsFocus && holdsFociOf(given(missingOf(focusAndRequired(shape), relatedPlan, held, options, learned, relatedStems)), guessed));
  const isCommon = (w: string) => isCommonWord(w, vocabulary, options);
  const holdsType = holdsAnswerType(quoted, shape.answerType, question, isCommon);
  // "Where is the summit taking place?" in a paragraph on a meeting held in Shanghai: a focus held
  // by a synonym and the kind of answer asked for are two findings, not a synonym alone. A related
  // word only holds a focus the question's other words found: it is no finding of its own.
  const typedAnswer = shape.answerType !== 'any' && shape.focus.length > 0 && ownFoci && holdsType;
  return { held, quoted, continued, coverage, holdsFoci, holdsType, typedAnswer, sourcePhrases, isCommon };
}

/**
 * "What sectors does the 2024 plan cover?" from "In September 2024, China introduced the plan…
 * This plan outlined key areas for collaboration, including…": the question's other words find the
 * sentence that introduces what it asks about, and the next one lists it, in the paragraph's own
 * word. For a "what N" question whose N the paragraph lacks and the quoted sentences list nothing,
 * the sentence right after the last quoted one, when it lists examples; else null.
 */
function listingContinuation(question: string, shape: QuestionShape, plan: QueryPlan, best: Best, held: ReadonlySet<string>, options: JudgeOptions, cited: string): string | null {
  if (shape.members === null || best.excerpts.length === 0 || !asksWhatKind(question) || listsExamples(cited)) return null;
  if (missingOf([shape.members], plan, held, options, best.learned).length === 0) return null;
  // A sentence the question's words did not find is a weaker finding: what the question's clause is about must be in the paragraph, in its own words ("…come with cycling").
  const about = prepositionObjects(question).filter((w) => w.length > 2 && isSubjectWord(w, plan));
  if (!about.every((w) => holdsOwnWord(w, plan, held, options, best.learned))) return null;
  const units = quotableUnits(best.chunk);
  const last = units.findIndex((u) => u.text === best.excerpts.at(-1)!.text);
  const next = last >= 0 ? units[last + 1] : undefined;
  return next !== undefined && listsExamples(next.text) ? next.text : null;
}

/** The first check the paragraph fails, in the order the checks are made, or null when it passes them all. */
function failedCheck(question: string, shape: QuestionShape, plan: QueryPlan, best: Best, vocabulary: Vocabulary, options: JudgeOptions, evidence: Evidence): [Refusal, JudgeCheck] | null {
  const { held, quoted, coverage, isCommon } = evidence;
  const learned = best.learned;
  if (coverage.all < options.minCoverage || (coverage.literal < options.minLiteralCoverage && !evidence.typedAnswer)) return ['not-covered', 'coverage'];
  if (!evidence.holdsFoci && !membersNamed(shape, plan, held, options, quoted, question, isCommon, learned)) return ['not-covered', 'focus'];
  // A place, date or name in a sentence is said of what it is about, not of the source it cites.
  if (options.citedSourceIsNoSubject && shape.answerType !== 'any' && !asksWhatSourceSaid(question) && shape.focus.some((p) => namedOnlyAsSource(quoted, p))) return ['not-covered', 'focus'];
  if (options.compoundIsNoFocus && shape.focus.some((p) => namedOnlyInCompound(quoted, p))) return ['not-covered', 'focus'];
  if (options.subjectHeld && !holdsSubject(shape.subject, plan, held, options, learned)) return ['not-covered', 'focus'];
  if (!holdsNamePairs(shape.namePairs, plan, best.chunk)) return ['not-covered', 'name-pair'];
  if (!shape.expand.every((a) => spellsOutIn(a, best.chunk))) return ['not-covered', 'acronym-meaning'];
  if (namesUnknownThing(question, shape, plan, held, vocabulary, options, learned)) return ['not-covered', 'unknown-thing'];
  if (shape.predicate.some((w) => isUnknownWord(w, plan) && !isLearned(w, learned))) return ['not-covered', 'unknown-predicate'];
  if (options.focusNamesHeld && focusNamesMissing(shape, plan, held, options, learned)) return ['not-covered', 'focus'];
  if (options.nounsHeldOwn && nounsOnlyThroughSynonyms(question, shape, plan, held, options, learned)) return ['not-covered', 'unknown-thing'];
  // A year is exact: the 2024 conference is not the 2025 one.
  if (shape.names.some((n) => YEAR.test(n) && !isHeldWord(n, held))) return ['not-covered', 'year'];
  if (!evidence.holdsType) return ['answer-type', 'answer-type'];
  if (shape.actors.length > 0 && shape.actors.every((a) => onlyAsExample(a, best.chunk))) return ['not-covered', 'example'];
  const sourcesAreMembers = evidence.sourcePhrases.some((p) => p.at(-1) === shape.members);
  // The sentence that continues the quote was read for its list of examples, which are the members.
  if (shape.members !== null && !sourcesAreMembers && evidence.continued === null && !saysWhichMembers(shape, plan, quoted, question, isCommon, options, () => holdsEveryNoun(question, shape, plan, held, options, learned))) return ['answer-type', 'members'];
  return null;
}

/** A task's thing the paragraph does not hold: never used, held only through synonyms, a thing to make it never names, or a phrase of unknown words. */
function namesUnknownThing(question: string, shape: QuestionShape, plan: QueryPlan, held: ReadonlySet<string>, vocabulary: Vocabulary, options: JudgeOptions, learned: ReadonlySet<string> | undefined): boolean {
  const unnamed = shape.things.filter((w) => !(isGivenName(w, shape) && namedByItsPeople(question, w, plan)));
  if (missingOf(unnamed, plan, held, options, learned).some((w) => !isUsed(w, plan) || isDropped(w, plan, vocabulary))) return true;
  if (heldOnlyThroughSynonyms(shape.things, plan, held, options, learned)) return true;
  if (options.madeThingsHeld && madeThings(question, shape.things).some((w) => isAskingWord(w, plan) && !isUsed(w, plan, true) && !holdsOwnWord(w, plan, held, options, learned))) return true;
  return options.unknownPhraseDeclinesKeywords && namesUnknownPhrase(question, shape, plan);
}

/** Whether the quoted sentences say which of the plural a which/what-question asks for they mean: by name, or for "what N" by kind. */
function saysWhichMembers(shape: QuestionShape, plan: QueryPlan, quoted: string, question: string, isCommon: (w: string) => boolean, options: JudgeOptions, holdsRest: () => boolean): boolean {
  const terms = ownTerms(shape.members ?? '', plan);
  if (options.describedMembersAnswerWhat && describesMembers(quoted, terms, question)) return true;
  const qualifiers = qualifierTerms(shape, plan, isCommon);
  if (namesMembers(quoted, terms, question, isCommon, options.membersWindow, qualifiers)) return true;
  // "Some countries…" answers only a question whose every other thing the paragraph holds: else it is about other countries.
  return options.unnamedMembersAnswer && holdsRest() && namesMembers(quoted, terms, question, isCommon, options.membersWindow, qualifiers, true);
}

/** Whether the paragraph holds, in some form, every noun of the question besides the plural it asks about and its words of asking. */
function holdsEveryNoun(question: string, shape: QuestionShape, plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): boolean {
  const nouns = questionNouns(question).filter((w) => w !== shape.members && isSubjectWord(w, plan));
  return missingOf(nouns, plan, held, options, learned).length === 0;
}

/** Whether a word of the question is one of the names it gives. */
const isGivenName = (word: string, shape: QuestionShape) => shape.names.some((n) => normalizeWord(n) === normalizeWord(word));

/** The focus words and the words that narrow it, wherever they stand: "first" in "when did the US first restrict…". */
const focusAndRequired = (shape: QuestionShape) => [...new Set([...shape.focus.flat(), ...shape.required])];

/**
 * "Which Southeast Asian nations…?" from "countries like Vietnam and Laos": a which-question over
 * a plural asks for its members, and a quoted list of names is members whatever the paragraph
 * calls them. Only
 * the plural's phrase may be missing, and only its head: its qualifiers and every other focus and
 * required word must be held as for any focus.
 */
function membersNamed(shape: QuestionShape, plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, quoted: string, question: string, isCommon: (w: string) => boolean, learned?: ReadonlySet<string>): boolean {
  if (!options.listedNamesAreMembers || shape.members === null) return false;
  // The plural may be missing: the list is its members, so it counts against none of the other words.
  const missing = missingOf(focusAndRequired(shape), plan, held, options, learned).filter((w) => w !== shape.members);
  const isMembers = (phrase: readonly string[]) => phrase.at(-1) === shape.members;
  const othersHeld = shape.focus.every((phrase) => (isMembers(phrase) ? holdsFocus(phrase.slice(0, -1), missing) : holdsFocus(phrase, missing)));
  const listed = listsNames(quoted, question, isCommon) || (options.examplesAreMembers && asksWhatKind(question) && listsExamples(quoted));
  return othersHeld && !shape.required.some((w) => missing.includes(w)) && listed;
}

/**
 * "What technology does a Tesla battery use?": the clause's subject is named in the asker's words,
 * so one of its words held (as itself, a spelling or a synonym) is enough; none held is another
 * subject. Words of asking ("the article", "the author") are not a subject.
 */
function holdsSubject(subject: readonly string[], plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): boolean {
  const named = subject.filter((w) => isSubjectWord(w, plan));
  return named.length === 0 || missingOf(named, plan, held, options, learned).length < named.length;
}

/**
 * "How do I open a bank account?": a task whose things the paragraph holds, but each only through
 * a synonym of a common word (bank → institution), is about other things than the paragraph's.
 */
function heldOnlyThroughSynonyms(things: readonly string[], plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): boolean {
  const named = things.filter((w) => isSubjectWord(w, plan));
  const heldAtAll = named.some((w) => !missingOf([w], plan, held, options, learned).length);
  return heldAtAll && !named.some((w) => holdsOwnWord(w, plan, held, options, learned));
}

/**
 * "What is Vietnam's main export?" in a paragraph on US exports: people name a thing in their own
 * words, so a focus phrase may miss its qualifiers, but a name is not a qualifier said otherwise:
 * it says whose or which, and another's export is another thing. A name in the focus must be in
 * the cited paragraph, as a year must.
 */
function focusNamesMissing(shape: QuestionShape, plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned: ReadonlySet<string> | undefined): boolean {
  const inFocus = new Set(shape.focus.flat());
  const names = shape.names.filter((n) => inFocus.has(n.toLowerCase()) && !YEAR.test(n));
  return missingOf(names.map((n) => n.toLowerCase()), plan, held, options, learned).length > 0;
}

/**
 * "Is it true you lose most heat through your head?", "smart watch battery life comparison": a
 * question read with no focus, no things and no kind of answer is about the things it names, its
 * nouns. When the material has none of them as itself, at most through synonyms of its own words
 * (head → spread, watch → shift), what the paragraph shares with the question is a verb or a
 * qualifier, and the question is about other things, as a task whose things are held only so is
 * (`heldOnlyThroughSynonyms`). A name held by another name ("Beijing" for China) is its own; a
 * day or a season ("on Wednesday") says when, not what the question is about.
 * Documentation names its things as the asker does ("keyboard", "refcnt"), so a question naming
 * one it uses is not declined so, wherever the answer holds it.
 */
function nounsOnlyThroughSynonyms(question: string, shape: QuestionShape, plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned: ReadonlySet<string> | undefined): boolean {
  // A question asking for a kind of answer (a place for "which city hosts…") has the answer's kind as a second finding.
  if (shape.focus.length > 0 || shape.things.length > 0 || shape.answerType !== 'any') return false;
  const nouns = thingNouns(question).filter((w) => isSubjectWord(w, plan));
  const own = (w: string) => isUsed(w, plan, true) || isLearned(w, learned) || (isGivenName(w, shape) && missingOf([w], plan, held, options, learned).length === 0);
  return nouns.length > 0 && !nouns.some(own);
}

/**
 * "cheap flights to china in july": a query with no focus and no things read in it is about its
 * qualified nouns, and one whose words the material has in no form names a thing it never names.
 */
function namesUnknownPhrase(question: string, shape: QuestionShape, plan: QueryPlan): boolean {
  if (shape.focus.length > 0 || shape.things.length > 0) return false;
  return qualifiedNouns(question).some((pair) => pair.every((w) => isUnknownWord(w, plan)));
}

/** Whether the paragraph holds a word of the question as itself, its spelling or a completion, or a name by another name; not through a synonym of a common word. */
function holdsOwnWord(word: string, plan: QueryPlan, held: ReadonlySet<string>, options: JudgeOptions, learned?: ReadonlySet<string>): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned !== undefined && credit(firmly(planned, options), held, options, learned).literal > 0;
}

/** A word the query plan searched as part of what is asked about: not a stop word, nor a word of asking ("article"). */
function isSubjectWord(word: string, plan: QueryPlan): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned !== undefined && !planned.asking;
}

/** A word of the question the material has in no form: not as itself, a spelling, a completion or a synonym. */
function isUnknownWord(word: string, plan: QueryPlan): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned !== undefined && !planned.asking && planned.match === 'none';
}

/**
 * A word the query plan left out as a likely slip for a stop word ("div" for "did") that the
 * material does not use: the tagger read it as a noun the question names, so it is a thing.
 */
function isDropped(word: string, plan: QueryPlan, vocabulary: Vocabulary): boolean {
  const term = termOf(word);
  return term !== null && !vocabulary.df.has(term) && !plan.planned.some((w) => normalizeWord(w.word) === normalizeWord(word));
}

/** Whether the material uses the word itself, or a spelling of it: not only a synonym. A word of asking counts as used unless `asked` says it is what the question is about. */
function isUsed(word: string, plan: QueryPlan, asked = false): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(word));
  return planned === undefined || (planned.asking && !asked) || planned.match === 'exact' || planned.match === 'fuzzy' || planned.match === 'prefix';
}

/** A word the query plan took for a word of asking ("talk", "essay", "article"). */
function isAskingWord(word: string, plan: QueryPlan): boolean {
  return plan.planned.some((w) => normalizeWord(w.word) === normalizeWord(word) && w.asking);
}

function isLearned(name: string, learned: ReadonlySet<string> | undefined): boolean {
  const term = termOf(name);
  return learned !== undefined && term !== null && learned.has(term);
}

/** "Saudi Arabia" is known to material that says "Saudi": the word for its people, before it in the question, is one the material uses as written. */
function namedByItsPeople(question: string, name: string, plan: QueryPlan): boolean {
  const people = demonymBefore(question, name);
  if (people === null) return false;
  return plan.planned.some((w) => normalizeWord(w.word) === normalizeWord(people) && w.match === 'exact');
}

/** Whether the material uses a name the question gives, as written, misspelt or by a synonym ("America" for "US"). */
function isKnown(name: string, plan: QueryPlan, vocabulary: Vocabulary): boolean {
  const planned = plan.planned.find((w) => normalizeWord(w.word) === normalizeWord(name));
  if (planned) return planned.match !== 'none';
  const term = termOf(name);
  return term === null || vocabulary.df.has(term);
}
