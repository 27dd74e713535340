import type { Excerpt } from '../../answer/index.ts';
import { DiscordLimits } from '../../discord/limits.ts';
import { renderMarks } from '../marks.ts';
import { actionButton, linkableUrl, linkButton } from './components.ts';
import { CustomIdPrefix, encodeCustomId } from './custom-id.ts';
import { escapeMarkdown } from './markdown.ts';
import { refFor } from './refs.ts';
import type { APIButtonComponent } from 'discord.js';

/** A verbatim excerpt as Discord markdown: the material escaped, the question's words in bold. */
export function boldExcerpt(e: Pick<Excerpt, 'text' | 'marks'>): string {
  // A bold mark on "everyone" would turn `@everyone` into `@**everyone**`, which the plain
  // neutraliser no longer recognises; break it here too.
  return renderMarks(e.text, e.marks, '**', '**', escapeMarkdown).replace(/@(\*\*)(everyone|here)/giu, '@\u200d$1$2');
}

/** Each line of `text` as a block quote: quoted material reads as quoted material. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Numbers each distinct cited chunk in order of first use: [1], [2], … */
export function numbering(excerpts: readonly Pick<Excerpt, 'chunkId'>[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const e of excerpts) if (!numbers.has(e.chunkId)) numbers.set(e.chunkId, numbers.size + 1);
  return numbers;
}

export interface Cited {
  n: number;
  chunkId: string;
  citation: string;
  title: string;
  url: string | null;
}

/**
 * Link buttons to the cited sources, one per distinct URL (a document's paragraphs share one),
 * at most one row.
 */
export function sourceLinkButtons(cited: readonly Cited[]): APIButtonComponent[] {
  const byUrl = new Map<string, Cited[]>();
  for (const c of cited) {
    const url = linkableUrl(c.url);
    if (url === null) continue;
    byUrl.set(url, [...(byUrl.get(url) ?? []), c]);
  }
  return [...byUrl]
    .slice(0, DiscordLimits.buttonsPerRow)
    .map(([url, group]) => linkButton(`${group.map((c) => `[${c.n}]`).join('')} ${group[0]?.title ?? 'Source'}`, url));
}

/** "Show paragraph [n]" buttons for the cited chunks, at most one row. */
export function paragraphButtons(cited: readonly Cited[]): APIButtonComponent[] {
  const buttons: APIButtonComponent[] = [];
  for (const c of cited.slice(0, DiscordLimits.buttonsPerRow)) {
    const id = encodeCustomId(CustomIdPrefix.paragraph, [refFor(c.chunkId)]);
    if (id !== null) buttons.push(actionButton(`Show paragraph [${c.n}]`, id));
  }
  return buttons;
}

/** `/source <id>`: the command that shows the rest, as people will type it. */
export function sourceCommand(chunkId: string): string {
  return `/source ${chunkId}`;
}
