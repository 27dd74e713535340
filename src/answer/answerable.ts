import type { Chunk } from '../knowledge/index.ts';
import { normalizeWord, type QueryPlan, type Vocabulary } from '../search/index.ts';
import { JUDGE_DEFAULTS, type JudgeOptions } from './options.ts';
import { asksForSource, asksForWording, asksWhatSourceSaid, citesSource, holdsAnswerType, namedOnlyAsPlace, namedOnlyAsSource, namedOnlyInCompound, quotesWords } from './answer-kinds.ts';
import { coverageOf, hasUnknownQualifier, holdsFocus, holdsOwnWord, isAskingWord, isCommonWord, isDropped, isHeldWord, isLearned, isSubjectWord, isUnknownWord, isUsed, looselyHeld, missingOf, ownTerms, stemsOf, withPossessedAsSubject, withSynonymsRelated, wordStems, wordStemsOf } from './held-words.ts';
import { holdsNamePairs, isKnown, isKnownAcronym, namedByItsPeople, spellsOutIn } from './known-names.ts';
import { asksWhatKind, describesMembers, listsExamples, listsNames, namesMembers, onlyAsExample } from './members.ts';
import { readQuestion, type QuestionShape } from './question.ts';
import { madeThings, prepositionObjects, qualifiedNouns, questionNouns, thingNouns } from './question-nouns.ts';
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

/**
 * The terms of the words that qualify a which-question's plural ("Chinese" in "which Chinese
 * companies"), word by word, as written or spelt; not the material's everyday words ("AI" in an
 * article on AI), which qualify everything in it.
 */
function qualifierTerms(shape: QuestionShape, plan: QueryPlan, isCommon: (word: string) => boolean): Set<string>[] {
  const phrase = shape.focus.find((p) => p.at(-1) === shape.members) ?? [];
  return phrase.slice(0, -1).filter((w) => !isCommon(w)).map((w) => ownTerms(w, plan));
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
