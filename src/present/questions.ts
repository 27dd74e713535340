import type { QuestionGroup } from '../questions/report.ts';
import { PLAIN, type TerminalStyle } from './terminal.ts';

/**
 * The questions report offline (`npm run questions`): text for a person, JSON Lines and CSV for
 * tools. The JSON field names are the command's contract; the CSV has the same columns.
 */

/** A group as `--json` prints it: the report's fields, with the time as ISO 8601 (UTC) under `last_asked`. */
export type QuestionGroupJson = Omit<QuestionGroup, 'lastAsked'> & { last_asked: string };

export function questionGroupJson(group: QuestionGroup): QuestionGroupJson {
  return {
    question: group.question,
    variants: group.variants,
    count: group.count,
    answered: group.answered,
    declined: group.declined,
    helpful: group.helpful,
    unhelpful: group.unhelpful,
    citations: group.citations,
    last_asked: new Date(group.lastAsked).toISOString(),
  };
}

const CSV_COLUMNS: readonly (keyof QuestionGroupJson)[] = ['question', 'variants', 'count', 'answered', 'declined', 'helpful', 'unhelpful', 'citations', 'last_asked'];

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string | number | string[]): string {
  const text = Array.isArray(value) ? value.join(' | ') : String(value);
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** The report as CSV with a header row; lists (variants, citations) are joined with " | ". */
export function questionReportCsv(groups: readonly QuestionGroup[]): string {
  const rows = groups.map((g) => {
    const json = questionGroupJson(g);
    return CSV_COLUMNS.map((c) => csvField(json[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n');
}

function tally(g: QuestionGroup): string {
  const parts = [`asked ${g.count}×`];
  if (g.declined > 0) parts.push(`declined ${g.declined}×`);
  if (g.helpful > 0) parts.push(`helpful ${g.helpful}`);
  if (g.unhelpful > 0) parts.push(`not helpful ${g.unhelpful}`);
  return parts.join(', ');
}

/** What people typed, safe for a terminal: control characters (escape sequences among them) become spaces. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/gu, ' ');
}

/** The report for a terminal: one numbered group per block, its other wordings and citations under it. */
export function formatQuestionReport(groups: readonly QuestionGroup[], heading: string, style: TerminalStyle = PLAIN): string {
  if (groups.length === 0) return `${heading}\n\nNothing in this period.`;
  const lines = [heading, ''];
  groups.forEach((g, i) => {
    lines.push(`${i + 1}. ${style.bold(printable(g.question))}  ${style.dim(`${tally(g)} · last ${new Date(g.lastAsked).toISOString().slice(0, 16).replace('T', ' ')} UTC`)}`);
    for (const v of g.variants) lines.push(`   also: ${printable(v)}`);
    if (g.citations.length > 0) lines.push(style.dim(`   answered from: ${g.citations.join(', ')}`));
  });
  return lines.join('\n');
}
