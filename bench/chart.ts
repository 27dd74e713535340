import type { BenchRecord, FolderRun } from './record.ts';

/**
 * The benchmark figures as one SVG, written by hand: a few bars and lines do not need a
 * charting library. Peers: query latency and memory of each engine on the largest folder run
 * with peers. Sizes (when several folders were run): latency and memory against paragraphs.
 */

const WIDTH = 960;
const PANEL_HEIGHT = 250;
const MARGIN = { left: 150, right: 30, top: 40, bottom: 40 };
const COLOURS = ['#2b6cb0', '#dd6b20', '#38a169', '#805ad5'];
const FONT = { 'font-family': 'system-ui, sans-serif', 'font-size': '12' };
const TITLE = { 'font-weight': 'bold', 'font-size': '14' };
const NOTE = { fill: '#555' };

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const attributes = (a: Record<string, string>) => Object.entries(a).map(([k, v]) => `${k}="${escapeXml(v)}"`).join(' ');
const text = (x: number, y: number, s: string, extra: Record<string, string> = {}) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes({ ...FONT, ...extra })}>${escapeXml(s)}</text>`;
const line = (x1: number, y1: number, x2: number, y2: number, stroke = '#ccc') =>
  `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}"/>`;

/** A value → pixel mapping, with the ticks worth labelling. */
interface Scale {
  at(value: number): number;
  ticks: number[];
}

function logScale(min: number, max: number, from: number, to: number): Scale {
  const lo = Math.floor(Math.log10(Math.max(min, 1e-3)));
  const hi = Math.ceil(Math.log10(Math.max(max, min * 10, 1e-2)));
  const at = (v: number) => from + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (to - from);
  return { at, ticks: Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)) };
}

/** About five ticks: a step of 1, 2 or 5 times a power of ten. */
function niceStep(max: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(max, 1e-9)));
  const m = max / power;
  return power * (m > 5 ? 2 : m > 2 ? 1 : 0.5);
}

function linearScale(max: number, from: number, to: number): Scale {
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const at = (v: number) => from + (v / top) * (to - from);
  return { at, ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step) };
}

/** 1.9, 64, 1k: as many figures as a reader of a chart can use. */
function label(v: number): string {
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  if (v >= 100) return String(Math.round(v));
  return String(Number(v.toPrecision(2)));
}

interface BarRow {
  name: string;
  bars: { series: string; value: number }[];
}

/** Horizontal bars, one group a row, with the scale along the bottom. */
function barPanel(top: number, title: string, unit: string, rows: BarRow[], log: boolean): string {
  const series = [...new Set(rows.flatMap((r) => r.bars.map((b) => b.series)))];
  const values = rows.flatMap((r) => r.bars.map((b) => b.value)).filter((v) => v > 0);
  const [x0, x1] = [MARGIN.left, WIDTH - MARGIN.right];
  const scale = log ? logScale(Math.min(...values), Math.max(...values), x0, x1) : linearScale(Math.max(...values), x0, x1);
  const bottom = top + PANEL_HEIGHT - MARGIN.bottom;
  const rowHeight = (bottom - top - MARGIN.top) / Math.max(rows.length, 1);
  const barHeight = Math.min(14, (rowHeight - 6) / series.length);
  const out = [text(10, top + 22, title, TITLE)];
  for (const t of scale.ticks) out.push(line(scale.at(t), top + MARGIN.top - 5, scale.at(t), bottom), text(scale.at(t), bottom + 15, `${label(t)}`, { 'text-anchor': 'middle' }));
  out.push(text(x1, bottom + 32, unit, { 'text-anchor': 'end', ...NOTE }));
  rows.forEach((row, r) => {
    const y = top + MARGIN.top + r * rowHeight;
    out.push(text(x0 - 8, y + rowHeight / 2 + 4, row.name, { 'text-anchor': 'end' }));
    row.bars.forEach((bar, b) => {
      const colour = COLOURS[series.indexOf(bar.series) % COLOURS.length];
      const by = y + (rowHeight - barHeight * row.bars.length) / 2 + b * barHeight;
      const w = Math.max(1, scale.at(bar.value) - x0);
      out.push(`<rect x="${x0}" y="${by.toFixed(1)}" width="${w.toFixed(1)}" height="${(barHeight - 2).toFixed(1)}" fill="${colour}"><title>${escapeXml(`${row.name} ${bar.series}: ${label(bar.value)} ${unit}`)}</title></rect>`);
      out.push(text(x0 + w + 4, by + barHeight - 4, label(bar.value), { 'font-size': '10', fill: '#333' }));
    });
  });
  out.push(legend(x1, top + 22, series));
  return out.join('\n');
}

function legend(right: number, y: number, series: string[]): string {
  return series
    .map((s, i) => {
      const x = right - (series.length - i) * 110;
      return `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>${text(x + 16, y, s)}`;
    })
    .join('');
}

interface Series {
  name: string;
  points: [number, number][];
}

/** Lines over a logarithmic x axis (paragraphs), one panel of a pair side by side. */
function linePanel(left: number, top: number, width: number, title: string, unit: string, series: Series[], logY: boolean): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = [left + 60, left + width - 20];
  const [yTop, yBottom] = [top + MARGIN.top, top + PANEL_HEIGHT - MARGIN.bottom];
  const x = logScale(Math.min(...xs), Math.max(...xs), x0, x1);
  const y = logY ? logScale(Math.min(...ys), Math.max(...ys), yBottom, yTop) : linearScale(Math.max(...ys), yBottom, yTop);
  const out = [text(left + 10, top + 22, title, TITLE)];
  for (const t of x.ticks) out.push(line(x.at(t), yTop, x.at(t), yBottom), text(x.at(t), yBottom + 15, label(t), { 'text-anchor': 'middle' }));
  for (const t of y.ticks) out.push(line(x0, y.at(t), x1, y.at(t)), text(x0 - 6, y.at(t) + 4, label(t), { 'text-anchor': 'end' }));
  out.push(text(x1, yBottom + 32, `paragraphs · ${unit}`, { 'text-anchor': 'end', ...NOTE }));
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const path = s.points.map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${x.at(px).toFixed(1)},${y.at(py).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const [px, py] of s.points) out.push(`<circle cx="${x.at(px).toFixed(1)}" cy="${y.at(py).toFixed(1)}" r="3.5" fill="${colour}"><title>${escapeXml(`${s.name}: ${label(py)} ${unit} at ${px} paragraphs`)}</title></circle>`);
  });
  out.push(legend(left + width - 20, top + 22, series.map((s) => s.name)));
  return out.join('\n');
}

const MB = 1024 * 1024;

function peerPanels(top: number, run: FolderRun): string[] {
  const peers = run.peers ?? [];
  const where = `${run.folder}, ${run.paragraphs.toLocaleString('en')} paragraphs`;
  const latency = peers.map((p) => ({ name: p.engine, bars: [{ series: 'p50', value: p.query.p50 }, { series: 'p99', value: p.query.p99 }] }));
  const memory = peers.map((p) => ({ name: p.engine, bars: [{ series: 'memory after load', value: Math.max(0, p.memoryBytes) / MB }] }));
  return [barPanel(top, `Query latency against the peers (${where})`, 'ms, log scale', latency, true), barPanel(top + PANEL_HEIGHT, `Memory holding the loaded index (${where})`, 'MB', memory, false)];
}

function sizePanels(top: number, runs: FolderRun[]): string[] {
  const half = WIDTH / 2;
  const latency: Series[] = [
    { name: 'ask p50', points: runs.map((r) => [r.paragraphs, r.ask.p50]) },
    { name: 'ask p99', points: runs.map((r) => [r.paragraphs, r.ask.p99]) },
  ];
  const memory: Series[] = [{ name: 'RSS when ready', points: runs.map((r) => [r.paragraphs, r.ready.rssBytes / MB]) }];
  return [linePanel(0, top, half, 'Latency against folder size', 'ms', latency, true), linePanel(half, top, half, 'Memory against folder size', 'MB', memory, false)];
}

/** The chart for a record, or null when it holds nothing to draw. */
export function renderChart(record: BenchRecord): string | null {
  const withPeers = record.runs.filter((r) => r.peers && r.peers.length > 1);
  const largestWithPeers = withPeers[withPeers.length - 1];
  const panels: string[] = [];
  let top = 0;
  if (largestWithPeers) {
    panels.push(...peerPanels(top, largestWithPeers));
    top += 2 * PANEL_HEIGHT;
  }
  if (record.runs.length >= 2) {
    panels.push(...sizePanels(top, record.runs));
    top += PANEL_HEIGHT;
  }
  if (panels.length === 0) return null;
  const footer = record.runs.map((r, i) => text(10, top + 20 + i * 16, `${r.folder} (${r.date}): ${r.measuredOn}`, NOTE));
  const height = top + 32 + (record.runs.length - 1) * 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    ...panels,
    ...footer,
    '</svg>',
    '',
  ].join('\n');
}
