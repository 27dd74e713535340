import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { quotableUnits, summarize, type Excerpt, type SummaryResult, type SummaryTuning } from '../answer/index.ts';
import type { KnowledgeBase } from '../search/index.ts';

/**
 * Main points of a summary set (tests/eval/summaries*.json), written by people who had not seen
 * the engine's output. A summary covers a point when one of its sentences contains, verbatim, one
 * of the point's evidence strings. Evidence is a bare string inside the entry's document, or
 * `{ page, text }` when a topic spans pages.
 */
const evidenceSchema = z.union([z.string().min(1), z.object({ page: z.string().min(1), text: z.string().min(1) })]);
const pointSchema = z.object({ point: z.string(), evidence: z.array(evidenceSchema).min(1) });

export const summaryEntrySchema = z
  .object({
    /** The document summarized, or that a topic is kept to; null or absent for a topic across the folder. */
    document: z.string().nullable().optional(),
    scope: z.enum(['document', 'topic']),
    topic: z.string().optional(),
    points: z.array(pointSchema).min(1),
  })
  .refine((e) => (e.scope === 'document' ? Boolean(e.document) : Boolean(e.topic)), {
    message: 'a document entry names its document, a topic entry its topic',
  });
export type SummaryEntry = z.infer<typeof summaryEntrySchema>;
export type SummaryPoint = z.infer<typeof pointSchema>;

export async function readSummaryEntries(file: string): Promise<SummaryEntry[]> {
  const parsed = z.array(summaryEntrySchema).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid summary set: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The budget the issue sets for a summary of the article ("at most six sentences"), used for
 * every entry so that figures compare.
 */
export const SUMMARY_EVAL_SENTENCES = 6;

/**
 * Entries tuning may look at: the article's, half of the ten pages, and the development pages.
 * The other pages and the large set's topics are held out, and reported apart.
 */
export const SUMMARY_TUNING_ENTRIES: readonly string[] = [
  'china-ai-governance',
  'china-ai-governance: US AI action plan',
  'china-ai-governance: international cooperation',
  'china-ai-governance: World AI Conference',
  'git/git-rerere',
  'postgresql/sql-vacuum',
  'debian-reference/ch08.en',
  'perl/5.36.0/pod/perlunitut',
  'sqlalchemy/orm/versioning',
  // tests/eval/summaries-dev.json: pages written while tuning, to check that a change carries over.
  'git/git-stash',
  'postgresql/sql-cluster',
  'python/library/tempfile',
  'topic: stashing uncommitted changes',
  'topic: clustering a table on an index',
  'topic: temporary files',
];

export type SummaryPart = 'tune' | 'held-out';

export interface SummaryOutcome {
  entry: SummaryEntry;
  /** `document`, `document: topic` or `topic: …` for a topic across the folder. */
  label: string;
  part: SummaryPart;
  result: SummaryResult;
  /** Per point, whether a sentence of the summary covers it. */
  covered: boolean[];
  /** Points that some quotable unit of the material covers at all. */
  reachable: number;
  /** The most points any choice of `budget` units could cover (units rarely cover two points). */
  ceiling: number;
  budget: number;
  /** Evidence strings found in no quotable unit: a slip in the set, not in the summary. */
  missingEvidence: string[];
}

export function entryLabel(entry: SummaryEntry): string {
  if (entry.scope === 'document') return entry.document ?? '';
  return entry.document ? `${entry.document}: ${entry.topic ?? ''}` : `topic: ${entry.topic ?? ''}`;
}

export const summaryPart = (entry: SummaryEntry): SummaryPart => (SUMMARY_TUNING_ENTRIES.includes(entryLabel(entry)) ? 'tune' : 'held-out');

/**
 * Evidence was copied from the source files, where markup the loader strips (`*emphasis*`,
 * `<id>` placeholders read as HTML) still stands: words are compared, not punctuation.
 */
const normalize = (text: string) =>
  text
    .replace(/<[^\s<>]*>/gu, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');

interface Unit {
  document: string;
  text: string;
}

function evidenceMatches(evidence: SummaryPoint['evidence'][number], entry: SummaryEntry, unit: Unit): boolean {
  const page = typeof evidence === 'string' ? entry.document : evidence.page;
  const text = typeof evidence === 'string' ? evidence : evidence.text;
  if (page && unit.document !== page) return false;
  return ` ${normalize(unit.text)} `.includes(` ${normalize(text)} `);
}

/** Bit i set when the unit covers point i. */
function pointMask(entry: SummaryEntry, unit: Unit): number {
  let mask = 0;
  entry.points.forEach((p, i) => {
    if (p.evidence.some((e) => evidenceMatches(e, entry, unit))) mask |= 1 << i;
  });
  return mask;
}

const popcount = (mask: number) => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/** Exact best coverage with `budget` units: sets of points are small, so every union is kept. */
function bestCoverage(masks: readonly number[], budget: number): number {
  let reached = new Set<number>([0]);
  for (let k = 0; k < budget; k++) {
    const next = new Set(reached);
    for (const r of reached) for (const m of masks) next.add(r | m);
    if (next.size === reached.size) break;
    reached = next;
  }
  return Math.max(...[...reached].map(popcount));
}

/** Every quotable unit of the documents the entry's evidence lives in. */
function materialUnits(kb: KnowledgeBase, entry: SummaryEntry): Unit[] {
  const documents = new Set<string>();
  if (entry.document) documents.add(entry.document);
  for (const p of entry.points) for (const e of p.evidence) if (typeof e !== 'string') documents.add(e.page);
  const units: Unit[] = [];
  for (const document of documents) {
    if (!kb.documentById.has(document)) continue;
    for (const chunk of kb.chunks.bodyOf(document)) for (const s of quotableUnits(chunk)) units.push({ document, text: s.text });
  }
  return units;
}

function documentOf(kb: KnowledgeBase, excerpt: Excerpt): string {
  return kb.chunks.get(excerpt.chunkId)?.document ?? '';
}

/**
 * A document as the set names it: its id, or its file's path without the extension
 * (`debian-reference/ch08.en` for the file `ch08.en.md`, whose id is `debian-reference/ch08-en`).
 */
export function resolveDocument(kb: KnowledgeBase, name: string): string {
  if (kb.documentById.has(name)) return name;
  return kb.documents.find((d) => d.path.replace(/\.[^./]+$/u, '') === name)?.id ?? name;
}

function resolveEntry(kb: KnowledgeBase, entry: SummaryEntry): SummaryEntry {
  return {
    ...entry,
    ...(entry.document ? { document: resolveDocument(kb, entry.document) } : {}),
    points: entry.points.map((p) => ({
      ...p,
      evidence: p.evidence.map((e) => (typeof e === 'string' ? e : { ...e, page: resolveDocument(kb, e.page) })),
    })),
  };
}

export function evaluateSummaries(kb: KnowledgeBase, entries: readonly SummaryEntry[], budget = SUMMARY_EVAL_SENTENCES, tuning: Partial<SummaryTuning> = {}): SummaryOutcome[] {
  return entries.map((named) => {
    const label = entryLabel(named);
    const entry = resolveEntry(kb, named);
    const result =
      entry.scope === 'document'
        ? summarize(kb, { document: entry.document ?? '', sentences: budget, tuning })
        : summarize(kb, { topic: entry.topic ?? '', ...(entry.document ? { document: entry.document } : {}), sentences: budget, tuning });
    const chosen: Unit[] = result.sentences.map((s) => ({ document: documentOf(kb, s), text: s.text }));
    const chosenMask = chosen.reduce((m, u) => m | pointMask(entry, u), 0);
    const units = materialUnits(kb, entry);
    const masks = units.map((u) => pointMask(entry, u)).filter((m) => m !== 0);
    const missingEvidence = entry.points.flatMap((p) =>
      p.evidence.filter((e) => !units.some((u) => evidenceMatches(e, entry, u))).map((e) => (typeof e === 'string' ? e : `${e.page}: ${e.text}`)),
    );
    return {
      entry,
      label,
      part: summaryPart(named),
      result,
      covered: entry.points.map((_, i) => (chosenMask & (1 << i)) !== 0),
      reachable: popcount(masks.reduce((m, x) => m | x, 0)),
      ceiling: bestCoverage(masks, budget),
      budget,
      missingEvidence,
    };
  });
}

export const coveredCount = (o: SummaryOutcome) => o.covered.filter(Boolean).length;

/** One line per entry, then totals per part; `misses` lists the points each summary of that part missed. */
export function formatSummaries(outcomes: readonly SummaryOutcome[], misses?: SummaryPart): string[] {
  const width = Math.max(...outcomes.map((o) => o.label.length), 10) + 2;
  const lines = [`${'entry'.padEnd(width)}${'part'.padEnd(10)}${'covered'.padStart(9)}${'best'.padStart(7)}${'sentences'.padStart(11)}`];
  for (const o of outcomes) {
    lines.push(`${o.label.padEnd(width)}${o.part.padEnd(10)}${`${coveredCount(o)}/${o.covered.length}`.padStart(9)}${String(o.ceiling).padStart(7)}${String(o.result.sentences.length).padStart(11)}`);
    if (misses === o.part) o.entry.points.forEach((p, i) => { if (!o.covered[i]) lines.push(`    missed: ${p.point}`); });
    for (const e of o.missingEvidence) lines.push(`    evidence not in the material: ${e}`);
  }
  lines.push('');
  for (const part of ['tune', 'held-out'] as const) {
    const list = outcomes.filter((o) => o.part === part);
    if (list.length === 0) continue;
    const covered = list.reduce((s, o) => s + coveredCount(o), 0);
    const total = list.reduce((s, o) => s + o.covered.length, 0);
    const best = list.reduce((s, o) => s + o.ceiling, 0);
    lines.push(`${part}: ${covered}/${total} points covered (${((covered / total) * 100).toFixed(1)} %; best possible in ${list[0]?.budget ?? 0} sentences: ${best})`);
  }
  lines.push(`"best" is the most points any ${outcomes[0]?.budget ?? 0} quotable sentences of the material could cover.`);
  return lines;
}
