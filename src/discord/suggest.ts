import { search } from '../answer/index.ts';
import { echoChoice, refFor, type Choice } from '../present/discord/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { DiscordLimits } from './limits.ts';

/**
 * Autocomplete suggestions from the index. Each function checks the deadline between its steps
 * (the engine's calls are synchronous and cannot be interrupted) and stops with what it has.
 */

const MAX = DiscordLimits.autocompleteChoices;

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
  if (typed.trim() !== '' && now() < deadline) {
    const hits = search(kb, typed, { prefix: true, limit: MAX }).hits;
    for (const hit of hits) {
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
  return docs.slice(0, MAX).map((d) => ({ name: `${d.title} (${d.id})`, value: refFor(d.id, DiscordLimits.choiceValue) }));
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
  if (choices.length < MAX && q !== '' && !q.includes('#') && now() < deadline) {
    for (const hit of search(kb, q, { prefix: true, limit: MAX }).hits) {
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
