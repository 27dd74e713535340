/**
 * Acronyms of the material's own names, learned from its text: "waic" for the "World AI
 * Conference" it spells out. People shorten a long name, often in lower case, and the material
 * may never write the short form, so without this the acronym finds nothing at all.
 */
import type { KnowledgeBase } from './knowledge-base.ts';
import { indexedFields } from './knowledge-base.ts';
import type { QueryPlan } from './plan.ts';
import { termOf, words } from './text.ts';
import { idf } from './vocabulary.ts';

export interface AcronymOptions {
  /** Fewest letters an acronym has: two-letter words ("us", "it") are words far more often than names. */
  minLetters: number;
  /** Most words of a name an acronym stands for. */
  maxNameWords: number;
  /**
   * Most chunks the material may have for its names to be read at the first question: reading a
   * team-scale corpus takes seconds, and documentation at that scale writes its acronyms as such.
   */
  maxChunks: number;
}

export const ACRONYM_DEFAULTS: Readonly<AcronymOptions> = { minLetters: 3, maxNameWords: 6, maxChunks: 5000 };

/** What an acronym stands for: the index terms of the name's words, in order. */
export type AcronymTable = ReadonlyMap<string, readonly string[]>;

const tables = new WeakMap<KnowledgeBase, AcronymTable>();

/**
 * The runs of capitalised words in a text: a name's words, the small words inside it skipped
 * ("Association of Southeast Asian Nations"), broken by any other lower-case word.
 */
function capitalisedRuns(text: string): string[][] {
  const runs: string[][] = [[]];
  for (const w of words(text)) {
    if (/^\p{Lu}/u.test(w.text)) {
      if (termOf(w.text) !== null) runs.at(-1)!.push(w.text);
    } else if (termOf(w.text) !== null) runs.push([]);
  }
  return runs.filter((r) => r.length > 1);
}

/** The letters a name's words can give: each word's initial, or all of a word in capitals ("AI"). */
function initialisms(name: readonly string[]): string[] {
  let out = [''];
  for (const w of name) {
    const ways = /^\p{Lu}+$/u.test(w) && w.length > 1 ? [w[0]!, w] : [w[0]!];
    out = out.flatMap((o) => ways.map((x) => o + x.toLowerCase()));
  }
  return out;
}

/** Every acronym the material's names make, with the name it makes most often. */
export function acronymTable(kb: KnowledgeBase, options: AcronymOptions = ACRONYM_DEFAULTS): AcronymTable {
  const cached = tables.get(kb);
  if (cached) return cached;
  const counts = new Map<string, Map<string, number>>();
  for (const chunk of kb.chunks.size <= options.maxChunks ? kb.chunks : []) {
    for (const text of indexedFields(chunk)) {
      for (const run of capitalisedRuns(text)) {
        // The whole run is the name: its parts ("General Public", "Perl Language") would make acronyms of words that name nothing.
        if (run.length > options.maxNameWords) continue;
        const key = run.map((w) => termOf(w)).join(' ');
        for (const letters of initialisms(run)) {
          if (letters.length < options.minLetters) continue;
          const names = counts.get(letters) ?? new Map<string, number>();
          names.set(key, (names.get(key) ?? 0) + 1);
          counts.set(letters, names);
        }
      }
    }
  }
  const table = new Map<string, string[]>();
  for (const [letters, names] of counts) {
    const [best] = [...names].sort((a, b) => b[1] - a[1]);
    table.set(letters, best![0].split(' '));
  }
  tables.set(kb, table);
  return table;
}

/**
 * The plan with each word the material has in no form that is an acronym of one of its names
 * ("waic") searched as that name's words: it is the name itself, written short.
 */
export function spellAcronyms(plan: QueryPlan, kb: KnowledgeBase, options: AcronymOptions = ACRONYM_DEFAULTS): QueryPlan {
  const unknown = plan.planned.filter((w) => w.match === 'none' && !w.asking && /^\p{L}+$/u.test(w.word));
  if (unknown.length === 0) return plan;
  const table = acronymTable(kb, options);
  let changed = false;
  const planned = plan.planned.map((w) => {
    const name = unknown.includes(w) ? table.get(w.word.toLowerCase()) : undefined;
    if (!name) return w;
    changed = true;
    return { ...w, match: 'exact' as const, terms: name.map((term) => ({ term, weight: 1 })), weight: Math.max(...name.map((t) => idf(kb.vocabulary, t))) };
  });
  if (!changed) return plan;
  const terms = new Map(plan.terms);
  for (const w of planned) if (!plan.planned.includes(w)) for (const t of w.terms) terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight));
  return { ...plan, planned, terms };
}
