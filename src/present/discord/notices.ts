import { userMention } from '@discordjs/formatters';
import { code, neutralizeMentions } from './markdown.ts';
import { isSnowflake } from './snowflake.ts';
import { truncatePlain } from './truncate.ts';
import type { Presented } from './types.ts';

/**
 * Short messages about the bot itself rather than the material (errors, cooldowns, permissions,
 * input it cannot use): plain content, always sent privately by the adapter. Anything a person
 * typed goes through `typed()` before it is put into one.
 */
export function notice(text: string): Presented {
  return { content: neutralizeMentions(text), embeds: [] };
}

/**
 * What a person typed, quoted in a notice: as a code span, which Discord shows character for
 * character (no mention, link or formatting of its own; `code` keeps backticks from closing it),
 * on one short line.
 */
export function typed(input: string, max = 100): string {
  return code(truncatePlain(input.replace(/\s+/gu, ' ').trim(), max));
}

export function errorNotice(reference: string): Presented {
  return notice(`Something went wrong while answering. If it keeps happening, tell whoever runs Footnote the reference ${code(reference)}.`);
}

export function cooldownNotice(seconds: number): Presented {
  return notice(`You're going a bit fast — try again in ${seconds} s.`);
}

/**
 * The mention renders as the person's name; with allowed_mentions parse: [] it does not ping them.
 * The id comes from a button's custom id, which a forged click controls: only a real id is shown.
 */
export function onlyAskerNotice(askerId: string, action: string): Presented {
  return notice(`Only ${isSnowflake(askerId) ? userMention(askerId) : 'the person who asked'} can ${action}.`);
}

/** Shutdown reached an interaction still being answered: the bot will be back shortly. */
export function restartNotice(): Presented {
  return notice('Footnote is restarting and could not finish this answer. Please ask again in a moment.');
}

/** A document option that names no document. */
export function unknownDocumentNotice(input: string): Presented {
  return notice(`There is no document ${typed(input)}. Pick one from the list as you type, or see ${code('/documents')}.`);
}

/** A citation option that names no paragraph; `near` are ids the material does have. */
export function unknownCitationNotice(input: string, near: readonly string[]): Presented {
  const nearby = near.length > 0 ? ` Nearby: ${near.map((s) => code(s)).join(', ')}.` : '';
  return notice(`There is no paragraph ${typed(input)}.${nearby} Pick one from the list as you type.`);
}
