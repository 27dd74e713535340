/** What a quotable unit looks like as a line of a summary, whatever it says. */
export interface LineShape {
  /** Share of its tokens that read as code, markup or a drawing rather than words. */
  codeShare: number;
  /** It ends as a sentence does: not a heading, a list of names, a lead-in to what follows (":"), or a sentence whose last word was lost. */
  complete: boolean;
  /** It only sends the reader elsewhere ("See …", "For more, see …"), saying nothing itself. */
  pointer: boolean;
}

// Characters prose rarely uses but code, shell lines, markup and ASCII drawings are made of.
const CODE_CHARACTERS = /[=(){}[\];$|<>\\`~^#@*]|--|::|->|^[^\p{L}\p{N}\p{Pd}'"“”‘’…]+$/u;
const HEX_NUMBER = /^\(?0x\p{Hex_Digit}+/u;
const PROSE_BRACKETS = /^(?!.*--)\(?["“'‘]?[\p{L}\p{N}][\p{L}\p{N}'’,.:;!?"”-]*\)?[,.:;!?"”]*$/u;
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;
// A stop after a space: the word before it was markup the loader dropped ("recorded for … in .").
const LOST_WORD = /\s[.!?]$/u;
const POINTER = /^(?:[^,]{0,40},\s*)?(?:see|refer to|read)\b/iu;

/** Parentheses around a word are prose ("(either", "(I18N):"); the rest of the set is not, nor is a hex number. */
function codeToken(token: string): boolean {
  return HEX_NUMBER.test(token) || (CODE_CHARACTERS.test(token) && !PROSE_BRACKETS.test(token));
}

export function lineShape(text: string): LineShape {
  const tokens = text.split(/\s+/u).filter(Boolean);
  const code = tokens.filter(codeToken).length;
  return {
    codeShare: tokens.length > 0 ? code / tokens.length : 0,
    complete: SENTENCE_END.test(text.trim()) && !LOST_WORD.test(text.trim()),
    pointer: POINTER.test(text.trim()),
  };
}

/**
 * Words with which technical writing states what a reader must keep (Edmundson's "cue words"):
 * what is required or forbidden, recommended, done by default, or the purpose of a thing.
 * English only, as the sentence splitter is.
 */
const CUE =
  /\b(?:must|need(?:s|ed)? to|required?|requires|recommend(?:s|ed)?|cannot|can't|never|always|by default|important(?:ly)?|note that|purpose|necessary|advisable|good idea|best to)\b/iu;

/** The sentence states a rule, a recommendation, a default or a purpose. */
export function hasCue(text: string): boolean {
  return CUE.test(text);
}

/**
 * Sentence-opening discourse markers with which a writer states the point of what came before:
 * a conclusion ("Therefore", "So", "This means"), a reason ("Because …, …"), or a note set apart
 * ("Note that", "NOTE:"). They mark the claims that sit deep in a paragraph, after its lead.
 * Contrast ("However", "But") is left out: in reference pages it mostly opens an exception to
 * a detail. "Since" is left out too, as it often only dates a change. English only.
 */
const POINT_MARKER =
  /^(?:(?:therefore|thus|hence|so(?!-)|consequently|accordingly|as a result|in short|in summary|this (?:makes|means)|what this means|note that|because)\b|\[(?:note|important|warning|caution)\]|(?:note|important|warning|caution):)/iu;

/** The sentence opens with a marker of the writer's point: a conclusion, a reason or a note. */
export function opensWithPointMarker(text: string): boolean {
  return POINT_MARKER.test(text.trim());
}

/**
 * Headings under which reference pages keep their apparatus rather than their points (the
 * section names of man pages, man-pages(7), and of manuals written like them): how a thing is
 * called, worked examples, how it relates to standards, where else to read, who wrote it.
 */
const APPARATUS =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:synopsis|syntax|examples?|compatibility|conforming to|standards|see also|acknowledge?ments?|authors?|copyright|licen[cs]e|history|reporting bugs|colophon)$/iu;

/** The heading names a section of a reference page's apparatus, not of its content. */
export function isApparatusHeading(heading: string): boolean {
  return APPARATUS.test(heading.trim());
}

/**
 * Headings under which reference pages list their items one by one (man-pages(7)'s options,
 * exit status, return value, environment and files, and the parameters, arguments and commands
 * of manuals like them). Each item's sentences describe one switch or one variable, and make sense
 * only beside its name, which the heading line holds and a summary does not quote.
 */
const ITEM_LIST =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:options|flags|parameters|arguments|commands|subcommands|environment(?: variables)?|files|exit status|return values?|errors)$/iu;

/** The heading names a section that lists items one by one rather than stating the page's points. */
export function isItemListHeading(heading: string): boolean {
  return ITEM_LIST.test(heading.trim());
}

/**
 * Hedges and intensifiers with which a writer talks to the reader (encouragement, asides,
 * reassurance: "It's probably best to spend a full day learning all this", "It's easy to …")
 * rather than stating what the material holds. English only.
 */
const HEDGE = /\b(?:probably|perhaps|maybe|just|really|very|simply|actually|of course|a lot|lots of|easy)\b/iu;

/** The sentence hedges or intensifies: an aside to the reader more than a point of the material. */
export function isHedged(text: string): boolean {
  return HEDGE.test(text);
}
