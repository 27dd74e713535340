/** Discord presenters: engine results as Discord message text and embeds (plain JSON, nothing clickable). */
export { presentAsk, questionTitle, refusalLines } from './ask.ts';
export { presentDocuments } from './documents.ts';
export { descriptionRoom, embedSize, fitEmbed } from './embed.ts';
export { boldExcerpt, quote, sourceCommand } from './excerpts.ts';
export { presentHelp, type HelpEntry } from './help.ts';
export { DiscordLimits } from './limits.ts';
export { code, escapeMarkdown, neutralizeMentions, plainText } from './markdown.ts';
export { cooldownNotice, errorNotice, notice, onlyAskerNotice, restartNotice, typed, unknownCitationNotice, unknownDocumentNotice } from './notices.ts';
export {
  clearNeedsConfirmNotice,
  forgotYouNotice,
  guildLogClearedNotice,
  presentQuestionReport,
  questionLogLine,
  questionLogOffNotice,
  questionLogUnavailableNotice,
  questionsRefusedNotice,
} from './questions.ts';
export { presentReload } from './reload.ts';
export { pageOf, presentSearch, SEARCH_PAGE_SIZE } from './search.ts';
export { autoAnswerChanged, cannotWatchNotice, presentSettings } from './settings.ts';
export { isSnowflake } from './snowflake.ts';
export { presentSource } from './source.ts';
export { presentSummary, summaryTitle } from './summary.ts';
export { ELLIPSIS, fitLines, repairMarkdown, truncate, truncatePlain } from './truncate.ts';
export { EDGE_WORDS, encodeFragmentText, linkToSentence, textDirective, WHOLE_SENTENCE_WORDS } from './text-fragment.ts';
export { COLOR, type CitedSource, type Presented, type PresentedCitations } from './types.ts';
export { linkableUrl } from './url.ts';
export { voteNotice, votesOffNotice, voteTooOldNotice, type VoteReport } from './votes.ts';
