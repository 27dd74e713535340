import { groupQuestions, type GroupingOptions } from '../answer/index.ts';
import type { QuestionRow } from '../store/types.ts';

/**
 * What the material does not answer, as a team's to-do list: logged questions grouped by meaning
 * (question-groups.ts), counted, the most pressing first.
 */

/** One group of questions that mean the same thing. */
export interface QuestionGroup {
  /** The group's most frequent wording (ties: the most recently asked). */
  question: string;
  /** The other distinct wordings, most frequent first. */
  variants: string[];
  count: number;
  answered: number;
  declined: number;
  helpful: number;
  unhelpful: number;
  /** Chunk ids cited by the group's answers, most cited first. */
  citations: string[];
  /** When a question of the group was last asked (ms). */
  lastAsked: number;
}

/**
 * Which groups to list: the to-do list (declined or voted down, the default), only those with a
 * declined question, only those with an answer someone voted down (one 👎 is enough to be worth a
 * look: the list is read by people, not acted on by the engine), or all.
 */
export type ReportFilter = 'todo' | 'declined' | 'unhelpful' | 'all';

export interface ReportOptions {
  filter: ReportFilter;
  /** Groups listed at most; all when not given. */
  limit?: number;
  /** How questions are grouped; the defaults are GROUP_DEFAULTS. */
  grouping?: GroupingOptions;
}

/** What makes two wordings the same wording: case, spacing and the punctuation around them aside. */
export function wordingKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

interface Wording {
  text: string;
  count: number;
  last: number;
}

/** Distinct wordings, most frequent first, the more recent first among equals; shown as last asked. */
function wordings(rows: readonly QuestionRow[]): Wording[] {
  const byKey = new Map<string, Wording>();
  for (const row of rows) {
    const key = wordingKey(row.question);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { text: row.question.trim(), count: 1, last: row.askedAt });
    else {
      seen.count++;
      if (row.askedAt >= seen.last) Object.assign(seen, { text: row.question.trim(), last: row.askedAt });
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || b.last - a.last || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

function citationsOf(rows: readonly QuestionRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const id of new Set(row.citations)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id]) => id);
}

function summarise(rows: readonly QuestionRow[]): QuestionGroup {
  const [first, ...others] = wordings(rows);
  const sum = (f: (r: QuestionRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    question: first?.text ?? '',
    variants: others.map((w) => w.text),
    count: rows.length,
    answered: sum((r) => (r.answered ? 1 : 0)),
    declined: sum((r) => (r.answered ? 0 : 1)),
    helpful: sum((r) => r.helpful),
    unhelpful: sum((r) => r.unhelpful),
    citations: citationsOf(rows),
    lastAsked: Math.max(...rows.map((r) => r.askedAt)),
  };
}

const KEEP: Record<ReportFilter, (g: QuestionGroup) => boolean> = {
  todo: (g) => g.declined > 0 || g.unhelpful > 0,
  declined: (g) => g.declined > 0,
  unhelpful: (g) => g.unhelpful > 0,
  all: () => true,
};

/** The to-do order: most declined and voted down first, then most asked, then most recent. */
function priority(a: QuestionGroup, b: QuestionGroup): number {
  return b.declined + b.unhelpful - (a.declined + a.unhelpful) || b.count - a.count || b.lastAsked - a.lastAsked || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0);
}

/** Logged questions grouped by meaning, filtered, in to-do order. */
export function questionReport(rows: readonly QuestionRow[], options: ReportOptions): QuestionGroup[] {
  const groups = groupQuestions(rows.map((r) => r.question), options.grouping).map((indices) => summarise(indices.map((i) => rows[i]!)));
  const kept = groups.filter(KEEP[options.filter]).sort(priority);
  return options.limit === undefined ? kept : kept.slice(0, Math.max(0, options.limit));
}
