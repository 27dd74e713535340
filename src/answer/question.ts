import { QUESTION_WORDS } from '../search/stop-words.ts';
import nlp from './nlp.ts';

/**
 * What a question asks for, read from its wording: whether it is a question about the material at
 * all, what kind of thing would answer it, and which of its words name what it asks about (its
 * focus). Part-of-speech tags come from compromise, a rule-based English tagger that needs no
 * model download; everything else is plain word lists that explain themselves in a refusal.
 */

/** What kind of words an answer must hold. */
export type AnswerType = 'date' | 'number' | 'name' | 'place' | 'any';

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

interface Token {
  /** As typed, punctuation aside. */
  text: string;
  normal: string;
  tags: ReadonlySet<string>;
  /** Written with a capital, and not as the sentence's first word. */
  capitalised: boolean;
}

/** A question as its patterns read it: one case, one kind of apostrophe, single spaces. */
export const normalizeQuestion = (q: string) => q.normalize('NFKC').toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();

/** Ways of asking politely that come before the request itself. */
const POLITE = String.raw`(?:(?:hey|hi|ok|okay|so|please|pls|plz|now|and|also)[,!]? )*(?:(?:can|could|would|will) (?:you|u) (?:please )?|(?:i want|i'd like|i need) (?:you to )?|help me (?:to )?|(?:please|pls|plz) )*`;

/**
 * Requests to make or act rather than to find: a team's documents answer "generate a token" or
 * "write a cron job", so only making things no document holds counts — a poem, a joke, a
 * translation, a recommendation, a role to play.
 */
const GENRES = String.raw`(?:poem|poems|haiku|haikus|limerick|sonnet|song|songs|lyrics|rap|joke|jokes|riddle|story|stories|essay|cover letter|tweet|slogan|recipe|playlist|meme|pun|workout|diet|itinerary)`;
const REQUEST = new RegExp(
  String.raw`^${POLITE}(?:` +
    String.raw`(?:write|compose|draft|make|create|generate|tell|give|send|sing|read) (?:me |us )?(?:a|an|some|another|ten|\d+|my|our) (?:\w+ )?${GENRES}\b` +
    String.raw`|translate\b|roleplay\b|role-play\b|pretend\b|imagine you\b|act as\b|play (?:some|a|me)\b|sing\b|recommend (?:me |us )?(?:a|an|some)\b` +
    String.raw`)`,
);

/** Greetings, thanks and talk about the bot itself: nothing in the material answers them. */
const SMALL_TALK = /^(?:(?:hi|hello|hey|yo|hiya|howdy|greetings|good (?:morning|afternoon|evening|night)|thanks|thank you|thx|cheers|bye|goodbye|gm|gn)(?: (?:there|everyone|all|folks|guys|team|again|so much|a lot))?|how are you(?: today| doing)?|how's it going|what's up|who are you|what are you|are you (?:a bot|human|real|there|ok|okay)|what(?: is|'s) your (?:name|favou?rite \w+)|do you like \w+)$/;

export function isRequest(question: string): boolean {
  const q = normalizeQuestion(question).replace(/[?!.]+$/, '');
  return q !== '' && (SMALL_TALK.test(q) || REQUEST.test(q));
}

/** Chat openers before the question itself: "so when…", "lol what did…". */
const OPENER = String.raw`(?:(?:hey|hi|so|yo|lol|ok|okay|hmm|um|uh|and|but|well|btw)[,!]? )*`;
const DATE_ASKING = new RegExp(String.raw`^${OPENER}(?:when|since when|until when)\b|\b(?:what|which) (?:year|date|day|month)\b|\bhow long ago\b|\bin what year\b`);
/** Adjectives of size, distance, age, wealth and population after "how": they ask for a quantity ("how big", "how far", "how rich"). */
const MEASURES: ReadonlySet<string> = new Set(['big', 'large', 'small', 'tall', 'high', 'far', 'old', 'heavy', 'deep', 'wide', 'fast', 'expensive', 'rich', 'wealthy', 'poor', 'populous']);
// "How long does the festival last?" asks for a span of time; "how long have they…" may be answered by a date ("since 2023").
const NUMBER_ASKING = new RegExp(String.raw`\bhow (?:many|much|${[...MEASURES].join('|')})\b|\bhow long (?:do|does|did|will|would|is|was|are|were)\b|\b(?:what|which) (?:percentage|percent|proportion|number|amount|sum|fraction)\b|\bnumber of\b`);
/** Words whose value is a quantity: "the population of", "the cost of", "what did they pay", "what does a nurse earn". */
const QUANTITY_WORDS = /\b(?:population|cost|costs|price|prices|pay|paid|spend|spent|budget|revenue|revenues|salary|salaries|income|profit|profits|worth|valuation|attendance|circulation|turnover|gdp|percentage|earn|earns|earned|earnings|wage|wages|fee|fees|fare|fares|rent)\b/;
const NAME_ASKING = new RegExp(String.raw`^${OPENER}(?:who|whom|whose)\b`);
/** Where something is or happens in the world — not "where do I find the logs", which a path answers. */
const PLACE_ASKING = new RegExp(String.raw`^${OPENER}where (?:is|are|was|were|will)\b.*\b(?:located|held|based|situated|headquartered|hosted|staged|taking place|take place|happening)\b|\bin (?:what|which) (?:city|country|town)\b`);
/** "Where in Shanghai is the venue?": the words after "where in", a place when the tagger knows it as one. */
const WHERE_IN = new RegExp(String.raw`^${OPENER}where in (?:the )?([\p{L}-]+(?: [\p{L}-]+)?)`, 'u');

/** "Where in Shanghai…" asks for a place inside the place it gives; "where in the config file…" asks for no place in the world. */
function asksWithinPlace(q: string): boolean {
  const within = WHERE_IN.exec(q)?.[1];
  return within !== undefined && nlp(within).docs.flat().some((t) => t.tags?.has('Place'));
}

export function expectedAnswer(question: string): AnswerType {
  const q = normalizeQuestion(question);
  if (DATE_ASKING.test(q)) return 'date';
  if (NUMBER_ASKING.test(q) || (new RegExp(String.raw`^${OPENER}(?:what|how)\b`).test(q) && QUANTITY_WORDS.test(q))) return 'number';
  if (NAME_ASKING.test(q)) return 'name';
  if (PLACE_ASKING.test(q) || asksWithinPlace(q)) return 'place';
  return 'any';
}

/** Chat openers before the question itself: "hey so what's…", "lol what did…". */
const OPENERS = new Set(['hey', 'hi', 'so', 'yo', 'lol', 'ok', 'okay', 'hmm', 'um', 'uh', 'and', 'but', 'well', 'btw', 'quick', 'question']);
const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'any', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'my']);
const AUXILIARIES = new Set(['do', 'does', 'did', 'will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must', 'has', 'have', 'had']);
const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'how']);
const COPULAS = new Set(['is', 'are', 'was', 'were', "'s", 's', 'be', 'been']);
// "Like" is one in "what is the weather like in Shanghai?".
const PREPOSITIONS = new Set(['like', 'of', 'for', 'in', 'on', 'at', 'to', 'from', 'with', 'about', 'by', 'between', 'into', 'during', 'after', 'before', 'over', 'under', 'around', 'among', 'across', 'against', 'per', 'via', 'and', 'or']);
// A people's word is a name as its land's is, typed in lower case or not ("the french revolution"),
// and so is a day of the week ("closed on saturday"): English capitalises both, chat often does not.
const STRONG_NAME_TAGS = ['Person', 'Organization', 'Place', 'Country', 'City', 'Region', 'Demonym', 'WeekDay'];
/** A year as a word of a question: exact, so the 2024 conference is not the 2025 one. */
export const YEAR = /^(?:1[5-9]|20)\d\d$/;

const isNounish = (t: Token) =>
  !PREPOSITIONS.has(t.normal) && !DETERMINERS.has(t.normal) && !AUXILIARIES.has(t.normal) && !COPULAS.has(t.normal) &&
  !['Verb', 'Preposition', 'Determiner', 'Pronoun', 'QuestionWord', 'Conjunction'].some((tag) => t.tags.has(tag)) &&
  ['Noun', 'Adjective', 'Value', 'Acronym'].some((tag) => t.tags.has(tag));

/**
 * A name the question gives: a place, person or organisation the tagger knows, or a year. An
 * acronym is left out: people shorten names the material spells in full ("WAIC", "UAE").
 */
function isGivenName(t: Token): boolean {
  if (YEAR.test(t.normal)) return true;
  // Two letters are an acronym or a clipped word ("ed" in "op-ed"), not a name.
  if (t.tags.has('QuestionWord') || t.tags.has('Acronym') || t.normal.length < 3) return false;
  return STRONG_NAME_TAGS.some((tag) => t.tags.has(tag)) || (t.capitalised && t.tags.has('ProperNoun'));
}

function tokens(question: string): Token[] {
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

/** Noun-ish words from `i` on, after any determiners: "the ticket prices" → ticket, prices. */
function nounPhrase(ts: Token[], i: number): { words: Token[]; end: number } {
  while (ts[i] && DETERMINERS.has(ts[i]!.normal)) i++;
  const words: Token[] = [];
  while (ts[i] && isNounish(ts[i]!)) words.push(ts[i++]!);
  return { words, end: i };
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
const isAuxiliary = (t: Token | undefined) => t !== undefined && (AUXILIARIES.has(t.normal) || COPULAS.has(t.normal));
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

/** An -ing verb the tagger reads as a gerund ("becoming", "learning"): after a preposition, a clause whose object is what is meant. */
const isGerund = (t: Token | undefined) => t !== undefined && t.tags.has('Gerund') && !t.tags.has('Noun');

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

/** A word typed in capitals, two to six letters ("EU", "UAE", "WAIC"), or one the tagger knows as an acronym. */
const isAcronym = (t: Token) => !YEAR.test(t.normal) && (/^\p{Lu}{2,6}s?$/u.test(t.text) || (t.tags.has('Acronym') && t.text.length <= 6));

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

/** Words that point at a text without naming it: "explain *this*", "simplify *it*". */
const DEICTIC: ReadonlySet<string> = new Set(['this', 'that', 'it']);

/**
 * "explain this like I'm five", "simplify it": a verb acting on "this" or "it", with no noun
 * after, asks to do something to a text in the conversation, not what the material says; "explain
 * this error" names what to explain.
 */
function actsOnText(ts: Token[]): boolean {
  let i = 0;
  while (ts[i] && OPENERS.has(ts[i]!.normal)) i++;
  const [verb, pointer, next] = [ts[i], ts[i + 1], ts[i + 2]];
  if (!verb || !verb.tags.has('Verb') || isAuxiliary(verb) || verb.tags.has('QuestionWord') || !pointer || !DEICTIC.has(pointer.normal)) return false;
  return next === undefined || PREPOSITIONS.has(next.normal) || !next.tags.has('Noun') || next.tags.has('Pronoun');
}

/** "Can you explain…", "tell me about…", "describe…": a way of asking, before what is asked. */
const ASKING_TO_EXPLAIN = new RegExp(String.raw`^\s*${POLITE}(?:explain|describe|tell (?:me|us))(?: to (?:me|us))?(?: about)?\s+(?=\S)`, 'i');
const WH_START = /^(?:what|which|who|whom|whose|when|where|why|how)\b/i;

/**
 * "Can you explain the rules of cricket" asks what the rules of cricket are, and "can you explain
 * how a credit score is calculated" asks how it is: read as that question, with its focus, things
 * and kind of answer, rather than as a request with nothing named in it.
 */
export function withoutAskingToExplain(question: string): string {
  const asking = ASKING_TO_EXPLAIN.exec(question);
  if (!asking) return question;
  const rest = question.slice(asking[0].length);
  if (!WH_START.test(rest)) return `what is ${rest}`;
  // "…how a credit score is calculated": the clause after "how" is not inverted, so it is given the auxiliary a question has.
  const embedded = /^(how|why)\s+(?!(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have|had|to|many|much|long|often|far)\b)/i.exec(rest);
  return embedded ? `${embedded[1]} does ${rest.slice(embedded[0].length)}` : rest;
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
