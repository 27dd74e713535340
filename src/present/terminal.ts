import type { AskResult, Excerpt, SearchResult, SourceResult, SummaryResult } from '../answer/index.ts';
import type { Finding } from '../knowledge/check.ts';
import type { FormatTally, KnowledgeDocument } from '../knowledge/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { renderMarks } from './marks.ts';
import { numbering } from './numbering.ts';

export interface TerminalStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
}

export const PLAIN: TerminalStyle = { bold: (s) => s, dim: (s) => s };
export const ANSI: TerminalStyle = { bold: (s) => `\u001b[1m${s}\u001b[22m`, dim: (s) => `\u001b[2m${s}\u001b[22m` };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function bolden(e: Excerpt, style: TerminalStyle): string {
  return renderMarks(e.text, e.marks, '\u0000', '\u0001').replace(/\u0000([^\u0001]*)\u0001/g, (_m, w: string) => style.bold(w));
}

function sourceLine(n: number, citation: string, url: string | null, style: TerminalStyle): string {
  return `  [${n}] ${citation}${url ? style.dim(`  ${url}`) : ''}`;
}

export function formatAsk(result: AskResult, style: TerminalStyle = PLAIN): string {
  const lines = [style.bold(result.query), ''];
  if (!result.answered) {
    lines.push(result.refusal ?? 'The material does not answer this question.');
    if (result.suggestions.length > 0) {
      lines.push('', 'Topics it does cover:', ...result.suggestions.map((s) => `  • ${s}`));
    }
    return lines.join('\n');
  }
  const numbers = numbering(result.answer);
  for (const e of result.answer) {
    lines.push(`  ${bolden(e, style)} [${numbers.get(e.chunkId)}]`);
  }
  lines.push('', 'Sources');
  for (const [id, n] of numbers) {
    const cited = result.answer.find((e) => e.chunkId === id);
    if (cited) lines.push(sourceLine(n, cited.citation, cited.url, style));
  }
  const more = result.passages.filter((p) => !numbers.has(p.chunk.id));
  if (more.length > 0) {
    lines.push('', 'See also');
    for (const p of more) lines.push(`  ${p.chunk.citation}${style.dim(`  (${p.chunk.id})`)}`);
  }
  return lines.join('\n');
}

export function formatSearch(result: SearchResult, style: TerminalStyle = PLAIN): string {
  if (result.total === 0) return `No paragraph matches "${result.query}".`;
  const matched = `${plural(result.total, 'paragraph')} match${result.total === 1 ? 'es' : ''} "${result.query}"`;
  if (result.hits.length === 0) return `${matched}; none from ${result.offset + 1} on (--offset ${result.offset} is past the last).`;
  const lines = [`${matched} (showing ${result.offset + 1}–${result.offset + result.hits.length})`, ''];
  result.hits.forEach((hit, i) => {
    const crumb = hit.chunk.breadcrumb.length > 0 ? ` › ${hit.chunk.breadcrumb.join(' › ')}` : '';
    lines.push(`${result.offset + i + 1}. ${style.bold(hit.chunk.citation)}${crumb}${style.dim(`  ${hit.chunk.id}  score ${hit.score.toFixed(2)}`)}`);
    for (const e of hit.excerpts) lines.push(`   ${bolden(e, style)}`);
    lines.push('');
  });
  if (result.offset + result.hits.length < result.total) lines.push(style.dim(`More: --offset ${result.offset + result.hits.length}`));
  return lines.join('\n').trimEnd();
}

export function formatSummary(result: SummaryResult, style: TerminalStyle = PLAIN): string {
  const heading = `Summary${result.topic ? ` of "${result.topic}"` : ''}${result.document ? ` in ${result.document}` : ''}`;
  if (!result.answered) {
    const lines = [style.bold(heading), '', result.refusal ?? 'Nothing to summarize.'];
    if (result.suggestions.length > 0) lines.push('', 'Topics it does cover:', ...result.suggestions.map((s) => `  • ${s}`));
    return lines.join('\n');
  }
  const numbers = numbering(result.sentences);
  const lines = [style.bold(heading), ''];
  for (const s of result.sentences) lines.push(`  • ${bolden(s, style)} [${numbers.get(s.chunkId)}]`);
  lines.push('', 'Sources');
  for (const [id, n] of numbers) {
    const cited = result.sentences.find((e) => e.chunkId === id);
    if (cited) lines.push(sourceLine(n, cited.citation, cited.url, style));
  }
  return lines.join('\n');
}

export function formatSource(result: SourceResult, style: TerminalStyle = PLAIN): string {
  const { chunk, before, after } = result;
  const crumb = chunk.breadcrumb.length > 0 ? `\n${style.dim(chunk.breadcrumb.join(' › '))}` : '';
  const lines = [`${style.bold(chunk.citation)}${chunk.url ? style.dim(`  ${chunk.url}`) : ''}${crumb}`, ''];
  if (before) lines.push(style.dim(`¶${before.paragraph}  ${before.text}`), '');
  lines.push(`¶${chunk.paragraph || 'credit'}  ${chunk.text}`);
  if (after) lines.push('', style.dim(`¶${after.paragraph}  ${after.text}`));
  return lines.join('\n');
}

export function formatIndexStats(kb: KnowledgeBase, from: 'cache' | 'build', ms: number, formats: readonly FormatTally[] = []): string {
  const lines = [
    `${from === 'cache' ? 'Loaded' : 'Indexed'} ${kb.documents.length} document${kb.documents.length === 1 ? '' : 's'}, ${kb.chunks.size} chunks from ${kb.dir} in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}${from === 'cache' ? ' (persisted index, files unchanged)' : ''}.`,
  ];
  // Time spent parsing each file, summed per format: what each format costs.
  for (const f of formats) {
    const perSecond = f.ms > 0 ? (f.files * 1000) / f.ms : 0;
    lines.push(`  ${f.kind}: ${f.files} file${f.files === 1 ? '' : 's'}, ${(f.bytes / 1024 / 1024).toFixed(1)} MB, parsed in ${(f.ms / 1000).toFixed(1)} s (${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)} files/s)`);
  }
  if (kb.skipped.length > 0) {
    lines.push(`Skipped ${kb.skipped.length} file${kb.skipped.length === 1 ? '' : 's'}:`);
    for (const s of kb.skipped) lines.push(`  ${s.path}: ${s.reason}`);
  } else {
    lines.push('Skipped 0 files.');
  }
  return lines.join('\n');
}

/** `check-knowledge`: each finding on a line, then the folder in one line. */
export function formatFindings(findings: readonly Finding[], documents: readonly KnowledgeDocument[]): string {
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.length - errors;
  const paragraphs = documents.reduce((n, d) => n + d.paragraphs, 0);
  return [
    ...findings.map((f) => `${f.level === 'error' ? 'error  ' : 'warning'}  ${f.path}: ${f.message}`),
    `${plural(documents.length, 'document')}, ${plural(paragraphs, 'paragraph')}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
  ].join('\n');
}
