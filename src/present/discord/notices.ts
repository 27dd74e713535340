import { neutralizeMentions } from './markdown.ts';
import type { ReplyBody } from './types.ts';

/**
 * Short messages about the bot itself rather than the material (errors, cooldowns, permissions):
 * plain content, always sent privately by the adapters.
 */
export function notice(text: string): ReplyBody {
  return { content: neutralizeMentions(text), embeds: [], components: [] };
}

export function errorNotice(reference: string): ReplyBody {
  return notice(`Something went wrong while answering. If it keeps happening, tell whoever runs Footnote the reference \`${reference}\`.`);
}

export function cooldownNotice(seconds: number): ReplyBody {
  return notice(`You're going a bit fast — try again in ${seconds} s.`);
}

/** `<@id>` renders as the person's name; with allowed_mentions parse: [] it does not ping them. */
export function onlyAskerNotice(askerId: string, action: string): ReplyBody {
  return notice(`Only <@${askerId}> can ${action}.`);
}

/** Shutdown reached an interaction still being answered: the bot will be back shortly. */
export function restartNotice(): ReplyBody {
  return notice('Footnote is restarting and could not finish this answer. Please ask again in a moment.');
}
