import { search, type SearchResult } from '../answer/index.ts';
import { DiscordLimits } from '../present/discord/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { echoChoice, type Choice } from './choices.ts';
import { documentRef, refFor } from './refs.ts';

/**
 * Autocomplete suggestions from the index, time-boxed: the engine's calls are synchronous and
 * cannot be interrupted, so the work is cut into small steps (one page of a search: one query,
 * bounded by the engine's postings budget, and the best sentences of at most PAGE paragraphs) and
 * the deadline is checked before each. Past it, a function stops with what it has; with nothing,
 * it echoes what was typed. A step that starts in time overruns the deadline by at most itself.
 */

const MAX = DiscordLimits.autocompleteChoices;
/** Paragraphs per step. */
const PAGE = 5;

/**
 * The hits of a prefix search for `typed`, a page at a time while `now()` is before `deadline`,
 * up to `max` in all.
 */
function* hitsInTime(kb: KnowledgeBase, typed: string, max: number, deadline: number, now: () => number): Generator<SearchResult['hits'][number]> {
  for (let offset = 0; offset < max && now() < deadline; offset += PAGE) {
    const page = search(kb, typed, { prefix: true, offset, limit: Math.min(PAGE, max - offset) });
    yield* page.hits;
    if (offset + page.hits.length >= page.total) return;
  }
}

function normalized(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Topic names containing what was typed, names that start with it first. */
function matchingTopics(kb: KnowledgeBase, typed: string): string[] {
  const q = normalized(typed);
  const topics = kb.topics.map((t) => t.name);
  if (q === '') return topics;
  const starts = topics.filter((t) => normalized(t).startsWith(q));
  const contains = topics.filter((t) => !normalized(t).startsWith(q) && normalized(t).includes(q));
  return [...starts, ...contains];
}

/**
 * For /ask: topics matching the typed words, then the best sentence of each paragraph that
 * matches them (the last word read as unfinished). Typed text nobody picks is still answered.
 */
export function questionChoices(kb: KnowledgeBase, typed: string, deadline: number, now: () => number): Choice[] {
  const choices: Choice[] = matchingTopics(kb, typed)
    .slice(0, 10)
    .map((t) => ({ name: t, value: t }));
  if (typed.trim() !== '') {
    for (const hit of hitsInTime(kb, typed, MAX, deadline, now)) {
      const sentence = hit.excerpts[0]?.text ?? hit.chunk.text;
      choices.push({ name: sentence, value: sentence });
    }
  }
  return choices.length > 0 ? choices : echoChoice(typed);
}

/** For `document` options: titles and ids containing the typed text; the value is the id (or its short ref). */
export function documentChoices(kb: KnowledgeBase, typed: string): Choice[] {
  const q = normalized(typed);
  const docs = kb.documents.filter((d) => q === '' || normalized(d.title).includes(q) || d.id.includes(q));
  return docs.slice(0, MAX).map((d) => ({ name: `${d.title} (${d.id})`, value: documentRef(d.id, DiscordLimits.choiceValue) }));
}

/** For /summary's topic: the material's own topic names. */
export function topicChoices(kb: KnowledgeBase, typed: string): Choice[] {
  const topics = matchingTopics(kb, typed).slice(0, MAX);
  return topics.length > 0 ? topics.map((t) => ({ name: t, value: t })) : echoChoice(typed);
}

/** For /source: ids starting with what was typed, else paragraphs whose words match it. */
export function citationChoices(kb: KnowledgeBase, typed: string, deadline: number, now: () => number): Choice[] {
  const q = typed.trim();
  const label = (id: string) => {
    const chunk = kb.chunks.get(id);
    return chunk ? `${chunk.citation} — ${chunk.text}` : id;
  };
  const choices: Choice[] = idsStartingWith(kb, q.toLowerCase(), MAX).map((id) => ({ name: label(id), value: refFor(id, DiscordLimits.choiceValue) }));
  // Words, not an id being typed: also offer the paragraphs that contain them.
  if (q !== '' && !q.includes('#')) {
    for (const hit of hitsInTime(kb, q, MAX - choices.length, deadline, now)) {
      choices.push({ name: label(hit.chunk.id), value: refFor(hit.chunk.id, DiscordLimits.choiceValue) });
    }
  }
  return choices.length > 0 ? choices : echoChoice(typed);
}

/** Chunk ids that start with `prefix`, looking only inside the documents whose id can match. */
function idsStartingWith(kb: KnowledgeBase, prefix: string, max: number): string[] {
  const out: string[] = [];
  for (const doc of kb.documents) {
    if (!doc.id.startsWith(prefix) && !prefix.startsWith(`${doc.id}#`)) continue;
    const [start, end] = kb.chunks.rangeOf(doc.id);
    for (let i = start; i < end && out.length < max; i++) {
      const id = kb.chunks.idAt(i);
      if (id.startsWith(prefix)) out.push(id);
    }
    if (out.length >= max) break;
  }
  return out;
}
