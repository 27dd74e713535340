export { ask, MAX_QUESTION_CHARS, type AskOptions } from './ask.ts';
export { judge, JUDGE_DEFAULTS, refusalText, type JudgeOptions, type Refusal, type Verdict } from './answerable.ts';
export { search, type SearchOptions } from './search.ts';
export { summarize, UnknownDocumentError, type SummaryOptions } from './summarize.ts';
export { normalizeCitation, source, UnknownCitationError } from './source.ts';
export { splitSentences, quotableUnits, type Sentence } from './sentences.ts';
export type { AskResult, Excerpt, Passage, SearchResult, SourceResult, Span, SummaryResult } from './types.ts';
export { askFollowUp, followUpCandidates, refersBack, topicOf, type FollowUpResult } from './follow-up.ts';
