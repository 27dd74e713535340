import { ask } from '../answer/index.ts';
import type { Chunk } from '../knowledge/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import type { PageParityQuestion, SectionParityQuestion } from './sets.ts';

/**
 * Parity: the same questions asked of the same material in two formats. What is compared is what
 * a person would be shown: the paragraph the answer cites (the best passage when it declines).
 */
export const PARITY_DEFAULTS = {
  /**
   * Two cited paragraphs are the same passage when this share of the shorter one's words is in
   * the other. Not all: the Markdown twin flattens code and drops "Changed in version" labels.
   * The shorter may be a part of the longer (the twin cuts a code block where it has a blank line).
   */
  samePassageShare: 0.8,
  /**
   * And this share of the shorter one's adjacent word pairs stands adjacent in the other: the
   * text itself recurs, not merely its vocabulary.
   */
  samePassagePairShare: 0.5,
};

export interface ParityOutcome {
  question: string;
  /** Per format: answered or declined, and the paragraph cited. */
  a: { answered: boolean; chunk: Chunk | null };
  b: { answered: boolean; chunk: Chunk | null };
  /** The page (or section) agrees, and for pages, the passage too. */
  samePlace: boolean;
  samePassage: boolean;
  /** Whether format a's and b's citations are where the question's writer expected. */
  rightA: boolean;
  rightB: boolean;
}

function cited(kb: KnowledgeBase, question: string): { answered: boolean; chunk: Chunk | null } {
  const result = ask(kb, question);
  const id = result.answer[0]?.chunkId;
  const chunk = (id !== undefined ? kb.chunks.get(id) : undefined) ?? result.passages[0]?.chunk ?? null;
  return { answered: result.answered, chunk };
}

export type PassageMeasure = Pick<typeof PARITY_DEFAULTS, 'samePassageShare' | 'samePassagePairShare'>;

const wordsIn = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

function pairsOf(words: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
  return pairs;
}

/** The share of the smaller set's members that the larger holds. */
function held(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let n = 0;
  for (const w of small) if (large.has(w)) n++;
  return n / small.size;
}

/**
 * Whether two formats' cited paragraphs are the same passage, judged by their text, never by
 * their numbers (the formats number paragraphs differently): most of the shorter one's words,
 * and most of its word pairs, are in the other.
 */
export function samePassage(x: string, y: string, measure: PassageMeasure = PARITY_DEFAULTS): boolean {
  const a = wordsIn(x);
  const b = wordsIn(y);
  if (held(new Set(a), new Set(b)) < measure.samePassageShare) return false;
  // A one-word passage has no pairs; its word alone decides.
  if (Math.min(a.length, b.length) < 2) return true;
  return held(pairsOf(a), pairsOf(b)) >= measure.samePassagePairShare;
}

/** The Python pages: HTML (a) and Markdown (b) should cite the same page and the same passage. */
export function pageParity(a: KnowledgeBase, b: KnowledgeBase, questions: readonly PageParityQuestion[]): ParityOutcome[] {
  return questions.map((q) => {
    const x = cited(a, q.question);
    const y = cited(b, q.question);
    const samePlace = x.chunk !== null && y.chunk !== null && x.chunk.document === y.chunk.document;
    return {
      question: q.question,
      a: x,
      b: y,
      samePlace,
      samePassage: samePlace && samePassage(x.chunk?.text ?? '', y.chunk?.text ?? ''),
      rightA: x.chunk !== null && q.expected.includes(x.chunk.document),
      rightB: y.chunk !== null && q.expected.includes(y.chunk.document),
    };
  });
}

const SECTION_NUMBER = /^((?:\d+|[A-Z])(?:\.\d+)*)\.?\s+(.*)$/u;
const normalName = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Where a paragraph stands in the manual: its deepest numbered heading's number, and the words of
 * its deepest heading. A chapter's own paragraphs have no section heading in the HTML, whose
 * page title is the chapter; the PDF has the chapter heading, unnumbered, in the breadcrumb.
 */
export function sectionOf(chunk: Chunk): { number: string | null; name: string } {
  const trail = chunk.breadcrumb.length > 0 ? chunk.breadcrumb : [chunk.title];
  let number: string | null = null;
  for (const heading of trail) {
    const m = SECTION_NUMBER.exec(heading.trim());
    if (m?.[1] && /\d/.test(m[1])) number = m[1];
  }
  const deepest = trail[trail.length - 1] ?? '';
  const m = SECTION_NUMBER.exec(deepest.trim());
  return { number, name: normalName(m?.[2] ?? deepest) };
}

function sameSection(x: Chunk, y: Chunk): boolean {
  const a = sectionOf(x);
  const b = sectionOf(y);
  if (a.number !== null && b.number !== null && a.number === b.number) return true;
  return a.name !== '' && a.name === b.name;
}

const within = (number: string | null, expected: string) => expected !== '' && number !== null && (number === expected || number.startsWith(`${expected}.`));

/** The Policy Manual: HTML (a) and PDF (b) should cite the same section. */
export function sectionParity(a: KnowledgeBase, b: KnowledgeBase, questions: readonly SectionParityQuestion[]): ParityOutcome[] {
  return questions.map((q) => {
    const x = cited(a, q.question);
    const y = cited(b, q.question);
    const same = x.chunk !== null && y.chunk !== null && sameSection(x.chunk, y.chunk);
    return {
      question: q.question,
      a: x,
      b: y,
      samePlace: same,
      samePassage: same,
      rightA: x.chunk !== null && (within(sectionOf(x.chunk).number, q.section) || (q.section === '' && x.chunk.document.endsWith(q.page))),
      rightB: y.chunk !== null && within(sectionOf(y.chunk).number, q.section),
    };
  });
}

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`);

/** A parity table, and the questions on which the formats part. */
export function formatParity(title: string, names: [string, string], outcomes: readonly ParityOutcome[], place: string, showMisses: boolean): string[] {
  const n = outcomes.length;
  const count = (f: (o: ParityOutcome) => boolean) => outcomes.filter(f).length;
  const lines = [
    `## ${title} (${n} questions)`,
    '',
    `| | |`,
    `|---|---|`,
    `| same ${place} cited | ${pct(count((o) => o.samePlace), n)} |`,
    ...(place === 'page' ? [`| same page and passage cited | ${pct(count((o) => o.samePassage), n)} |`] : []),
    `| both answered, or both declined | ${pct(count((o) => o.a.answered === o.b.answered), n)} |`,
    `| ${names[0]}: cites the expected ${place} | ${pct(count((o) => o.rightA), n)} |`,
    `| ${names[1]}: cites the expected ${place} | ${pct(count((o) => o.rightB), n)} |`,
  ];
  if (showMisses) {
    lines.push('', 'Where they part:');
    for (const o of outcomes) {
      if (o.samePassage) continue;
      lines.push(`- ${o.question}`, `  ${names[0]}: ${o.a.chunk ? `${o.a.chunk.id} [${o.a.chunk.breadcrumb.join(' › ')}]` : 'nothing'}`, `  ${names[1]}: ${o.b.chunk ? `${o.b.chunk.id} [${o.b.chunk.breadcrumb.join(' › ')}]` : 'nothing'}`);
    }
  }
  return lines;
}
