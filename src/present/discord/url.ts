import { DiscordLimits } from './limits.ts';

/**
 * Only http(s) URLs within `max` characters: anything else in an embed's title link or a link
 * button would make Discord refuse the whole message.
 */
export function linkableUrl(url: string | null | undefined, max: number = DiscordLimits.buttonUrl): string | null {
  if (!url || url.length > max) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
