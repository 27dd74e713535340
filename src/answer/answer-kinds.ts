/**
 * The kind of answer a sentence holds, checked against the kind a question asks for
 * (`expectedAnswer` in question.ts): a date for "when", a quantity for "how many", a name or a
 * role for "who", a place for "where is it held"; and the names a question gives already.
 */
import nlp from './nlp.ts';
import { normalizeQuestion, type AnswerType } from './question-kinds.ts';

const NAME_TAGS = ['ProperNoun', 'Person', 'Organization', 'Place', 'Acronym'];
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
/**
 * What can answer "when": a date, a time or a frequency ("nightly", "every Monday"), or — in
 * documentation, where "when does autovacuum run?" is answered by a condition — a clause of time.
 */
const DATE = new RegExp(
  String.raw`\b(?:${MONTHS}|${WEEKDAYS})\b|\b(?:1[5-9]|20)\d\d\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b` +
    String.raw`|\b(?:today|yesterday|tomorrow|tonight|century|decade|year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes|seconds|nightly|daily|weekly|monthly|yearly|annually|hourly|midnight|noon|morning|evening|night|every|each|whenever|when|after|before|until|once|during|while|since|ago|soon|later|now)\b`,
  'i',
);
/** A year, or a day of a month ("July 26-28"), is a date rather than a quantity. */
const DATE_NUMBERS = new RegExp(String.raw`\b(?:(?:${MONTHS}) \d{1,2}(?:\s*[-–]\s*\d{1,2})?|(?:1[5-9]|20)\d\d)\b`, 'gi');
/**
 * A span of days or of years ("July 26-28", "from 2019 to 2023") counts them: it answers "how many
 * days" or "how many years", though a single date counts nothing.
 */
const DAY_SPAN = new RegExp(String.raw`\b(?:${MONTHS}) \d{1,2}\s*[-–]\s*\d{1,2}\b`, 'i');
const YEAR_SPAN = /\b(?:1[5-9]|20)\d\d\s*(?:[-–]|to|until)\s*(?:1[5-9]|20)\d\d\b/i;
const COUNTING_DAYS = /\bhow many days\b/;
const COUNTING_YEARS = /\bhow many years\b/;
/** "How long does the conference last?" asks for a span of time, which a span of days or years gives as surely as a number does. */
const HOW_LONG = /\bhow long\b/;

/** Whether `text` spans the days or years a "how many days/years" or "how long" question counts. */
function spansCounted(text: string, question: string): boolean {
  const asked = normalizeQuestion(question);
  const long = HOW_LONG.test(asked);
  return ((COUNTING_DAYS.test(asked) || long) && DAY_SPAN.test(text)) || ((COUNTING_YEARS.test(asked) || long) && YEAR_SPAN.test(text));
}
const QUANTITY = /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|percent|half|quarter|twice|double|triple)\b|%/i;
const CALENDAR = new RegExp(`^(?:${MONTHS}|${WEEKDAYS})$`, 'i');

/** Words the tagger takes for names (people, places, organisations), months and weekdays aside. */
function namesIn(text: string): string[] {
  return nlp(text)
    .docs.flat()
    .filter((t) => NAME_TAGS.some((tag) => t.tags?.has(tag)) && !t.tags?.has('Date') && !CALENDAR.test(t.normal))
    .map((t) => t.text.replace(/[^\p{L}\p{N}'-]/gu, ''));
}

/**
 * People, roles and bodies that answer "who" in a team's documents: "the support team approves
 * refunds", "the maintainer merges the patch".
 */
const ROLES = /\b(?:team|teams|lead|leads|manager|managers|maintainer|maintainers|owner|owners|admin|admins|administrator|administrators|user|users|superuser|root|author|authors|developer|developers|engineer|engineers|committee|board|staff|support|government|governments|company|companies|enterprise|enterprises|firm|firms|group|people|person|member|members|customer|customers|client|clients|vendor|vendors|operator|operators|reviewer|reviewers|editor|editors|writer|illustrator|artist|everyone|anyone|nobody|committer|committers|contributor|contributors|owner)\b/i;

/** Places the tagger knows in `text` (countries, cities, regions). */
function placesIn(text: string): string[] {
  return nlp(text).docs.flat().filter((t) => t.tags?.has('Place')).map((t) => t.text.replace(/[^\p{L}\p{N}'-]/gu, ''));
}

/** Endings that make a people or an adjective of a place's name: China → Chinese, Egypt → Egyptian, America → American. */
const DEMONYM_ENDING = /^(?:n|an|ian|ese|i|ish|ean)$/;

/** Whether two words are one name, or a place and its people: "China" and "Chinese". */
function sameName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short === long) return true;
  if (short.length < 4) return false;
  return [short, short.slice(0, -1)].some((base) => long.startsWith(base) && DEMONYM_ENDING.test(long.slice(base.length)));
}

/** Whether the question gives a name already, as written or as its people: "Chinese" is given by "which models does China export". */
export function givesName(question: string, name: string): boolean {
  const asked = normalizeQuestion(question);
  const n = name.toLowerCase();
  return asked.includes(n) || asked.split(/[^\p{L}\p{N}]+/u).some((w) => sameName(w, n));
}

/**
 * Whether `text` holds the kind of thing the question asks for: a date for "when", a quantity for
 * "how many", a name or a place that the question does not already give and that is not one of
 * the material's everyday words.
 */
export function holdsAnswerType(text: string, type: AnswerType, question: string, isCommon: (word: string) => boolean = () => false): boolean {
  // A name the question gives, or one the material uses everywhere ("AI" in an article on AI), answers nothing.
  const fresh = (found: string[]) => found.some((n) => !givesName(question, n) && !isCommon(n));
  switch (type) {
    case 'any':
      return true;
    case 'date':
      return DATE.test(text);
    case 'number':
      return QUANTITY.test(text.replace(DATE_NUMBERS, ' ')) || spansCounted(text, question);
    case 'name':
      return fresh(namesIn(text)) || fresh(text.match(new RegExp(ROLES.source, 'gi')) ?? []);
    case 'place':
      return fresh(placesIn(text));
  }
}

/** Nouns that ask for a wording: a slogan, a motto, a tagline is given in its own words, in quotation marks. */
const WORDING_NOUNS: ReadonlySet<string> = new Set(['slogan', 'slogans', 'motto', 'mottos', 'mottoes', 'tagline', 'taglines', 'catchphrase', 'catchphrases', 'catchword', 'catchwords', 'watchword', 'watchwords']);

/** Whether a focus word asks for a wording ("the motto of the conference"). */
export const asksForWording = (word: string) => WORDING_NOUNS.has(word.toLowerCase());

/** Words in quotation marks, two or more: "Global Solidarity in the AI Era." */
const QUOTATION = /["“«„]\s*[\p{L}\p{N}][^"”»“]*?\s[^"”»“]*?["”»]/u;

/** Whether `text` gives words in quotation marks, as a slogan or a title is given. */
export const quotesWords = (text: string) => QUOTATION.test(text);

/** Nouns that ask who a text cites: its sources, the outlets or papers it reports from. */
const SOURCE_NOUNS: ReadonlySet<string> = new Set(['source', 'sources', 'outlet', 'outlets', 'newspaper', 'newspapers', 'paper', 'papers', 'publication', 'publications', 'media']);
/** Qualifiers that make any body a source: "news organisations", "media companies", "press agencies". */
const SOURCE_QUALIFIERS: ReadonlySet<string> = new Set(['news', 'media', 'press']);

/** Whether a focus phrase asks who a text cites ("which news outlets", "which news organisations"). */
export const asksForSource = (phrase: readonly string[]) =>
  SOURCE_NOUNS.has(phrase.at(-1)?.toLowerCase() ?? '') || phrase.slice(0, -1).some((w) => SOURCE_QUALIFIERS.has(w.toLowerCase()));

/** "according to CNN", "reported by the South China Morning Post": a name cited as a source. */
const CITATION = /\b(?:according to|reported by|cited by|quoted by)\s+(?:the\s+)?\p{Lu}/u;

/** Whether `text` names a source it cites. */
export const citesSource = (text: string) => CITATION.test(text);

/** What a sentence says before the source it cites, and the name's first words: "according to the South China…". */
const CITED_BEFORE = /\b(?:according to|reported by|cited by|quoted by)\s+(?:the\s+)?(?:\p{Lu}[\p{L}\p{N}'-]*\s+)*$/u;

/** Verbs of a question that asks what a source said: "what did CNN *say*", "what did the Post *report*". */
const TELLING = /\b(?:say|says|said|report|reports|reported|write|writes|wrote|claim|claims|claimed|state|states|stated|cite|cites|cited|quote|quotes|quoted|according|tell|tells|told|note|notes|noted)\b/i;

/** Whether a question asks what a source said, not something about the source itself. */
export const asksWhatSourceSaid = (question: string) => TELLING.test(question);

/**
 * Whether `text` names `phrase` only as the source it cites ("…, according to CNN"), never as what
 * a sentence is about: a place or a date in that sentence is said of its subject, not of CNN.
 * A phrase the text does not spell out is not found only as a source.
 */
export function namedOnlyAsSource(text: string, phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${phrase.map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, '')).join(String.raw`\s+`)}(?![\p{L}\p{N}])`, 'giu');
  const starts = [...text.matchAll(pattern)].map((m) => m.index);
  return starts.length > 0 && starts.every((at) => CITED_BEFORE.test(text.slice(0, at)));
}

/**
 * Whether `text` names a one-word `phrase` only joined by a hyphen to another name ("the
 * China-ASEAN … Center"): a compound names what is between the two, not either of them, so the
 * sentence says nothing of ASEAN itself ("which countries are in ASEAN?").
 */
export function namedOnlyInCompound(text: string, phrase: readonly string[]): boolean {
  if (phrase.length !== 1) return false;
  const word = phrase[0]!.replace(/[^\p{L}\p{N}]/gu, '');
  if (word === '') return false;
  const found = [...text.matchAll(new RegExp(String.raw`(?<![\p{L}\p{N}])${word}(?![\p{L}\p{N}])`, 'giu'))];
  const joined = (at: number) => /\p{L}-$/u.test(text.slice(Math.max(0, at - 2), at)) || /^-\p{L}/u.test(text.slice(at + word.length, at + word.length + 2));
  return found.length > 0 && found.every((m) => joined(m.index));
}

/** Prepositions that put what follows as the place or time of an event, not its owner. */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'on', 'from', 'to', 'near', 'across', 'throughout', 'within', 'into', 'inside']);

/**
 * Whether `text` names `phrase` only as a place something happens in ("held in Shanghai"), never as
 * the thing the sentence is about: the motto of Shanghai is not the theme of a conference held there.
 * A phrase the text does not spell out is not found only as a place.
 */
export function namedOnlyAsPlace(text: string, phrase: readonly string[]): boolean {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const starts = tokens.flatMap((_, i) => (phrase.every((w, k) => tokens[i + k] === w.toLowerCase()) ? [i] : []));
  const before = (i: number) => tokens.slice(0, i).filter((t) => t !== 'the' && t !== 'a' && t !== 'an').at(-1);
  return starts.length > 0 && starts.every((i) => PLACE_PREPOSITIONS.has(before(i) ?? ''));
}
