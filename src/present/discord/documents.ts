import { time, TimestampStyles } from '@discordjs/formatters';
import type { APIEmbed } from 'discord.js';
import type { KnowledgeBase } from '../../search/index.ts';
import { descriptionRoom, fitEmbed } from './embed.ts';
import { DiscordLimits } from './limits.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { fitLines } from './truncate.ts';
import { COLOR, type Presented } from './types.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The documents in the knowledge base, their paragraph counts, and when they were indexed; `notes`
 * are lines about the bot itself shown under the heading (the question log's state).
 */
export function presentDocuments(
  kb: Pick<KnowledgeBase, 'documents' | 'skipped' | 'indexedAt'> & { chunks: { size: number } } & Partial<Pick<KnowledgeBase, 'documentIndexedAt'>>,
  notes: readonly string[] = [],
): Presented {
  const lines = kb.documents.map((d) => {
    const at = Date.parse(kb.documentIndexedAt?.get(d.id) ?? '');
    const when = Number.isFinite(at) ? ` · indexed ${time(seconds(at), TimestampStyles.RelativeTime)}` : '';
    return `**${escapeMarkdown(d.title)}** — ${plural(d.paragraphs, 'paragraph')} · ${code(d.id)}${when}`;
  });
  const indexed = Date.parse(kb.indexedAt);
  const when = Number.isFinite(indexed) ? `${time(seconds(indexed), TimestampStyles.ShortDateTime)} (${time(seconds(indexed), TimestampStyles.RelativeTime)})` : 'at start-up';
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: 'Documents',
    footer: { text: `${plural(kb.documents.length, 'document')} · ${plural(kb.chunks.size, 'citable paragraph')}` },
    ...(Number.isFinite(indexed) ? { timestamp: new Date(indexed).toISOString() } : {}),
  };
  if (kb.skipped.length > 0) {
    const skipped = kb.skipped.map((s) => `• ${escapeMarkdown(s.path)}: ${escapeMarkdown(s.reason)}`);
    embed.fields = [
      { name: `Skipped ${plural(kb.skipped.length, 'file')}`, value: fitLines(skipped, DiscordLimits.fieldValue, { more: (n) => `${kb.skipped.length - n} more in the bot's log` }).text },
    ];
  }
  const head = [`Indexed ${when}.`, ...notes].join('\n');
  const room = descriptionRoom(embed) - head.length - 2;
  const body = fitLines(lines, room, { more: (n) => `${kb.documents.length - n} more documents; ${code('/search')} with a document finds them` }).text;
  embed.description = `${head}\n\n${body}`;
  return { embeds: [fitEmbed(embed)] };
}
