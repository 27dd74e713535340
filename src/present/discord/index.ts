export { presentAsk, questionTitle, refusalLines } from './ask.ts';
export { echoChoice, toChoices } from './choices.ts';
export {
  actionButton,
  deleteButton,
  embedSize,
  linkableUrl,
  linkButton,
  publishButton,
  rowsOf,
  sentButton,
  withControls,
  withoutControls,
} from './components.ts';
export { CustomIdPrefix, decodeCustomId, decodeTime, encodeCustomId, encodeTime } from './custom-id.ts';
export { presentDocuments } from './documents.ts';
export { boldExcerpt } from './excerpts.ts';
export { finalizeMessage, type AllowedMentions, type FinalizeOptions, type WireMessage } from './finalize.ts';
export { presentHelp, type HelpEntry } from './help.ts';
export { descriptionRoom, fitEmbed } from './layout.ts';
export { code, escapeMarkdown, neutralizeMentions, plainText } from './markdown.ts';
export { cooldownNotice, errorNotice, notice, onlyAskerNotice, restartNotice } from './notices.ts';
export { documentFor, refFor, resolveChunkRef, resolveDocumentRef } from './refs.ts';
export { fitsInline, pageCustomId, parsePageParts, presentSearch, SEARCH_PAGE_SIZE, type PageState, type PageTarget, type ParsedPage } from './search.ts';
export { presentSource } from './source.ts';
export { presentSummary, summaryTitle } from './summary.ts';
export { ELLIPSIS, fitLines, repairMarkdown, truncate, truncatePlain } from './truncate.ts';
export { COLOR, type ButtonRow, type Choice, type ReplyBody } from './types.ts';
export { presentReload } from './reload.ts';
