import type { ReloadReport } from '../../search/index.ts';
import { code, escapeMarkdown } from './markdown.ts';
import { notice } from './notices.ts';
import { fitLines } from './truncate.ts';
import { DiscordLimits } from './limits.ts';
import type { Presented } from './types.ts';

const list = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.map(code).join(', '));

/** What a reload did, for the person who asked for it. */
export function presentReload(outcome: { ok: true; report: ReloadReport; unchanged: boolean } | { ok: false; error: unknown }): Presented {
  if (!outcome.ok) {
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return notice(`Reload failed, so the previous index keeps answering: ${escapeMarkdown(reason)}`);
  }
  const { report } = outcome;
  if (outcome.unchanged) return notice(`Nothing changed in the knowledge folder; ${report.paragraphs.after} paragraphs are being served.`);
  const lines = [
    `Reloaded in ${Math.round(report.ms)} ms.`,
    `Added: ${list(report.added)}`,
    `Changed: ${list(report.changed)}`,
    `Removed: ${list(report.removed)}`,
    `Paragraphs: ${report.paragraphs.before} → ${report.paragraphs.after}`,
    ...report.skipped.map((s) => `Skipped ${escapeMarkdown(s.path)}: ${escapeMarkdown(s.reason)}`),
  ];
  return notice(fitLines(lines, DiscordLimits.messageContent, { more: (n) => `${lines.length - n} more lines in the bot's log` }).text);
}
