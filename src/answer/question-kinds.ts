import nlp from './nlp.ts';
import { isAuxiliary, OPENERS, PREPOSITIONS, type Token } from './question-tokens.ts';

/**
 * What kind of text a question is and what kind of answer it asks for, read from its wording: a
 * request or small talk rather than a question about the material, and whether a date, a number,
 * a name or a place would answer it. Plain patterns of English, which explain themselves in a refusal.
 */

/** What kind of words an answer must hold. */
export type AnswerType = 'date' | 'number' | 'name' | 'place' | 'any';

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
export const OPENER = String.raw`(?:(?:hey|hi|so|yo|lol|ok|okay|hmm|um|uh|and|but|well|btw)[,!]? )*`;
const DATE_ASKING = new RegExp(String.raw`^${OPENER}(?:when|since when|until when)\b|\b(?:what|which) (?:year|date|day|month)\b|\bhow long ago\b|\bin what year\b`);
/** Adjectives of size, distance, age, wealth and population after "how": they ask for a quantity ("how big", "how far", "how rich"). */
export const MEASURES: ReadonlySet<string> = new Set(['big', 'large', 'small', 'tall', 'high', 'far', 'old', 'heavy', 'deep', 'wide', 'fast', 'expensive', 'rich', 'wealthy', 'poor', 'populous']);
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

/** Words that point at a text without naming it: "explain *this*", "simplify *it*". */
const DEICTIC: ReadonlySet<string> = new Set(['this', 'that', 'it']);

/**
 * "explain this like I'm five", "simplify it": a verb acting on "this" or "it", with no noun
 * after, asks to do something to a text in the conversation, not what the material says; "explain
 * this error" names what to explain.
 */
export function actsOnText(ts: Token[]): boolean {
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
