import nlp from 'compromise/two';

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
   * The words naming what is asked about, as written: "population" in "What is the population of
   * Shanghai?", "team" in "Which team won…?", "speak" in "Who will speak at…?". Empty when the
   * wording names none (keywords, yes/no questions, "what does the article say about…").
   */
  focus: string[];
  /**
   * Focus words that narrow it to one thing — "first", "tallest", "largest" — and must be held
   * whatever else is: the first conference is not the 2025 one.
   */
  narrowing: string[];
}

interface Token {
  normal: string;
  tags: ReadonlySet<string>;
}

const norm = (q: string) => q.normalize('NFKC').toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();

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
  const q = norm(question).replace(/[?!.]+$/, '');
  return q !== '' && (SMALL_TALK.test(q) || REQUEST.test(q));
}

/** Chat openers before the question itself: "so when…", "lol what did…". */
const OPENER = String.raw`(?:(?:hey|hi|so|yo|lol|ok|okay|hmm|um|uh|and|but|well|btw)[,!]? )*`;
const DATE_ASKING = new RegExp(String.raw`^${OPENER}(?:when|since when|until when)\b|\b(?:what|which) (?:year|date|day|month)\b|\bhow long ago\b|\bin what year\b`);
const NUMBER_ASKING = /\bhow (?:many|much)\b|\b(?:what|which) (?:percentage|percent|proportion|number|amount|sum|fraction)\b|\bnumber of\b/;
/** Nouns whose value is a quantity: "the population of", "the cost of", "what did they pay". */
const QUANTITY_WORDS = /\b(?:population|cost|costs|price|prices|pay|paid|spend|spent|budget|revenue|revenues|salary|salaries|income|profit|profits|worth|valuation|attendance|circulation|turnover|gdp|percentage)\b/;
const NAME_ASKING = new RegExp(String.raw`^${OPENER}(?:who|whom|whose)\b`);
/** Where something is or happens in the world — not "where do I find the logs", which a path answers. */
const PLACE_ASKING = new RegExp(String.raw`^${OPENER}where (?:is|are|was|were|will)\b.*\b(?:located|held|based|situated|headquartered|hosted|taking place|take place|happening)\b|\bin (?:what|which) (?:city|country|town)\b`);

export function expectedAnswer(question: string): AnswerType {
  const q = norm(question);
  if (DATE_ASKING.test(q)) return 'date';
  if (NUMBER_ASKING.test(q) || (new RegExp(String.raw`^${OPENER}(?:what|how)\b`).test(q) && QUANTITY_WORDS.test(q))) return 'number';
  if (NAME_ASKING.test(q)) return 'name';
  if (PLACE_ASKING.test(q)) return 'place';
  return 'any';
}

/** Chat openers before the question itself: "hey so what's…", "lol what did…". */
const OPENERS = new Set(['hey', 'hi', 'so', 'yo', 'lol', 'ok', 'okay', 'hmm', 'um', 'uh', 'and', 'but', 'well', 'btw', 'quick', 'question']);
const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'any', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'my']);
const AUXILIARIES = new Set(['do', 'does', 'did', 'will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must', 'has', 'have', 'had']);
const COPULAS = new Set(['is', 'are', 'was', 'were', "'s", 's', 'be', 'been']);

const isNounish = (t: Token) => !t.tags.has('Verb') && !t.tags.has('Preposition') && !t.tags.has('Determiner') && !t.tags.has('Pronoun') && !t.tags.has('QuestionWord') && !t.tags.has('Conjunction') && !AUXILIARIES.has(t.normal) && !COPULAS.has(t.normal) && (t.tags.has('Noun') || t.tags.has('Adjective') || t.tags.has('Value') || t.tags.has('Acronym'));

function tokens(question: string): Token[] {
  const doc = nlp(question.replace(/\b(what|who|where|when|how|which)['’]s\b/giu, '$1 is')).docs;
  // The sentence that asks: "is the plan trying to stop… ? saw something about that" asks first.
  const sentence = doc.find((s) => s.some((t) => t.tags?.has('QuestionWord'))) ?? doc[0] ?? [];
  return sentence.map((t) => ({ normal: t.normal.replace(/[^\p{L}\p{N}'-]/gu, ''), tags: t.tags ?? new Set<string>() })).filter((t) => t.normal !== '');
}

interface Phrase {
  words: Token[];
  next: Token | undefined;
  /** Index just past the phrase. */
  end: number;
}

/** Noun-ish words from `i` on, after any determiners: "the ticket prices" → ticket, prices. */
function nounPhrase(ts: Token[], i: number): Phrase {
  while (ts[i] && DETERMINERS.has(ts[i]!.normal)) i++;
  const words: Token[] = [];
  while (ts[i] && isNounish(ts[i]!)) words.push(ts[i++]!);
  return { words, next: ts[i], end: i };
}

/** A verb and the noun phrase it acts on: "founded the Global Times". */
function verbPhrase(ts: Token[], i: number): Token[] {
  while (ts[i] && (AUXILIARIES.has(ts[i]!.normal) || ts[i]!.tags.has('Pronoun'))) i++;
  const verb = ts[i];
  if (!verb || !verb.tags.has('Verb') || AUXILIARIES.has(verb.normal) || COPULAS.has(verb.normal)) return [];
  return [verb, ...nounPhrase(ts, i + 1).words];
}

/**
 * The focus of a wh-question: the noun phrase after "what/which" ("which countries…"), the one
 * after "what is the" when a preposition follows ("the population of…"), the subject of "when"
 * and "where" questions, and the verb with its object in "who" questions ("who founded the
 * Global Times"). Keyword queries, "how do I" and yes/no questions have none.
 */
function focusTokens(question: string): Token[] {
  const ts = tokens(question);
  let i = 0;
  while (ts[i] && OPENERS.has(ts[i]!.normal)) i++;
  const wh = ts[i]?.normal;
  if (wh === undefined || !ts[i]!.tags.has('QuestionWord')) return [];
  i++;
  // "How do I …" names a task in the asker's words, which documentation rarely shares.
  if (wh === 'how' && (ts[i]?.normal === 'many' || ts[i]?.normal === 'much')) i++;
  else if (wh === 'how') return [];
  if (wh === 'when' || wh === 'where') {
    // "When was the first conference held?" is about the first conference: its subject is the focus.
    while (ts[i] && (AUXILIARIES.has(ts[i]!.normal) || COPULAS.has(ts[i]!.normal))) i++;
    return nounPhrase(ts, i).words;
  }
  if (ts[i] && COPULAS.has(ts[i]!.normal)) {
    const np = nounPhrase(ts, i + 1);
    // "What is the population of Shanghai?" asks for the population; "what is China doing" asks nothing named.
    return np.words.length > 0 && (np.next === undefined || np.next.tags.has('Preposition')) ? np.words : [];
  }
  if (wh === 'who' || wh === 'whom') return verbPhrase(ts, i);
  if (wh === 'what' || wh === 'which' || wh === 'whose') return nounPhrase(ts, i).words;
  return [];
}

export function focusOf(question: string): { focus: string[]; narrowing: string[] } {
  const found = focusTokens(question);
  return {
    focus: found.map((t) => t.normal),
    narrowing: found.filter((t) => t.tags.has('Ordinal') || t.tags.has('Superlative')).map((t) => t.normal),
  };
}

export function readQuestion(question: string): QuestionShape {
  const request = isRequest(question);
  if (request) return { request, answerType: 'any', focus: [], narrowing: [] };
  return { request, answerType: expectedAnswer(question), ...focusOf(question) };
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const DATE = new RegExp(String.raw`\b(?:${MONTHS}|${WEEKDAYS})\b|\b(?:1[5-9]|20)\d\d\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b(?:today|yesterday|tomorrow|century|decade|(?:last|next|this) (?:year|month|week))\b`, 'i');
/** A year, or a day of a month ("July 26-28"), is a date rather than a quantity. */
const DATE_NUMBERS = new RegExp(String.raw`\b(?:(?:${MONTHS}) \d{1,2}(?:\s*[-–]\s*\d{1,2})?|(?:1[5-9]|20)\d\d)\b`, 'gi');
const QUANTITY = /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|percent|half|quarter|twice|double|triple)\b|%/i;
const CALENDAR = new RegExp(`^(?:${MONTHS}|${WEEKDAYS})$`, 'i');

const NAME_TAGS = ['ProperNoun', 'Person', 'Organization', 'Place', 'Acronym'];

/** Words the tagger takes for names (people, places, organisations), months and weekdays aside. */
function namesIn(text: string): string[] {
  return nlp(text)
    .docs.flat()
    .filter((t) => NAME_TAGS.some((tag) => t.tags?.has(tag)) && !t.tags?.has('Date') && !CALENDAR.test(t.normal))
    .map((t) => t.text.replace(/[^\p{L}\p{N}'-]/gu, ''));
}

/** Places the tagger knows in `text` (countries, cities, regions). */
function placesIn(text: string): string[] {
  return nlp(text).docs.flat().filter((t) => t.tags?.has('Place')).map((t) => t.text.replace(/[^\p{L}\p{N}'-]/gu, ''));
}

/**
 * Whether `text` holds the kind of thing the question asks for: a date for "when", a quantity for
 * "how many", a name or a place that the question does not already give and that is not one of
 * the material's everyday words.
 */
export function holdsAnswerType(text: string, type: AnswerType, question: string, isCommon: (word: string) => boolean = () => false): boolean {
  const asked = norm(question);
  // A name the question gives, or one the material uses everywhere ("AI" in an article on AI), answers nothing.
  const fresh = (found: string[]) => found.some((n) => !asked.includes(n.toLowerCase()) && !isCommon(n));
  switch (type) {
    case 'any':
      return true;
    case 'date':
      return DATE.test(text);
    case 'number':
      return QUANTITY.test(text.replace(DATE_NUMBERS, ' '));
    case 'name':
      return fresh(namesIn(text));
    case 'place':
      return fresh(placesIn(text));
  }
}
