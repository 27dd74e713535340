import { inlineCode } from '@discordjs/formatters';

/**
 * Making text from the material (and from people's questions) safe to show inside Discord
 * markdown: it must render as the words it is, never as formatting, links or mentions of its own.
 */

const ZWJ = '\u200d';

/**
 * `@everyone` and `@here` look like pings even where they cannot ping (embeds, or with
 * allowed_mentions parse: []). A zero-width joiner after the `@` keeps the words readable and
 * stops Discord (and people skimming) from treating them as a mention.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/giu, `@${ZWJ}$1`);
}

// Characters that start formatting anywhere: emphasis, strikethrough, spoilers, code, masked links
// ([text](url)), block quotes and headings, and `<…>` (mentions, channels, timestamps, emoji).
const INLINE = /[\\*_~`|[\]<>#]/gu;
// Only special at the start of a line: list bullets and numbered lists ("1. ").
const LINE_START = /^(\s*)([-+])(?=\s)|^(\s*\d+)\.(?=\s)/gmu;
// Bare URLs stay as they are (Discord links them before it parses emphasis); escaping would put
// backslashes into the link. Trailing punctuation is the sentence's, not the URL's.
const URL = /https?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]]/giu;

function escapePlain(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START, (_m, lead: string | undefined, bullet: string | undefined, num: string | undefined) =>
    bullet !== undefined ? `${lead ?? ''}\\${bullet}` : `${num ?? ''}\\.`,
  );
}

/**
 * Escapes Discord markdown so the text renders literally (Discord drops a backslash before any
 * punctuation), and neutralises `@everyone`/`@here`. Over-escaping is harmless; under-escaping
 * lets material open a code fence or masked link that swallows the rest of the embed.
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL)) {
    out += escapePlain(text.slice(at, m.index));
    out += m[0];
    at = m.index + m[0].length;
  }
  return neutralizeMentions(out + escapePlain(text.slice(at)));
}

/**
 * For places Discord shows as plain text (footers, author names, button labels, autocomplete
 * choices): no markdown to escape there (a backslash would show), but line breaks and mentions
 * still have to go.
 */
export function plainText(text: string): string {
  return neutralizeMentions(text.replace(/\s+/gu, ' ').trim());
}

/**
 * An inline code span. A backtick inside would end it and let the rest render as markdown, so it
 * becomes a look-alike; a line break would end it too, so it becomes a space; mentions are
 * neutralised like everywhere else.
 */
export function code(text: string): string {
  return inlineCode(neutralizeMentions(text.replace(/`/gu, 'ˋ').replace(/\s+/gu, ' ')) || ' ');
}
