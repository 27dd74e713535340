import type { APIButtonComponent } from 'discord.js';
import { DiscordLimits, linkToSentence, type CitedSource } from '../present/discord/index.ts';
import { actionButton, linkButton, rowsOf } from './components.ts';
import { CustomIdPrefix, encodeCustomId } from './custom-id.ts';
import { refFor } from './refs.ts';
import type { ButtonRow } from './reply-body.ts';

/**
 * Link buttons to the cited sources, each scrolling to the sentence quoted from it; sources whose
 * links end up the same (no sentence to point at) share a button. At most one row.
 */
function sourceLinkButtons(sources: readonly CitedSource[]): APIButtonComponent[] {
  const byUrl = new Map<string, CitedSource[]>();
  for (const c of sources) {
    if (c.url === null) continue;
    const url = linkToSentence(c.url, c.quote);
    byUrl.set(url, [...(byUrl.get(url) ?? []), c]);
  }
  const buttons: APIButtonComponent[] = [];
  for (const [url, group] of byUrl) {
    const button = linkButton(`${group.map((c) => `[${c.n}]`).join('')} ${group[0]?.title ?? 'Source'}`, url);
    if (button !== null && buttons.length < DiscordLimits.buttonsPerRow) buttons.push(button);
  }
  return buttons;
}

/** "Show paragraph [n]" buttons for the cited chunks, at most one row. */
function paragraphButtons(sources: readonly CitedSource[]): APIButtonComponent[] {
  const buttons: APIButtonComponent[] = [];
  for (const c of sources.slice(0, DiscordLimits.buttonsPerRow)) {
    const id = encodeCustomId(CustomIdPrefix.paragraph, [refFor(c.chunkId)]);
    if (id !== null) buttons.push(actionButton(`Show paragraph [${c.n}]`, id));
  }
  return buttons;
}

/**
 * The buttons of an answer: a row of "Show paragraph [n]", then a row of links to the sources.
 * The last row stays free for the reply's own controls.
 */
export function answerRows(sources: readonly CitedSource[], options: { paragraphs: boolean }): ButtonRow[] {
  return [...(options.paragraphs ? rowsOf(paragraphButtons(sources)) : []), ...rowsOf(sourceLinkButtons(sources))];
}

/** "Open source" under a paragraph shown in full, when it has a URL a button can hold. */
export function openSourceRows(url: string | null): ButtonRow[] {
  const button = linkButton('Open source', url);
  return button === null ? [] : rowsOf([button]);
}
