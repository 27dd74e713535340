import { quote as quoteLine } from '@discordjs/formatters';
import type { Excerpt } from '../../answer/index.ts';
import { renderMarks } from '../marks.ts';
import { escapeMarkdown } from './markdown.ts';

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
    .map((line) => quoteLine(line))
    .join('\n');
}

/** `/source <id>`: the command that shows the rest, as people will type it. */
export function sourceCommand(chunkId: string): string {
  return `/source ${chunkId}`;
}
