import type { Field } from './postings.ts';

/**
 * The search side's tunables, with their defaults, in one place: how a question becomes terms
 * (`PLAN_DEFAULTS`), how fields weigh (`FIELD_BOOSTS`) and how paragraphs and pages are ranked
 * (`RANKING_DEFAULTS`). docs/benchmarks.md has the measurements behind the values.
 */

/** How a question's words become index terms (plan.ts). */
export interface PlanOptions {
  /** Expand the last word as a prefix (while someone is typing). */
  prefixLast?: boolean;
  /** Distinct content words considered; the rest are ignored so one query cannot stall the loop. */
  maxWords?: number;
  /** Spellings tried per misspelt word. */
  maxCorrections?: number;
  /** Completions tried for the last word. */
  maxCompletions?: number;
  /** Misspelt words looked up per query; edit-distance search is the costly part of a query. */
  maxFuzzyWords?: number;
  /** Longest word corrected: a hash or a URL is not a typo. */
  maxFuzzyLength?: number;
  /** Weight of a correction by its edit distance (0, 1, 2), against 1 for the word itself. */
  fuzzyWeights?: readonly number[];
  /** Weight of a synonym (a word of the material for the same thing). */
  synonymWeight?: number;
  /** Weight of a completion of a clipped or half-typed word. */
  prefixWeight?: number;
  /** Scale of a word of asking ("say", "article"): worth finding, but the subject ranks first. */
  askingWeight?: number;
  /**
   * Scale of each part of a number written in parts ("14:05", "0.1", "3.2.1"): the index holds
   * the parts as numbers of their own, which tables and code hold everywhere. Chosen on the tune
   * part of the large set (docs/evaluation.md); a bare number (a year) keeps its full weight.
   */
  numberPartWeight?: number;
}

export const PLAN_DEFAULTS: Required<PlanOptions> = {
  prefixLast: false,
  maxWords: 32,
  maxCorrections: 3,
  maxCompletions: 12,
  maxFuzzyWords: 8,
  maxFuzzyLength: 24,
  fuzzyWeights: [1, 0.7, 0.5],
  synonymWeight: 0.4,
  prefixWeight: 0.6,
  askingWeight: 0.3,
  numberPartWeight: 0.5,
};

/** Which WordNet words hold a question's word in a paragraph without it, for the judge only (synonyms.ts, `buildRelated`). */
export interface RelatedOptions {
  /**
   * Whether a word the material uses gets its narrower words too, as a word it lacks does, beside
   * its synonyms: "goal" in a paragraph that says "aimed at" (an aim is a kind of goal). A narrower
   * word names an instance of what is asked about whether or not the material uses the word elsewhere.
   */
  narrowerOfOwnWords: boolean;
}

export const RELATED_DEFAULTS: Readonly<RelatedOptions> = { narrowerOfOwnWords: true };

/**
 * Field boosts. A heading or title that shares a word with the question says less than the
 * paragraph itself (measured on known-item queries over the Python docs; docs/benchmarks.md). In
 * a one-document folder the title is on every chunk and changes nothing.
 */
export const FIELD_BOOSTS: Readonly<Record<Field, number>> = { title: 0.3, breadcrumb: 0.3, text: 1 };

/** How pages are scored as wholes (see pages.ts): BM25F over a page's fields. */
export interface PageRanking {
  /** Weight of a word's count in each field, before saturation. */
  weights: Readonly<Record<'title' | 'description' | 'headings' | 'body', number>>;
  /** BM25's b per field: how much a long field's counts are discounted (0 none, 1 in full). */
  lengthNorm: Readonly<Record<'title' | 'description' | 'headings' | 'body', number>>;
  /** BM25's k1: how soon more occurrences of a word stop adding. */
  k1: number;
}

/**
 * Which runs of chunks rank as pages (sections.ts). Unlike the ranking options these shape the
 * page index the index file keeps, so they are not set per query; changing them means bumping
 * INDEX_FORMAT_VERSION.
 */
export interface PageUnitOptions {
  /**
   * A document of more words than this is ranked section by section, not as one page: a manual
   * saved as one PDF, or a chapter of many thousand words, holds many pages' worth of subjects.
   * Most pages of a documentation folder are far shorter, so they stay whole. Chosen with
   * `joinWords` on the tune part of the large set (docs/evaluation.md).
   */
  longWords: number;
  /**
   * The deepest heading level a long document is cut at, from 0 (its outermost headings): a
   * PDF's outline puts chapters outermost, so its numbered sections are one level in and their
   * subsections two.
   */
  deepestLevel: number;
  /**
   * Neighbouring sections are joined into one unit while together they hold at most this many
   * words: a unit should be about as long as a page, not a heading and two paragraphs (the
   * Debian Reference's chapters have a heading every few paragraphs).
   */
  joinWords: number;
}

export const PAGE_UNITS: Readonly<PageUnitOptions> = {
  longWords: 3500,
  deepestLevel: 2,
  joinWords: 2500,
};

/** How paragraphs and the pages they belong to are ranked together. */
export interface RankingOptions {
  /**
   * Rank pages, then give each page's best paragraph in page order, when there is more than one
   * page (several documents, or one long one cut into sections). Off, hits are paragraphs in
   * score order, as for one short document.
   */
  byPage: boolean;
  page: PageRanking;
  /** Share of a page's rank from its BM25F score (relative to the best page's). */
  pageWeight: number;
  /** Share from its best paragraph's score (relative to the best paragraph's). */
  bestParagraphWeight: number;
  /**
   * That relative score is raised to this power (1 leaves it as it is). A paragraph's score
   * multiplies by the number of the question's words it holds, whatever their weight, so for a
   * long question in the asker's own words the best paragraph is often far ahead only by holding
   * more of its common words, and its page took the whole lead of it. Below 1 the order of
   * paragraphs stands but the lead narrows, and the page as a whole and its other paragraphs
   * weigh more beside it.
   */
  bestParagraphExponent: number;
  /** Share from its second and third paragraphs' scores together: a page that answers in several places. */
  moreParagraphsWeight: number;
  /**
   * Paragraphs with more distinct words than this are discounted by (this / words) ^ exponent:
   * a flattened table of thousands of words holds most of any long question's words, and
   * MiniSearch's scoring multiplies by the number of query words matched.
   */
  longParagraphWords: number;
  longParagraphExponent: number;
  /**
   * When the best paragraph holds at least this share of the query's adjacent word pairs (pairs
   * of two stop words left out), its page ranks first whatever the page scores say: someone is
   * quoting it. Above 1, never.
   */
  quoteShare: number;
  /**
   * Likewise when the best paragraph scores at least this many times the best of any other page
   * and holds the query's rarest searched word: a question that one paragraph answers far better
   * than any other page means that paragraph, and the page scores then only decide what comes
   * after it.
   */
  leadRatio: number;
  /**
   * Added to the rank of a page whose title or one of whose headings holds two of the query's
   * words side by side (stop words between them skipped): "Certificate of Origin", "Partial
   * Indexes". A heading names what its section is about; the same words scattered over a long
   * body do not. 0 turns it off.
   */
  headingPairWeight: number;
  /** Pages, best first, whose headings are read for that: the rest rank too low for it to matter. */
  headingPairDepth: number;
  /**
   * Added to the rank of a page whose title, file name or one of whose headings opens with the
   * rare word a short question asks about ("What is a namedtuple?" and "namedtuple() Factory
   * Function…"): that page defines the thing, where others only mention it. 0 turns it off.
   */
  headingSubjectWeight: number;
  /** A question of at most this many words besides stop words asks about a single thing. */
  subjectWords: number;
  /**
   * Added to the rank of a page whose title, file name or one of whose headings opens with a rare
   * word of a longer question ("ERROR: deadlock detected - why does it happen…" and a section
   * "Deadlocks"): the section is about something the question names, where other pages hold the
   * word in passing. Less than `headingSubjectWeight`: a longer question asks about a relation
   * between things, and a page about one of them is not yet the answer. 0 turns it off.
   */
  headingOpensWeight: number;
  /** The share of paragraphs a word may appear in and still name a single thing (or, in a longer question, its subject). */
  subjectShare: number;
  /**
   * Best paragraphs re-scored by how closely they match the query's wording (query.ts, rerank).
   * Deeper finds more quoted paragraphs, and with them their pages, for a little more work.
   */
  rerankDepth: number;
  /** Characters of a paragraph read when re-scoring: a huge flattened table is judged by its opening. */
  rerankChars: number;
  /** Re-scoring bonus for holding every adjacent pair of the query's words (the score times 1 + this). */
  phraseWeight: number;
  /** Re-scoring bonus for holding every query word in the form it was typed. */
  exactWeight: number;
  /**
   * The work one query may do: the (term, paragraph) postings its search visits, at least
   * `postingsBudget` and `postingsBudgetShare` of the paragraphs; the `alwaysSearched` rarest
   * terms always count. Scoring is cheap, so this only stops a pathological query of many
   * common words.
   */
  postingsBudget: number;
  postingsBudgetShare: number;
  alwaysSearched: number;
  /** Scale of a credit line's score: it is a few words long, so BM25 would rank it high for any word it shares. */
  creditBoost: number;
  /**
   * Weight of the terms a query reaches through the table of programmers' equivalent expressions
   * (jargon.ts), against 1 for its own words; 0 turns the table off.
   */
  jargonWeight: number;
}

/**
 * Chosen on the tune part of the large set (`npm run eval -- --set large --misses tune`) with
 * known-item top-1 (`npm run bench`) held: the page fields' weights barely move either; the page
 * scores and the best paragraph together do, and the two rules that keep the best paragraph's page
 * first trade a little top-1 on questions for known-item top-1.
 */

export const RANKING_DEFAULTS: Readonly<RankingOptions> = {
  byPage: true,
  page: {
    weights: { title: 3, description: 2, headings: 1.5, body: 1 },
    lengthNorm: { title: 0.5, description: 0.5, headings: 0.5, body: 0.75 },
    k1: 1.2,
  },
  pageWeight: 1,
  bestParagraphWeight: 1.5,
  bestParagraphExponent: 0.5,
  moreParagraphsWeight: 0.6,
  longParagraphWords: 200,
  longParagraphExponent: 0.5,
  quoteShare: 0.5,
  leadRatio: 1.15,
  headingPairWeight: 0.2,
  headingPairDepth: 30,
  headingSubjectWeight: 0.2,
  subjectWords: 3,
  headingOpensWeight: 0.15,
  subjectShare: 0.01,
  rerankDepth: 50,
  rerankChars: 4000,
  phraseWeight: 2,
  exactWeight: 0.25,
  postingsBudget: 10_000,
  postingsBudgetShare: 0.5,
  alwaysSearched: 2,
  creditBoost: 0.6,
  jargonWeight: 0.3,
};
