import { QUESTION_WORDS } from '../search/stop-words.ts';
import nlp from './nlp.ts';
import { actsOnText, expectedAnswer, isRequest, MEASURES, normalizeQuestion, OPENER, withoutAskingToExplain, type AnswerType } from './question-kinds.ts';
import { AUXILIARIES, COPULAS, DETERMINERS, isAcronym, isAuxiliary, isGerund, isGivenName, isNounish, nounPhrase, OPENERS, PREPOSITIONS, tokens, WH_WORDS, type Token } from './question-tokens.ts';

/**
 * What a question asks for, read from its wording: whether it is a question about the material at
 * all, what kind of thing would answer it, and which of its words name what it asks about (its
 * focus). Part-of-speech tags come from compromise, a rule-based English tagger that needs no
 * model download; everything else is plain word lists that explain themselves in a refusal.
 * The kind of text and of answer are read in question-kinds.ts, the words in question-tokens.ts;
 * this module reads the focus and puts the reading together.
 */

export interface QuestionShape {
  /** A request to make or do something, or small talk: not a question about the material. */
  request: boolean;
  answerType: AnswerType;
  /**
   * Phrases naming what is asked about, as written: "population" and "shanghai" in "What is the
   * population of Shanghai?", "team" in "Which team won…?", "speak" in "Who will speak at…?".
   * Empty when the wording names none (keywords, yes/no and how-to questions).
   */
  focus: string[][];
  /**
   * Words that narrow the focus to one thing and must be held whatever else is: "first",
   * "tallest", the verb of a "who" question (who *heads* the centre, not who founded it).
   */
  required: string[];
  /** Names the question gives (places, people, organisations, years), as typed: the material must know each. */
  names: string[];
  /**
   * Nouns a task or a how-question names ("language" and "model" in "How do I train a large
   * language model?"). Looser than the focus: documentation answers a task in its own words, so
   * only a thing the material never names at all, and the paragraph does not hold even by a
   * synonym, makes the question one the material does not answer.
   */
  things: string[];
  /**
   * The plural noun a "which/what N" question asks to pick out ("companies" in "Which Chinese
   * companies launched…?"), or null. A sentence that answers names them ("countries like Vietnam
   * and Laos"); one that only says "Chinese enterprises have launched…" does not say which.
   */
  members: string | null;
  /**
   * The verbs and adjectives of a how-question: how Vietnam's government *reacted*, how data
   * centres *stay cool*. The material may say them in other words, but one it has no word for at
   * all, not even a synonym, is something it does not describe.
   */
  predicate: string[];
  /**
   * The subject of the clause after "what/which N" and an auxiliary ("a Tesla battery" in "What
   * technology does a Tesla battery use?"): what N belongs to. People name it in their own words
   * ("the 2024 blueprint" for the action plan), so one of its words held is enough, but a subject
   * the paragraph holds none of is about something else.
   */
  subject: string[];
  /** Acronyms the question gives ("EU", "UAE"): the material must use them, or spell them out. */
  acronyms: string[];
  /** Acronyms whose words the question asks for ("What does CNN stand for?"): only a paragraph that spells them out answers. */
  expand: string[];
  /**
   * Neighbouring words of a name of several words, as typed ("United", "Nations"): a name is a fixed
   * phrase, so the material must hold them side by side, not "United" in one name and "nations" elsewhere.
   */
  namePairs: [string, string][];
  /**
   * The names that are the subject of "what/why/how did X verb…" ("Laos" in "Why did Laos join
   * the research cooperation?"): the question asks what X itself did.
   */
  actors: string[];
}

interface Found {
  phrases: Token[][];
  required: Token[];
  /** Phrases of a task or a how-question: looser than a focus (see `QuestionShape.things`). */
  things?: Token[][];
  /** The plural a which-question asks to pick out (see `QuestionShape.members`). */
  members?: Token;
  /** Verbs and adjectives of a how-question (see `QuestionShape.predicate`). */
  predicate?: Token[];
  /** The subject of a "what/which N" question's clause (see `QuestionShape.subject`). */
  subject?: Token[];
}

/** The verbs and adjectives after `i`: what a how-question asks the manner of ("react", "stay cool"). */
function predicateOf(ts: Token[], i: number): Token[] {
  return ts.slice(i).filter((t) => !isAuxiliary(t) && !t.tags.has('Noun') && (t.tags.has('Verb') || t.tags.has('Adjective')));
}

/**
 * "How does the writer characterise the policy?": after "do", the clause has a verb, but the
 * tagger, which reads questions word by word, may take it for part of the subject's noun phrase. When
 * it found none, the first word after the subject's first noun that it reads as a verb after "to"
 * is the verb, or the last word when the noun phrase runs on to it.
 */
function withMainVerb(ts: Token[], from: number): Token[] {
  const clause = ts.slice(from);
  if (clause.some((t) => t.tags.has('Verb') && !isAuxiliary(t))) return ts;
  const subject = clause.findIndex((t) => t.tags.has('Noun'));
  if (subject < 0) return ts;
  const reads = (t: Token) => !t.tags.has('Plural') && isVerbWord(t.normal);
  // "When does the Wednesday night market open?": a noun phrase that runs to the last word ends on the verb, though its nouns read as verbs too.
  const last = clause.length - 1;
  const endsOnVerb = last > subject && clause.slice(subject, last).every(isNounish) && reads(clause[last]!);
  const at = endsOnVerb ? last : clause.findIndex((t, k) => k > subject && reads(t));
  if (at < 0) return ts;
  const out = [...ts];
  out[from + at] = { ...ts[from + at]!, tags: new Set(['Verb', 'Infinitive']) };
  return out;
}

/** A word the tagger reads as a verb when nothing else could be: "to characterise". */
const isVerbWord = (word: string) => nlp(`to ${word}`).docs.flat()[1]?.tags?.has('Verb') === true;

/**
 * "Which city hosts the meeting?": the tagger reads "hosts" as a plural noun of the phrase, but a
 * plural that a determiner follows is the clause's verb, as no noun phrase runs on into "the".
 */
function withoutVerbAtEnd(ts: Token[], found: { phrases: Token[][]; end: number }): Token[][] {
  const [first, ...rest] = found.phrases;
  const last = first?.at(-1);
  if (!first || rest.length > 0 || first.length < 2 || !last?.tags.has('Plural') || !DETERMINERS.has(ts[found.end]?.normal ?? '')) return found.phrases;
  return [first.slice(0, -1)];
}

/** A noun phrase and the one its "of" names: "the population of Shanghai" → [population], [shanghai]. */
function nounPhrases(ts: Token[], i: number): { phrases: Token[][]; end: number } {
  const first = nounPhrase(ts, i);
  if (first.words.length === 0) return { phrases: [], end: first.end };
  if (ts[first.end]?.normal !== 'of') return { phrases: [first.words], end: first.end };
  const second = nounPhrase(ts, first.end + 1);
  return { phrases: second.words.length > 0 ? [first.words, second.words] : [first.words], end: second.end };
}

/** A verb and the noun phrase it acts on: "founded the Global Times". The verb is required. */
function verbPhrase(ts: Token[], i: number): Found {
  while (ts[i] && (AUXILIARIES.has(ts[i]!.normal) || ts[i]!.tags.has('Pronoun'))) i++;
  const verb = ts[i];
  if (!verb || !verb.tags.has('Verb') || AUXILIARIES.has(verb.normal) || COPULAS.has(verb.normal)) return { phrases: [], required: [] };
  const object = nounPhrases(ts, i + 1).phrases;
  return { phrases: [[verb], ...object], required: [verb] };
}

/**
 * "What time zone is Vietnam in?": the tagger reads "time" right after "what" as a verb, but a
 * word there that a noun phrase and then an auxiliary follow ("…zone is…") is that phrase's first
 * noun: "what" picks out a thing before the clause's own verb.
 */
function nounBeforeClause(ts: Token[], i: number): Token[] {
  const first = ts[i];
  if (!first || !first.tags.has('Verb') || isAuxiliary(first)) return ts;
  const rest = nounPhrase(ts, i + 1);
  if (rest.words.length === 0 || rest.end !== i + 1 + rest.words.length || !isAuxiliary(ts[rest.end])) return ts;
  const out = [...ts];
  out[i] = { ...first, tags: new Set(['Noun', 'Singular']) };
  return out;
}

/**
 * "What technology does a Tesla battery use?" asks about the battery as much as the technology:
 * after "what/which N" and an auxiliary, the clause's subject (see `QuestionShape.subject`).
 */
function clauseSubject(ts: Token[], end: number): Token[] {
  const at = ts[end];
  if (!at || !AUXILIARIES.has(at.normal)) return [];
  const { words, end: after } = nounPhrase(ts, end + 1);
  // "…does the 2024 action plan cover": the clause's verb, last in the question, is read as the phrase's head.
  const last = words.at(-1);
  return words.length > 1 && after === ts.length && last !== undefined && isVerbWord(last.normal) ? words.slice(0, -1) : words;
}

const none: Found = { phrases: [], required: [] };
const nouns = (phrases: Token[][]): Found => ({ phrases, required: [] });
const task = (things: Token[][]): Found => ({ phrases: [], required: [], things });

/**
 * Every noun phrase from `i` to the end: what a task ("train a large language model"), or the
 * clause after "how does", is about. The verbs are left out: people name a task in their own
 * verbs, but the thing they do it to is the thing the material must talk about.
 */
function phrasesFrom(ts: Token[], i: number): Token[][] {
  const phrases: Token[][] = [];
  while (i < ts.length) {
    const np = nounPhrase(ts, i);
    // "How is the logic of AI development changing?": a trailing -ing word is the verb, not the head.
    const words = isProgressive(np.words.at(-1)) ? np.words.slice(0, -1) : np.words;
    if (words.length > 0) phrases.push(words);
    i = np.words.length > 0 ? np.end : np.end + 1;
  }
  return phrases;
}

/** An -ing word the tagger did not take for a noun: "changing" in "how is the logic changing". */
const isProgressive = (t: Token | undefined) => t !== undefined && t.normal.endsWith('ing') && (t.tags.has('Gerund') || !t.tags.has('Noun'));
/** The index past any auxiliaries and copulas from `i`: where a question's subject starts. */
function skipAuxiliaries(ts: Token[], i: number): number {
  while (ts[i] && isAuxiliary(ts[i])) i++;
  return i;
}
/** Words that ask for advice rather than for what the material says: "a good plan", "the best tools". */
const ADVICE = new Set(['good', 'best', 'better', 'great', 'recommended', 'ideal', 'easiest', 'simplest', 'fastest', 'quickest', 'cheapest', 'safest']);
/** Nouns that ask for advice as the head of a query: "tips for…", "potluck ideas for…". */
const ADVICE_NOUNS: ReadonlySet<string> = new Set(['tip', 'tips', 'idea', 'ideas', 'advice', 'suggestion', 'suggestions', 'recommendation', 'recommendations', 'hacks', 'tricks']);
/**
 * Auxiliaries that, before "I" or "we", ask what the asker is to do: "should I", "can we", and the
 * present "do I" ("what infrastructure do I need…"); the past "did we" asks what happened.
 */
const ASKING_TO_DO: ReadonlySet<string> = new Set(['should', 'shall', 'can', 'could', 'do']);
/** "…should I use", "…can we do": the asker wants to know what to do, not what the material says someone did. */
const asksWhatToDo = (ts: Token[], i: number) =>
  ts.slice(i).some((t, k, rest) => {
    const next = rest[k + 1]?.normal ?? '';
    // "…should I use", and "which language is best for…"
    return (ASKING_TO_DO.has(t.normal) && ['i', 'we'].includes(next)) || (COPULAS.has(t.normal) && ADVICE.has(next));
  });
/** Words that say when a question asks about: "this year", "next week", "today". */
const TIME_WORDS: ReadonlySet<string> = new Set(['this', 'next', 'last', 'coming', 'year', 'years', 'week', 'weeks', 'month', 'months', 'weekend', 'season', 'summer', 'winter', 'spring', 'autumn', 'fall', 'today', 'tonight', 'tomorrow', 'yesterday', 'now', 'currently', 'again']);

/** Whether the question ends, from `i`, on when it asks about ("…of the olympic games this year"): the noun phrase before it ends the clause. */
const isTimeTail = (ts: Token[], i: number) => i < ts.length && ts.slice(i).every((t) => TIME_WORDS.has(t.normal));

/** Verbs of "how long does it take to…", "how much does it cost to…": the effort of a task. */
const EFFORT_VERBS: ReadonlySet<string> = new Set(['take', 'takes', 'took', 'cost', 'costs']);

/**
 * Where the task of a question about doing something starts, or `i`: after "how long/much does it
 * take/cost to" ("…to train a puppy") and after "where can/should I" ("where can I buy…"), the
 * asker asks how to do something, as "how do I" does.
 */
function taskAfter(ts: Token[], wh: string, i: number): number {
  const at = (k: number) => ts[k]?.normal ?? '';
  if (wh === 'where' && ASKING_TO_DO.has(at(i)) && ['i', 'we'].includes(at(i + 1))) return i + 2;
  if (wh !== 'how' || !['long', 'much'].includes(at(i))) return i;
  const to = ts.findIndex((t, k) => k > i && t.normal === 'to');
  const effort = ts.slice(i + 1, to).some((t) => EFFORT_VERBS.has(t.normal)) && ts.slice(i + 1, to).some((t) => t.normal === 'it');
  return to > i && effort ? to + 1 : i;
}
/** Adjectives of "is it … to": whether doing something is wise. */
const WORTH = new Set(['worth', 'worthwhile', 'better', 'best', 'wise', 'smart', 'safe', 'ok', 'okay', 'bad']);
/**
 * Where the rest of a yes/no question asking what to do starts ("should I", "is it worth"), or `i`
 * when it asks something else ("does China…").
 */
function asksAdvice(ts: Token[], i: number): number {
  const [a, b, c] = [ts[i]?.normal, ts[i + 1]?.normal, ts[i + 2]?.normal];
  if (ASKING_TO_DO.has(a ?? '') && ['i', 'we'].includes(b ?? '')) return i + 2;
  if (a === 'is' && b === 'it' && WORTH.has(c ?? '')) return i + 3;
  return i;
}
/** The verbs and adjectives of a question asking for advice, "good" and "best" aside: they are how it asks. */
const adviceOf = (ts: Token[], i: number) => predicateOf(ts, i).filter((t) => !ADVICE.has(t.normal));
/** A sentence that starts with a verb asks for something to be done: "explain quantum physics", "plan a trip". */
const isImperative = (t: Token | undefined) => t !== undefined && t.tags.has('Imperative') && !isAuxiliary(t);

const isAdjectiveOnly = (t: Token) => t.tags.has('Adjective') && !t.tags.has('Noun');

/** The noun phrase after a preposition at `i` ("for offside", "in a hospital"), not after "like", which only compares. */
function whatItIsFor(ts: Token[], i: number): Token[][] {
  const at = ts[i];
  if (!at || at.normal === 'like' || !(PREPOSITIONS.has(at.normal) || at.tags.has('Preposition'))) return [];
  // "The path to becoming a doctor": what a gerund after the preposition acts on is what the phrase is for.
  const words = nounPhrase(ts, isGerund(ts[i + 1]) ? i + 2 : i + 1).words;
  return words.length > 0 ? [words] : [];
}

/**
 * The focus of a wh-question: the noun phrase after "what/which" ("which countries…"), the one
 * after "what is the" when a preposition follows ("the population of Shanghai"), the subject of
 * "when" and "where" questions, and the verb with its object in "who" questions ("who founded
 * the Global Times"). Keyword queries, "how do I" and yes/no questions have none.
 */
function focusTokens(ts: Token[]): Found {
  let i = 0;
  while (ts[i] && OPENERS.has(ts[i]!.normal)) i++;
  const asked = requestFocus(ts, i);
  if (asked) return asked;
  const wh = ts[i]?.normal;
  // The tagger reads "what" before a noun as a conjunction ("What language is spoken…").
  if (wh === undefined || !(ts[i]!.tags.has('QuestionWord') || WH_WORDS.has(wh))) return none;
  i++;
  // "how long does it take to train a puppy", "where can I buy…": what the asker is to do, a task.
  const toDo = taskAfter(ts, wh, i);
  if (toDo > i) return { ...task(phrasesFrom(ts, toDo)), predicate: predicateOf(ts, toDo) };
  if (wh === 'how') return howFocus(ts, i);
  if (wh === 'when' || wh === 'where') return whenWhereFocus(ts, i);
  if (ts[i] && COPULAS.has(ts[i]!.normal)) return copulaFocus(ts, wh, i);
  if (wh === 'who' || wh === 'whom') return verbPhrase(ts, i);
  if (wh === 'what' && isAuxiliary(ts[i])) return whatDoesFocus(ts, i);
  if (wh === 'what') {
    const done = whatDidFocus(ts, i);
    if (done) return done;
  }
  if (wh === 'what' || wh === 'which' || wh === 'whose') return whichFocus(ts, wh, i);
  return none;
}

/** A query that asks to be told or advised before any question word: a task, or null when it does not. */
function requestFocus(ts: Token[], i: number): Found | null {
  if (isImperative(ts[i])) return task(phrasesFrom(ts, i + 1));
  // "best training plan for a first marathon": a query that opens on advice asks for it, as "what is a good…" does.
  if (ADVICE.has(ts[i]?.normal ?? '')) return { ...task(phrasesFrom(ts, i)), predicate: adviceOf(ts, i) };
  // "tips for better cooperation between siblings": a query headed by a noun of advice asks for it about what follows.
  const opening = nounPhrase(ts, i);
  if (ADVICE_NOUNS.has(opening.words.at(-1)?.normal ?? '')) return { ...task(phrasesFrom(ts, opening.end)), predicate: adviceOf(ts, opening.end) };
  // "should I refinance?", "is it worth paying off a mortgage?": asking what to do, a task too.
  const advice = asksAdvice(ts, i);
  if (advice > i) return { ...task(phrasesFrom(ts, advice)), predicate: adviceOf(ts, advice) };
  return null;
}

/** After "how", at `i`. */
function howFocus(ts: Token[], i: number): Found {
  // "How much is…" reads on as "what is…"; "how many countries…" names no focus.
  if (ts[i]?.normal === 'many' || ts[i]?.normal === 'much') return ts[i + 1] && COPULAS.has(ts[i + 1]!.normal) ? copulaFocus(ts, 'how', i + 1) : none;
  // "How to set up a package without sudo?" is "how do I…" without its subject: a task.
  if (ts[i]?.normal === 'to') return { ...task(phrasesFrom(ts, i + 1)), predicate: predicateOf(ts, i + 1) };
  // "How big is the expo center?" asks a measure of its subject, which is the focus.
  if (MEASURES.has(ts[i]?.normal ?? '')) return nouns(nounPhrases(ts, skipAuxiliaries(ts, i + 1)).phrases);
  // "How do I train a large language model?", "how does a blockchain reach consensus?": the
  // things named are what the material must hold; "how big", "how long" ask for a measure.
  if (!isAuxiliary(ts[i])) return none;
  const clause = AUXILIARIES.has(ts[i]!.normal) ? withMainVerb(ts, i + 1) : ts;
  return { ...task(phrasesFrom(clause, i + 1)), predicate: predicateOf(clause, i + 1) };
}

/** After "when" or "where", at `i`. */
function whenWhereFocus(ts: Token[], i: number): Found {
  // "When was the first conference held?" is about the first conference: its subject is the focus.
  // After "do", the clause has a verb: "when does the Shanghai thing start" is not about a start.
  const from = skipAuxiliaries(ts, i);
  return nouns(nounPhrases(ts[i] && AUXILIARIES.has(ts[i]!.normal) ? withMainVerb(ts, from) : ts, from).phrases);
}

/** After a question word and a copula at `i` ("what is…", "who are…"). */
function copulaFocus(ts: Token[], wh: string, i: number): Found {
  const np = nounPhrases(ts, i + 1);
  const next = ts[np.end];
  // "What's wrong with export controls?", "what is new about the plan?": an adjective alone judges what follows, which is asked about.
  if (wh === 'what' && np.phrases.length === 1 && np.phrases[0]!.every(isAdjectiveOnly)) return nouns(whatItIsFor(ts, np.end));
  // "What is the best way to learn a language?" is about what the way is to: the language.
  const head = np.phrases[0]?.at(-1);
  if (head && QUESTION_WORDS.has(head.normal) && np.phrases.length === 1) return task(phrasesFrom(ts, np.end));
  // "What is a good exercise plan for beginners?" asks for advice, as "how do I" does.
  // The tagger may read "good" right after "is" as an adverb ("what is good corporate governance"), which no noun phrase starts with.
  if (ADVICE.has(np.phrases[0]?.[0]?.normal ?? '') || ADVICE.has(ts[i + 1]?.normal ?? '')) return { ...task(phrasesFrom(ts, i + 1)), predicate: adviceOf(ts, i + 1) };
  // "What is the population of Shanghai?" asks for the population; "what is China doing" asks nothing named.
  if (np.phrases.length === 0 || !(next === undefined || PREPOSITIONS.has(next.normal) || next.tags.has('Preposition') || isTimeTail(ts, np.end))) return none;
  // "What is the rule for offside?": what the thing is for or about is asked about too ("like" only compares).
  return nouns(wh === 'what' && np.phrases.length === 1 ? [...np.phrases, ...whatItIsFor(ts, np.end)] : np.phrases);
}

/**
 * "What does a supply chain manager do?" asks what the subject is, as "what is" does; so does
 * "what does X mean", and "…mean in a hospital" asks about the hospital too, as "what is X for Y" does.
 */
function whatDoesFocus(ts: Token[], i: number): Found {
  const subject = nounPhrases(ts, i + 1);
  const verb = ts[subject.end]?.normal;
  if (verb === 'mean' && subject.phrases.length > 0) return nouns([...subject.phrases, ...whatItIsFor(ts, subject.end + 1)]);
  return verb === 'do' ? nouns(subject.phrases) : none;
}

/**
 * "What caused the industrial revolution in Britain?": "what" is the subject and the verb's object
 * is asked about, with what a preposition after it names, as "what is X in Y" asks about Y. The
 * verb is not required: people name a cause or an effect in their own verbs. Null when no verb
 * follows "what", or no object follows the verb.
 */
function whatDidFocus(ts: Token[], i: number): Found | null {
  const verb = ts[i];
  if (!verb || !verb.tags.has('Verb') || isAuxiliary(verb) || nounBeforeClause(ts, i) !== ts) return null;
  const object = nounPhrases(ts, i + 1);
  if (object.phrases.length === 0) return null;
  return nouns(object.phrases.length === 1 ? [...object.phrases, ...whatItIsFor(ts, object.end)] : object.phrases);
}

/** After "what", "which" or "whose" and a noun ("which countries…", "what companies…"). */
function whichFocus(ts: Token[], wh: string, i: number): Found {
  ts = nounBeforeClause(ts, i);
  const picked = nounPhrases(ts, i);
  const phrases = withoutVerbAtEnd(ts, picked);
  const head = phrases[0]?.at(-1);
  // "Which framework should I use for mobile development?": what to do, so a how-question's things too.
  if (asksWhatToDo(ts, i)) return { phrases, required: [], things: phrasesFrom(ts, i), predicate: adviceOf(ts, i) };
  // "Which countries are in ASEAN?": the members of what the preposition names, which is asked about too.
  const within = COPULAS.has(ts[picked.end]?.normal ?? '') && phrases.length > 0 ? whatItIsFor(ts, picked.end + 1) : [];
  // "Which countries…", "what companies…": which ones, by name or in a list.
  return { phrases: [...phrases, ...within], required: [], subject: clauseSubject(ts, picked.end), ...(wh !== 'whose' && (head?.tags.has('Plural') || head?.tags.has('Uncountable')) ? { members: head } : {}) };
}

/**
 * Words that pick one thing out of several and must be held: ordinals and superlatives in the
 * focus ("the first conference"), "most"/"least" with an adjective anywhere ("which models are
 * most popular"): a paragraph that names models without ranking them does not say which; and an
 * ordinal before a verb ("when did the US first restrict…").
 */
function narrowingWords(ts: Token[], phrases: Token[][]): Token[] {
  const inFocus = phrases.flat().filter((t) => t.tags.has('Ordinal') || t.tags.has('Superlative'));
  const graded = ts.filter((t, i) => i > 0 && (ts[i - 1]!.normal === 'most' || ts[i - 1]!.normal === 'least') && t.tags.has('Adjective'));
  // "When did the US *first* restrict chip exports?": an ordinal before the verb picks one time out of several.
  const ordinalVerb = ts.filter((t, i) => t.tags.has('Ordinal') && ts[i + 1]?.tags.has('Verb') === true && !isAuxiliary(ts[i + 1]));
  return [...inFocus, ...graded, ...ordinalVerb];
}

/** Asking what an acronym's letters are: "what does CNN stand for", "what is WAIC short for", "the acronym". */
const EXPANDING = /\b(?:stands? for|short for|abbreviation|acronym|spelt out|spelled out|full name|full form)\b/;

/** Capitalised neighbours inside the question that name one thing; acronyms and dates aside ("US AI", "Initiative October"). */
function namePairsOf(ts: Token[]): [string, string][] {
  const isNamePart = (t: Token) => t.capitalised && !isAcronym(t) && !t.tags.has('Date') && !t.tags.has('Value');
  const pairs: [string, string][] = [];
  for (let i = 1; i < ts.length; i++) if (isNamePart(ts[i - 1]!) && isNamePart(ts[i]!)) pairs.push([ts[i - 1]!.text, ts[i]!.text]);
  return pairs;
}

/** The names right after "what/why/how" and an auxiliary, before the verb: who the question asks about the doings of. */
function actorsOf(ts: Token[]): string[] {
  let i = 0;
  while (ts[i] && OPENERS.has(ts[i]!.normal)) i++;
  if (!['what', 'why', 'how'].includes(ts[i]?.normal ?? '') || !AUXILIARIES.has(ts[i + 1]?.normal ?? '')) return [];
  const subject = nounPhrase(ts, i + 2).words;
  return subject.length > 0 && subject.every(isGivenName) ? subject.map((t) => t.text) : [];
}

export function focusOf(question: string): Omit<QuestionShape, 'request' | 'answerType'> {
  const ts = tokens(question);
  const found = focusTokens(ts);
  return {
    focus: found.phrases.map((p) => p.map((t) => t.normal)),
    things: [...new Set((found.things ?? []).flat().filter((t) => t.tags.has('Noun') && !t.tags.has('Pronoun')).map((t) => t.normal))],
    required: [...new Set([...found.required, ...narrowingWords(ts, found.phrases)].map((t) => t.normal))],
    members: found.members?.normal ?? null,
    subject: (found.subject ?? []).map((t) => t.normal),
    predicate: (found.predicate ?? []).map((t) => t.normal),
    names: [...new Set(ts.filter(isGivenName).map((t) => t.text))],
    acronyms: [...new Set(ts.filter(isAcronym).map((t) => t.text))],
    expand: EXPANDING.test(normalizeQuestion(question)) ? [...new Set(ts.filter(isAcronym).map((t) => t.text))] : [],
    namePairs: namePairsOf(ts),
    actors: actorsOf(ts),
  };
}

export function readQuestion(question: string): QuestionShape {
  const request = isRequest(question) || actsOnText(tokens(question));
  if (request) return { request, answerType: 'any', focus: [], required: [], things: [], members: null, subject: [], predicate: [], names: [], acronyms: [], expand: [], namePairs: [], actors: [] };
  const asked = withoutAskingToExplain(question);
  return askingForPlace(asked, { request, answerType: expectedAnswer(asked), ...focusOf(asked) });
}

/** Kinds of place a "which/what N" question asks to name: a city is named, not called a city ("held in Shanghai"). */
const PLACE_KINDS: ReadonlySet<string> = new Set(['city', 'town', 'country', 'nation', 'place', 'location', 'venue', 'region', 'state', 'province']);

/**
 * "Which city hosts the meeting?" asks for a place: a sentence answers with one ("held in
 * Shanghai"), not with the word "city". Its focus is the qualifiers, if any ("which *Egyptian* city"),
 * and the kind of answer is a place.
 */
function askingForPlace(question: string, shape: QuestionShape): QuestionShape {
  const [first, ...rest] = shape.focus;
  const head = first?.at(-1);
  if (shape.answerType !== 'any' || head === undefined || !PLACE_KINDS.has(head)) return shape;
  // Only the phrase "which/what" picks out, and what it does, not what it is: "which city is the
  // capital of Egypt?" describes the city, and the description is the focus.
  const picked = new RegExp(String.raw`^${OPENER}(?:which|what) ${first!.join(' ')}\b(?! (?:is|was|are|were) (?!\w+ing\b))`);
  if (!picked.test(normalizeQuestion(question))) return shape;
  const qualifiers = first!.slice(0, -1);
  return { ...shape, answerType: 'place', focus: qualifiers.length > 0 ? [qualifiers, ...rest] : rest };
}
