export { ask, type AskOptions } from './ask.ts';
export { judge, refusalText, type Refusal, type Verdict } from './answerable.ts';
export { ASK_DEFAULTS, JUDGE_DEFAULTS, SUMMARY_DEFAULTS, type AskTuning, type JudgeOptions, type SummaryTuning } from './options.ts';
export { search, type SearchOptions } from './search.ts';
export { summarize, UnknownDocumentError, type SummaryOptions } from './summarize.ts';
export { normalizeCitation, source, UnknownCitationError } from './source.ts';
export { splitSentences, quotableUnits, type Sentence } from './sentences.ts';
export type { AskResult, Excerpt, Passage, SearchResult, SourceResult, Span, SummaryResult } from './types.ts';
export { askFollowUp, followUpCandidates, refersBack, topicOf, type FollowUpResult } from './follow-up.ts';
