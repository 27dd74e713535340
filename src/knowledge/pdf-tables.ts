import type { PdfOptions } from './format-options.ts';
import type { PdfRun } from './pdf-layout.ts';

/**
 * Tables in a PDF's text layer. A PDF has no table, only words at positions: a table shows as
 * consecutive lines cut by wide gaps into cells whose left edges line up from row to row. Such
 * lines are read as rows, "cell | cell", as an HTML table's are, instead of as run-together
 * prose.
 */

/** A cell of a line: where it starts, and its text. */
export interface Cell {
  x: number;
  text: string;
}

/** What table detection needs of a line. */
export interface TableLine {
  cells: Cell[];
  x0: number;
  y: number;
  size: number;
  mono: boolean;
  page: number;
}

/** A line's runs grouped into cells at gaps wider than `tableCellGap` ems. */
export function cellsOf(runs: readonly PdfRun[], join: (runs: PdfRun[]) => string, options: PdfOptions): Cell[] {
  const cells: { x: number; runs: PdfRun[] }[] = [];
  let end = -Infinity;
  for (const run of runs) {
    const last = cells[cells.length - 1];
    if (last === undefined || run.x - end > run.size * options.tableCellGap) cells.push({ x: run.x, runs: [run] });
    else last.runs.push(run);
    end = Math.max(end, run.x + run.width);
  }
  return cells.map((c) => ({ x: c.x, text: join(c.runs).replace(/\s+/gu, ' ').trim() })).filter((c) => c.text !== '');
}

/** Whether a row's cells start at columns the rows share: left edges within half an em of one another. */
function sharedColumns(rows: readonly TableLine[]): number {
  const tolerance = (rows[0]?.size ?? 10) * 0.5;
  const starts = rows.flatMap((row) => row.cells.map((c) => c.x)).sort((a, b) => a - b);
  let columns = 0;
  for (let i = 0; i < starts.length; ) {
    let j = i;
    while (j + 1 < starts.length && starts[j + 1]! - starts[i]! <= tolerance) j++;
    const at = starts[i]!;
    const rowsThere = rows.filter((row) => row.cells.some((c) => c.x >= at - tolerance && c.x <= starts[j]! + tolerance)).length;
    if (rowsThere >= rows.length / 2) columns++;
    i = j + 1;
  }
  return columns;
}

/** Whether two lines are neighbouring rows: the same page and type, one just under the other. */
function nextRow(above: TableLine, below: TableLine): boolean {
  return above.page === below.page && !below.mono && Math.abs(above.size - below.size) < 0.5 && above.y > below.y && above.y - below.y <= Math.max(above.size, below.size) * 2.5;
}

/** The lines (of one page's reading order) that are rows of a table. */
export function tableRows<L extends TableLine>(lines: readonly L[], options: PdfOptions): Set<L> {
  const rows = new Set<L>();
  let run: L[] = [];
  const settle = () => {
    if (run.length >= options.tableMinRows && sharedColumns(run) >= 2) for (const line of run) rows.add(line);
    run = [];
  };
  for (const line of lines) {
    const candidate = !line.mono && line.cells.length >= 2;
    const last = run[run.length - 1];
    if (candidate && last !== undefined && nextRow(last, line)) run.push(line);
    else {
      settle();
      if (candidate) run.push(line);
    }
  }
  settle();
  return rows;
}
