import type { KnowledgeBase, QueryPlan } from '../search/index.ts';
import { termOf, words } from '../search/index.ts';
import { ASK_DEFAULTS } from './options.ts';

/**
 * Topics the material covers, nearest to the question first: names sharing a word with it, then
 * the names the material mentions most. Offered when a question cannot be answered.
 */
export function suggestTopics(kb: KnowledgeBase, plan: QueryPlan, limit = ASK_DEFAULTS.topics): string[] {
  const wanted = new Set<string>();
  // Synonym bridges are too loose to say which topic is nearest; the question's own words are not.
  for (const w of plan.planned) if (w.match === 'exact' || w.match === 'fuzzy') for (const t of w.terms) wanted.add(t.term);
  const candidates = [
    ...kb.topics.map((t) => ({ name: t.name, mentions: t.mentions })),
    ...(kb.documents.length > 1 ? kb.documents.map((d) => ({ name: d.title, mentions: d.paragraphs })) : []),
  ];
  const overlap = (name: string) => words(name).filter((w) => {
    const term = termOf(w.text);
    return term !== null && wanted.has(term);
  }).length;
  const ranked = candidates
    .map((c, i) => ({ ...c, i, overlap: overlap(c.name) }))
    .sort((a, b) => b.overlap - a.overlap || b.mentions - a.mentions || a.i - b.i);
  const out: string[] = [];
  for (const c of ranked) {
    const lower = c.name.toLowerCase();
    // "World AI Conference" adds nothing after "World AI Conference & High-Level Meeting".
    if (out.some((o) => o.toLowerCase().includes(lower) || lower.includes(o.toLowerCase()))) continue;
    out.push(c.name);
    if (out.length >= limit) break;
  }
  return out;
}
