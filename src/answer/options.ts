/**
 * The answer side's tunables, with their defaults, in one place: how a question is asked and
 * quoted (`ASK_DEFAULTS`), when it is declined (`JUDGE_DEFAULTS`) and how summaries pick their
 * sentences (`SUMMARY_DEFAULTS`). The search side's are in src/search/options.ts.
 */

import type { JudgeCheck } from './answerable.ts';

/** How `ask` reads a question and quotes its answer. */
export interface AskTuning {
  /** Longest question considered; the rest is ignored rather than searched. */
  maxQuestionChars: number;
  /** Passages returned, best first, when the caller does not say. */
  passages: number;
  /** A runner-up paragraph within this share of the best one's score often holds the other half of the answer: its best sentence is quoted too. */
  runnerUpShare: number;
  /**
   * Runner-up paragraphs judged, in rank order, when the best one fails a check about itself
   * (coverage, focus, answer type…): the ranking often puts the paragraph that answers second.
   * The first that passes is quoted and returned first. 0 judges the best paragraph alone.
   */
  runnerUps: number;
  /**
   * Share of the best paragraph's score a runner-up must reach to be judged: a far weaker match
   * passing the judge is more often a question the material does not answer than a misranking.
   */
  runnerUpScoreShare: number;
  /**
   * The checks whose failure by the best paragraph lets runner-ups be judged. Only checks about
   * the paragraph belong here, never those about the question alone (a request, a name the
   * material never uses). The answer's kind and year: a paragraph on what is asked that lacks the
   * date, number or year asked for often has a neighbour that gives it. A paragraph that misses
   * the question's subject (coverage, focus) says the material may not answer it at all.
   */
  runnerUpChecks: readonly JudgeCheck[];
  /** Sentences quoted from one paragraph at most. */
  excerptSentences: number;
  /** A second sentence is quoted only when it holds at least this share of what the best one holds. */
  excerptShare: number;
  /** Topics offered when a question is declined. */
  topics: number;
}

export const ASK_DEFAULTS: Readonly<AskTuning> = {
  maxQuestionChars: 1000,
  passages: 3,
  runnerUpShare: 0.85,
  runnerUps: 1,
  runnerUpScoreShare: 0.5,
  runnerUpChecks: ['answer-type', 'year', 'members'],
  excerptSentences: 2,
  excerptShare: 0.5,
  topics: 5,
};

/** How the judge weighs a question against the passage that would answer it. */
export interface JudgeOptions {
  /** Share of the question's subject (by idf) the cited paragraph must hold, below which Footnote declines. */
  minCoverage: number;
  /** Share the paragraph must hold in the question's own words or their spellings: synonyms alone never answer. */
  minLiteralCoverage: number;
  /** What a word held only through a synonym counts for, against 1 for the word itself. */
  synonymCredit: number;
  /** What a word held only through a completion of a clipped word counts for. */
  prefixCredit: number;
  /** What a misspelt word held through its correction counts for. */
  fuzzyCredit: number;
  /** How much more a name the material never uses weighs ("Nvidia", "2022"): the question is about it. */
  unknownNameFactor: number;
  /** Share of paragraphs above which a word is everyday in the material and names nothing in an answer. */
  commonShare: number;
  /**
   * Words either side of the plural a which-question asks about ("countries like Vietnam") within
   * which a sentence must name one of them, or begin a list of them, to say which. A comma or other
   * stop ends the look first: "smart cities, and helped Saudi enterprises" names no city.
   */
  membersWindow: number;
  /** Edits a correction may be from the typed word and still hold what the question asks about (its focus). */
  maxFocusEdits: number;
  /**
   * Whether a related word (a narrower word of one the material lacks, "barriers" for "obstacles";
   * a synonym of one it uses, "plan" for "program") holds what a question asks about (its focus)
   * when the paragraph lacks the word and what the query plan searched for it. It never counts
   * toward coverage, and never holds a name.
   */
  relatedHoldsFocus: boolean;
  /**
   * Whether a related word holds a focus only in the quoted sentences, not anywhere in the
   * paragraph: what answers is what is quoted, and a related word is a guess at what the asker
   * meant, which a sentence about something else ("in sharp contrast to…" for "the opposition")
   * does not bear out.
   */
  relatedInQuote: boolean;
  /**
   * Whether a word the material lacks, searched through its synonyms, is held by those synonyms'
   * related words as well ("scheme" → program → plan): the material calls one thing by several
   * names, and a paragraph may use the one the synonym does not. Held as a related word is (in the
   * quoted sentences, for the focus only, never for a name), and only where the paragraph's
   * coverage of the question is at least this share: two steps from the asker's word drift
   * ("platform" → program → plan), so the rest of the question must be there. Above 1, never.
   */
  synonymsRelatedMinCoverage: number;
  /**
   * How many letters longer than its stem a paragraph's word may be and still hold a related
   * word by that stem: "barriers" holds "barrier", "international" does not hold "intern".
   */
  maxInflection: number;
  /**
   * Whether quoted sentences that list names the question does not give ("Vietnam and Laos")
   * answer a "which N" question whose plural N the paragraph lacks: a list of names is the
   * answer's members, and a paragraph names nations or outlets without calling them that.
   */
  listedNamesAreMembers: boolean;
  /**
   * Whether a "what/which N" question is declined when the paragraph holds none of the words of
   * its clause's subject ("a Tesla battery" in "What technology does a Tesla battery use?").
   */
  subjectHeld: boolean;
  /**
   * Whether words in quotation marks in the quoted sentences hold a focus that asks for a wording
   * ("slogan", "motto"): a sentence gives a slogan in quotation marks whatever it calls it ("the theme
   * of …").
   */
  quotationGivesWording: boolean;
  /**
   * Whether a name cited as a source in the quoted sentences ("according to CNN") holds a focus
   * that asks for sources ("which news outlets", "which organisations"), and names its members: a
   * text names what it cites without calling it an outlet.
   */
  citationGivesSource: boolean;
  /**
   * Whether a question asking for a place, a date, a quantity or a name is declined when the quoted
   * sentences name its focus only as their cited source ("according to CNN"), unless it asks what
   * the source said: "where is CNN headquartered" is not
   * answered by a sentence about Washington that cites CNN.
   */
  citedSourceIsNoSubject: boolean;
  /**
   * Whether a question the tagger finds no focus and no things in (a keyword query: "cheap flights
   * to china in july") is declined when it names a qualified noun both of whose words the material
   * has in no form: the thing it is about is one the material never names.
   */
  unknownPhraseDeclinesKeywords: boolean;
  /**
   * Whether a "what N" question whose plural the paragraph lacks is answered by a quoted list of
   * examples ("including infrastructure development, industrial empowerment…"), as a list of
   * names answers "which N": the material calls the members by its own word ("areas" for "sectors").
   */
  examplesAreMembers: boolean;
  /**
   * Whether a word of asking that a possessive owns ("China's *list* of partnerships", "the
   * author's *view*") counts toward coverage as a word of subject: it names a thing of the owner's.
   */
  possessedIsSubject: boolean;
  /**
   * Whether a sentence that leaves the plural a which-question asks about unnamed on purpose
   * ("*some* countries remain ensnared in the myth…") answers it: it is all the material says of
   * which ones, and quoting it shows that. Only where the paragraph holds every other noun of the
   * question in some form: "which countries won the most medals" is about other countries.
   */
  unnamedMembersAnswer: boolean;
  /**
   * Whether a "what N" question whose plural N the paragraph lacks, and whose quoted sentences list
   * nothing, is judged on the quoted sentences and the one right after them when that one lists
   * examples ("This plan outlined key areas…, including…"), and that sentence is quoted too: a
   * text introduces a thing in one sentence and says what it holds in the next. Only where the
   * paragraph holds, in their own words, the nouns after the question's prepositions ("what hazards
   * come with *cycling*"): a sentence the question's words did not find is a weaker finding.
   */
  listContinuesQuote: boolean;
  /**
   * Whether a one-word focus the quoted sentences name only inside a hyphenated compound
   * ("China-ASEAN") is declined: the compound is about what is between the two.
   */
  compoundIsNoFocus: boolean;
  /**
   * Whether a word of asking that a task names with "a" or "an" ("prepare *a talk*") is a thing to
   * make, which the material must use itself and the paragraph hold, rather than a word of asking.
   */
  madeThingsHeld: boolean;
  /**
   * Whether a "what N" question (not "which N") is answered by a sentence that qualifies N with a
   * word the question does not give ("enormous *development* opportunities"): "what" may ask what
   * kind, where "which" asks to pick members out by name.
   */
  describedMembersAnswerWhat: boolean;
  /**
   * Whether a name in the focus ("*Vietnam's* main export") must be in the cited paragraph: a
   * qualifier may be said in other words, but a name says whose or which, and is exact.
   */
  focusNamesHeld: boolean;
  /**
   * Whether a question read with no focus and no things is declined when the paragraph holds its
   * nouns only through synonyms ("lose most heat through your *head*" → spread), none as itself:
   * it shares a verb or a qualifier with the paragraph, not what it is about.
   */
  nounsHeldOwn: boolean;
}

export const JUDGE_DEFAULTS: Readonly<JudgeOptions> = {
  minCoverage: 0.15,
  minLiteralCoverage: 0.05,
  synonymCredit: 0.6,
  prefixCredit: 0.6,
  fuzzyCredit: 0.9,
  unknownNameFactor: 2,
  commonShare: 0.25,
  membersWindow: 3,
  maxFocusEdits: 1,
  relatedHoldsFocus: true,
  relatedInQuote: true,
  synonymsRelatedMinCoverage: 0.45,
  maxInflection: 3,
  listedNamesAreMembers: true,
  subjectHeld: true,
  quotationGivesWording: true,
  citationGivesSource: true,
  citedSourceIsNoSubject: true,
  unknownPhraseDeclinesKeywords: true,
  examplesAreMembers: true,
  listContinuesQuote: true,
  unnamedMembersAnswer: true,
  possessedIsSubject: true,
  compoundIsNoFocus: true,
  madeThingsHeld: true,
  describedMembersAnswerWhat: true,
  focusNamesHeld: true,
  nounsHeldOwn: true,
};

/**
 * How sentences are weighed. Every signal is scaled to 0..1 before its weight applies, so the
 * weights say how much each matters against the others.
 */
export interface SummaryTuning {
  /** Likeness to the rest of the material (LexRank): what the text keeps returning to. */
  centralityWeight: number;
  /** Nearness to the document's start: news leads with its point, manuals with what a thing is for. */
  positionWeight: number;
  /** Share of the document over which the position bonus falls to about a third. */
  positionScale: number;
  /** Share of the opening's bonus that the closing paragraphs get: conclusions restate the point. */
  endWeight: number;
  /** Bonus for a paragraph's first sentence, where writers put its topic. */
  leadWeight: number;
  /** How much of a topic a sentence holds (topic summaries only). */
  topicWeight: number;
  /** Share of a pick's value that comes from how much of the material it stands for, not its own worth. */
  coverageWeight: number;
  /** Power of idf in sentence vectors (1 is plain idf; lower lets common words count). */
  idfExponent: number;
  /** Candidates weighed for the choice (their likeness matrix is quadratic). */
  shortlist: number;
  /** LexRank's damping (chance of following a likeness rather than jumping anywhere). */
  damping: number;
  /** Above this many candidate sentences, likeness to the centroid stands in for LexRank's quadratic graph. */
  lexRankMaxSentences: number;
  /** Sentences shorter than this many words are left out when there are enough others. */
  minWords: number;
  /** Share of a sentence's tokens that may read as code or markup before it is left out (when there are enough others). */
  maxCodeShare: number;
  /** Nearness to the start of the sentence's section: a reference page's sections each open with their point. */
  sectionLeadWeight: number;
  /** Share of a topic's words (by idf) a page's title and first sentence must hold for a topic summary to summarize that page; above 1, never. */
  aboutShare: number;
  /** Bonus for a sentence that states a rule, a recommendation, a default or a purpose (cue words). */
  cueWeight: number;
  /** Bonus for a sentence that opens with a marker of the writer's point: a conclusion ("Therefore"), a reason ("Because"), a note ("Note that"). */
  markerWeight: number;
  /**
   * Cost for a sentence in a section that lists items one by one (options, parameters, commands,
   * environment, files, exit status): each describes one switch and reads as a point only beside
   * its name. Material with headings only.
   */
  itemListCost: number;
  /**
   * Cost for a sentence that hedges or intensifies ("probably", "just", "very", "easy"): in
   * reference writing these are asides to the reader, not what the material holds. Material with
   * headings only: in a news piece or an essay they are often a quoted claim.
   */
  hedgeCost: number;
}

export const SUMMARY_DEFAULTS = {
  /** Sentences in a summary when none are asked for, and the most that may be. */
  sentences: 5,
  maxSentences: 20,
  /** Paragraphs a topic summary draws from. */
  topicChunks: 8,
  /** Best ranked pages searched for one that names the topic (`SummaryTuning.aboutShare`). */
  topicPages: 5,
  /** Above this many paragraphs a summary of "everything" reads an even sample instead. */
  maxSummaryChunks: 1500,
  tuning: {
    centralityWeight: 2,
    positionWeight: 2,
    positionScale: 0.1,
    endWeight: 0.5,
    leadWeight: 0.6,
    topicWeight: 4,
    coverageWeight: 0.5,
    shortlist: 600,
    idfExponent: 0.75,
    damping: 0.85,
    lexRankMaxSentences: 800,
    minWords: 6,
    maxCodeShare: 0.25,
    sectionLeadWeight: 1,
    cueWeight: 0.6,
    aboutShare: 0.5,
    markerWeight: 2,
    itemListCost: 2,
    hedgeCost: 1,
  } satisfies SummaryTuning as SummaryTuning,
} as const;


/**
 * When votes teach Footnote (feedback.ts). A vote is one person's say; these thresholds keep one
 * person from steering what everyone is told, while a server admin, who answers for the material,
 * may decide alone.
 */
export interface FeedbackOptions {
  /** Distinct people who must vote an answer helpful (and more helpful than not) before it is learned. */
  helpfulVoters: number;
  /** Distinct people who must vote an answer unhelpful (and more unhelpful than helpful) before it is withheld. */
  unhelpfulVoters: number;
  /** Admin votes that decide alone: this many admin 👍 (and no admin 👎) teach, this many admin 👎 withhold. */
  adminVotes: number;
  /**
   * Share of the new question's subject (by idf) the learned question must hold for the new one to
   * be answered from the learned paragraph: most of what is asked, not a word or two of it.
   */
  minMatch: number;
  /** Share of the learned question's subject the new question must hold: a few words of a long question are another question. */
  minReverseMatch: number;
  /** How far ahead of the best paragraph found by its words a learned paragraph is ranked: far enough that the other is not quoted beside it. */
  learnedLead: number;
  /**
   * Likeness (question-groups.ts) at or above which a question is a near-duplicate of one whose
   * answer was voted down, and loses that answer too. Stricter than grouping: withholding an
   * answer from a question that only resembles the voted one costs a right answer.
   */
  blockLikeness: number;
}

export const FEEDBACK_DEFAULTS: Readonly<FeedbackOptions> = {
  helpfulVoters: 3,
  unhelpfulVoters: 2,
  adminVotes: 1,
  minMatch: 0.7,
  minReverseMatch: 0.5,
  learnedLead: 1.5,
  blockLikeness: 0.8,
};

/** How near-duplicate questions are grouped (question-groups.ts), for a team's list of what the material lacks and for withholding a down-voted answer. */
export interface GroupOptions {
  /** Weighted cosine likeness at or above which two questions mean the same (average over the two groups' members). */
  threshold: number;
  /** What a word of asking ("say", "article", "explain") weighs, against 1 for a word of subject. */
  askingFactor: number;
  /** Shortest word whose one-letter slip is joined to a more frequent spelling of the set ("poplation"). */
  minTypoLength: number;
}

export const GROUP_DEFAULTS: Readonly<GroupOptions> = {
  threshold: 0.6,
  askingFactor: 0.5,
  minTypoLength: 5,
};
