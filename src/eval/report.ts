import { bySplit, articleFigures, rankFigures, type Outcome, type RankFigures } from './evaluate.ts';
import { inScope, type PageQuestion, type ParagraphQuestion, type Split } from './sets.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const cell = (s: string) => s.padStart(17);
const row = (label: string, cells: string[]) => `${label.padEnd(30)}${cells.map(cell).join('')}`;
const declinedShare = (f: { questions: number; declined: number }) => `${pct(f.questions ? f.declined / f.questions : 0)} (${f.declined}/${f.questions})`;

/** The article's figures, one column per split. */
export function formatArticle(outcomes: readonly Outcome<ParagraphQuestion>[]): string[] {
  const columns = bySplit(outcomes).map(([name, list]) => ({ name, figures: articleFigures(list), n: list.length }));
  const kinds = (pick: 'inScopeKinds' | 'outOfScopeKinds') => [...new Set(columns.flatMap((c) => Object.keys(c.figures[pick])))];
  const lines = [
    row('', columns.map((c) => `${c.name} (${c.n})`)),
    row('in scope: declined', columns.map((c) => declinedShare(c.figures.inScope))),
    row('  top-1 of answered', columns.map((c) => pct(c.figures.inScope.answeredTop1))),
    row('  top-3 of answered', columns.map((c) => pct(c.figures.inScope.answeredTop3))),
    row('  top-1 of all', columns.map((c) => pct(c.figures.inScope.top1))),
    row('  MRR', columns.map((c) => c.figures.inScope.mrr.toFixed(3))),
  ];
  for (const kind of kinds('inScopeKinds')) {
    lines.push(row(`  ${kind}: top-1 / declined`, columns.map((c) => {
      const f = c.figures.inScopeKinds[kind];
      return f ? `${pct(f.answeredTop1)} / ${f.declined}` : '–';
    })));
  }
  lines.push(row('out of scope: declined', columns.map((c) => declinedShare(c.figures.outOfScope))));
  for (const kind of kinds('outOfScopeKinds')) {
    lines.push(row(`  ${kind}`, columns.map((c) => {
      const f = c.figures.outOfScopeKinds[kind];
      return f ? declinedShare(f) : '–';
    })));
  }
  return lines;
}

/** Page figures for each engine, one block per split. */
export function formatPages(engines: readonly { name: string; outcomes: readonly Outcome<PageQuestion>[] }[]): string[] {
  const lines: string[] = [];
  const groups = (outcomes: readonly Outcome<PageQuestion>[]) =>
    bySplit(outcomes).flatMap(([split, list]) => [
      [`${split}`, list] as const,
      [`${split}, own words`, list.filter((o) => o.question.wording === 'own')] as const,
    ]);
  const header = row('', ['top-1', 'top-3', 'MRR', 'declined']);
  for (const engine of engines) {
    lines.push(`${engine.name}`, header);
    for (const [label, list] of groups(engine.outcomes)) {
      const f: RankFigures = rankFigures(list);
      lines.push(row(`  ${label} (${f.questions})`, [pct(f.top1), pct(f.top3), f.mrr.toFixed(3), String(f.declined)]));
    }
    lines.push('');
  }
  return lines;
}

/** Misses of one split, so tuning can look at its own part and never at the held-out one. */
export function formatMisses<Q extends { question: string; split: Split }>(outcomes: readonly Outcome<Q>[], split: Split, expected: (q: Q) => string, shouldAnswer: (q: Q) => boolean): string[] {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.question.split !== split) continue;
    const answer = shouldAnswer(o.question);
    const declined = o.declinedBy ? `declined (${o.declinedBy})` : 'declined';
    const why = !answer ? (o.answered ? 'answered, should decline' : null) : !o.answered ? declined : o.rank === 1 ? null : `rank ${o.rank ?? '-'}`;
    if (why) lines.push(`  ${why.padEnd(34)}${JSON.stringify(o.question.question)} expected ${expected(o.question)} got ${o.top.join(', ') || '-'}`);
  }
  return lines;
}

export const articleMisses = (outcomes: readonly Outcome<ParagraphQuestion>[], split: Split) =>
  formatMisses(outcomes, split, (q) => (q.expected.length ? `¶${q.expected.join('/')}` : `– (${q.kind})`), inScope);

export const pageMisses = (outcomes: readonly Outcome<PageQuestion>[], split: Split) =>
  formatMisses(outcomes, split, (q) => q.expected.join(' | '), () => true);
