/**
 * Reading a channel message as a question: whether it is addressed to the bot, and its words
 * without the mentions.
 */

/** Whether the text mentions this user itself (`<@id>` or the older `<@!id>`); @everyone and roles do not count. */
export function mentionsUser(content: string, userId: string): boolean {
  return content.includes(`<@${userId}>`) || content.includes(`<@!${userId}>`);
}

/** The question in a message: mentions of users, roles and channels taken out, spaces tidied. */
export function questionText(content: string): string {
  return content
    .replace(/<(?:@[!&]?|#)\d+>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

const QUESTION_OPENING = /^(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|can|could|do|does|did|should|will|would|has|have|may|must)\b/iu;
/** Fewer words than this is chatter ("why?", "how so"), not a question the material could answer. */
const MIN_QUESTION_WORDS = 3;

/**
 * Whether a message in a help channel reads as a question: it ends with a question mark or opens
 * as one, and has a few words. Footnote answers only these on its own; chatter is left alone.
 */
export function looksLikeQuestion(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => w !== '');
  if (words.length < MIN_QUESTION_WORDS) return false;
  return /\?\s*$/u.test(text) || QUESTION_OPENING.test(text);
}
