import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AskResult, Excerpt, Passage } from '../../../src/answer/index.ts';
import type { Chunk } from '../../../src/knowledge/index.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../../../src/search/index.ts';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Three small documents: one with a source URL and headings, one with @everyone, a role mention, markdown tricks and a paragraph longer than any embed, one at a path too long for a custom id. */
export const FIXTURE_DIR = join(PROJECT, 'tests/fixtures/discord-knowledge');

let fixture: Promise<KnowledgeBase> | null = null;

/** The fixture folder, indexed once per test file, in memory only. */
export function fixtureKb(): Promise<KnowledgeBase> {
  fixture ??= openKnowledgeBase({ knowledgeDir: FIXTURE_DIR, cacheDir: null }).then((o) => o.kb);
  return fixture;
}

/** A chunk made up for presenter tests: any text, title, breadcrumb, id or URL. */
export function fakeChunk(overrides: Partial<Chunk> = {}): Chunk {
  const id = overrides.id ?? 'doc#p1';
  const title = overrides.title ?? 'A document';
  const paragraph = overrides.paragraph ?? 1;
  return {
    id,
    document: id.split('#')[0] ?? 'doc',
    title,
    paragraph,
    breadcrumb: [],
    kind: 'paragraph',
    text: 'Some text.',
    url: null,
    citation: `${title}, ¶${paragraph}`,
    ...overrides,
  };
}

/** An excerpt quoting `text` from `chunk`, with the given words marked. */
export function fakeExcerpt(chunk: Chunk, text: string, marked: readonly string[] = []): Excerpt {
  const marks: [number, number][] = [];
  for (const word of marked) {
    const at = text.indexOf(word);
    if (at >= 0) marks.push([at, at + word.length]);
  }
  return { text, chunkId: chunk.id, citation: chunk.citation, url: chunk.url, marks };
}

export function fakePassage(chunk: Chunk, excerpts: Excerpt[] = [fakeExcerpt(chunk, chunk.text)], score = 1): Passage {
  return { chunk, score, excerpts };
}

export function fakeAnswer(query: string, excerpts: Excerpt[], passages: Passage[]): AskResult {
  return { query, answered: true, refusal: null, reason: null, answer: excerpts, passages, suggestions: [] };
}
