import type { Chunk } from '../knowledge/index.ts';

export interface Sentence {
  /** The sentence exactly as the material has it. */
  text: string;
  /** Offsets into the chunk's text. */
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Intl.Segmenter ends a sentence after any full stop followed by a space and a capital; these
// abbreviations almost never end one.
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|No|Nos|vs|etc|e\.g|i\.e|cf|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|fig|Fig|ed|eds|vol|pp)\.|\b(?:\p{Lu}\.){2,})$/u;

/** Enough of a sentence's end to hold any abbreviation with the word boundary before it. */
const ABBREVIATION_REACH = 40;

/**
 * Only the sentence's last characters are tested: testing the whole of a sentence that keeps
 * growing by joins made splitting quadratic in a paragraph's length (docs/benchmarks.md).
 */
function endsWithAbbreviation(text: string, span: { start: number; end: number }): boolean {
  let end = span.end;
  while (end > span.start && /\s/u.test(text[end - 1] ?? '')) end--;
  return ABBREVIATION.test(text.slice(Math.max(span.start, end - ABBREVIATION_REACH), end));
}

/**
 * A full stop with no space after it is part of a name (".Session.flush", "version.Major"), not
 * the end of a sentence; Intl.Segmenter ends one there when a capital follows.
 */
function stopInsideWord(text: string, span: { start: number; end: number }): boolean {
  return text[span.end - 1] === '.' && /[\p{L}\p{N}_]/u.test(text[span.end] ?? '');
}

function trimmed(text: string, start: number, end: number): Sentence | null {
  while (start < end && /\s/u.test(text[start] ?? '')) start++;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end--;
  return end > start ? { text: text.slice(start, end), start, end } : null;
}

/** Sentences of prose, keeping abbreviations ("U.S.", "e.g.") inside their sentence. */
export function splitSentences(text: string): Sentence[] {
  const spans: { start: number; end: number }[] = [];
  for (const seg of segmenter.segment(text)) {
    const start = seg.index;
    const end = seg.index + seg.segment.length;
    const previous = spans[spans.length - 1];
    const joinToPrevious =
      previous !== undefined && (endsWithAbbreviation(text, previous) || /^\s*\p{Ll}/u.test(seg.segment) || stopInsideWord(text, previous));
    if (previous && joinToPrevious) previous.end = end;
    else spans.push({ start, end });
  }
  return spans.map((s) => trimmed(text, s.start, s.end)).filter((s): s is Sentence => s !== null);
}

/**
 * The units an excerpt or summary can quote: sentences of prose, lines of a list (its lead-in is
 * one of them), and a code block or table whole, because half of one means nothing.
 */
export function quotableUnits(chunk: Chunk): Sentence[] {
  if (chunk.text.length < LONG_CHUNK_CHARS) return unitsOf(chunk);
  let units = longChunkUnits.get(chunk);
  if (!units) {
    units = unitsOf(chunk);
    longChunkUnits.set(chunk, units);
  }
  return units;
}

/**
 * Splitting grows with a chunk's length, and a flattened reference table can match many queries
 * (docs/benchmarks.md). Long chunks are few, so their sentences are kept with the chunk.
 */
const LONG_CHUNK_CHARS = 20_000;
const longChunkUnits = new WeakMap<Chunk, Sentence[]>();

function unitsOf(chunk: Chunk): Sentence[] {
  if (chunk.kind === 'code' || chunk.kind === 'table' || chunk.kind === 'credit') {
    const whole = trimmed(chunk.text, 0, chunk.text.length);
    return whole ? [whole] : [];
  }
  if (chunk.kind === 'list') {
    const out: Sentence[] = [];
    let offset = 0;
    for (const line of chunk.text.split('\n')) {
      const s = trimmed(chunk.text, offset, offset + line.length);
      if (s) out.push(s);
      offset += line.length + 1;
    }
    return out;
  }
  return splitSentences(chunk.text);
}
