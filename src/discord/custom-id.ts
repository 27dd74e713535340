import { DiscordLimits } from '../present/discord/index.ts';

/**
 * Button custom ids: `<prefix>:<part>:<part>…`, at most 100 characters. The prefix routes a click
 * to its handler; the parts carry what the handler needs, so a click still works after a restart.
 * `%` and `:` inside a part are escaped so any text can travel.
 */

export const CustomIdPrefix = {
  /** Show a cited paragraph in full, privately: `para:<chunkRef>`. */
  paragraph: 'para',
  /** Post a private reply to the channel: `pub:<mentionUserId or empty>`. */
  publish: 'pub',
  /** Delete a public reply: `del:<askerId>:<expires, unix seconds base 36>`. */
  remove: 'del',
  /** Turn a search page: `page:<askerId>:<offset>:<documentRef>:<query>` or `…:<offset>:~<key>`. */
  page: 'page',
  /** The disabled "Sent to channel" button left on a private reply once published. */
  sent: 'sent',
  /** Vote on an answer: `vote:<answerId>:up` or `vote:<answerId>:down` (the question log's id). */
  vote: 'vote',
} as const;

export type CustomIdPrefixName = (typeof CustomIdPrefix)[keyof typeof CustomIdPrefix];

function escapePart(part: string): string {
  return part.replace(/[%:]/gu, (c) => (c === '%' ? '%25' : '%3A'));
}

function unescapePart(part: string): string {
  return part.replace(/%(25|3A)/giu, (_m, hex: string) => (hex === '25' ? '%' : ':'));
}

/** The custom id, or null when it would exceed Discord's 100 characters. */
export function encodeCustomId(prefix: string, parts: readonly string[] = []): string | null {
  const id = [prefix, ...parts.map(escapePart)].join(':');
  return id.length <= DiscordLimits.customId ? id : null;
}

export function decodeCustomId(id: string): { prefix: string; parts: string[] } {
  const [prefix = '', ...parts] = id.split(':');
  return { prefix, parts: parts.map(unescapePart) };
}

/** Seconds since the epoch in base 36: an expiry time in 6 characters instead of 10. */
export function encodeTime(ms: number): string {
  return Math.floor(ms / 1000).toString(36);
}

export function decodeTime(text: string): number | null {
  if (!/^[0-9a-z]{1,10}$/u.test(text)) return null;
  return parseInt(text, 36) * 1000;
}
