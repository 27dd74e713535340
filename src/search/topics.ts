import { words, type Word } from './text.ts';
import { STOP_WORDS } from './stop-words.ts';

/** Paragraphs read to find topics. */
const MAX_TEXTS = 5000;

export interface Topic {
  /** A name as the material writes it, e.g. "Global AI Governance Initiative". */
  name: string;
  /** Number of chunks that mention it. */
  mentions: number;
}

const CONNECTORS = new Set(['of', 'for', 'and']);
const isNamePart = (w: string) => /^(?:\p{Lu}|\p{N}+\p{Lu})/u.test(w);

/**
 * Proper names of two or more words ("World AI Conference", "United Arab Emirates"): the things a
 * body of material is about, offered as suggestions when a question falls outside it.
 */
export function extractTopics(count: number, textAt: (i: number) => string, limit = 50): Topic[] {
  const counts = new Map<string, number>();
  // The names a folder mentions most show up in any fair sample of it; reading every paragraph
  // of a large folder would cost seconds for the same list.
  const step = Math.max(1, count / MAX_TEXTS);
  for (let at = 0; at < count; at += step) {
    const text = textAt(Math.floor(at));
    const seen = new Set<string>();
    let run: Word[] = [];
    let lastEnd = -1;
    const flush = () => {
      const lower = (w: Word | undefined) => w?.text.toLowerCase() ?? '';
      while (run.length > 0 && (CONNECTORS.has(lower(run[run.length - 1])) || STOP_WORDS.has(lower(run[run.length - 1])))) run.pop();
      while (run.length > 0 && STOP_WORDS.has(lower(run[0])) && !/^\p{Lu}{2,}$/u.test(run[0]?.text ?? '')) run.shift();
      const first = run[0];
      const last = run[run.length - 1];
      if (run.length >= 2 && first && last) seen.add(text.slice(first.start, last.end).replace(/['’]s$/u, ''));
      run = [];
    };
    for (const w of words(text)) {
      // Punctuation other than a hyphen or ampersand between two capitalised words ends the name.
      const gap = lastEnd >= 0 ? text.slice(lastEnd, w.start) : ' ';
      if (run.length > 0 && /[^\s\-&]/.test(gap)) flush();
      if (isNamePart(w.text) || (run.length > 0 && CONNECTORS.has(w.text.toLowerCase()))) run.push(w);
      else flush();
      lastEnd = w.end;
    }
    flush();
    for (const name of seen) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, mentions]) => ({ name, mentions }))
    .sort((a, b) => b.mentions - a.mentions || b.name.split(' ').length - a.name.split(' ').length || a.name.localeCompare(b.name))
    .slice(0, limit);
}
