import type { AskResult, SearchResult, SourceResult, SummaryResult } from '../answer/index.ts';
import type { Chunk } from '../knowledge/index.ts';

/**
 * The machine contract of `--json`. Every `text` is the material's own words: no marking, no
 * ellipsis. A citation is the chunk id (`<document>#p<N>`), which `source` accepts.
 */
export interface JsonAnswer {
  query: string;
  answered: boolean;
  answer: { text: string; citation: string }[];
  results: JsonResult[];
  error?: string;
}

export interface JsonResult {
  id: string;
  document: string;
  title: string;
  paragraph: number;
  score: number;
  text: string;
  url: string | null;
  /** The page it was printed on, for a PDF; absent for other formats. */
  page?: number;
}

/** Results listed with an answer. */
export const JSON_RESULTS = 5;

const round = (n: number) => Math.round(n * 1000) / 1000;

export function resultJson(chunk: Chunk, score: number): JsonResult {
  const json: JsonResult = { id: chunk.id, document: chunk.document, title: chunk.title, paragraph: chunk.paragraph, score: round(score), text: chunk.text, url: chunk.url };
  if (chunk.page !== undefined) json.page = chunk.page;
  return json;
}

export function askJson(result: AskResult): JsonAnswer {
  return {
    query: result.query,
    answered: result.answered,
    answer: result.answer.map((e) => ({ text: e.text, citation: e.chunkId })),
    // A question the material does not answer gets no "least bad" paragraphs either.
    results: result.answered ? result.passages.slice(0, JSON_RESULTS).map((p) => resultJson(p.chunk, p.score)) : [],
  };
}

/** The object a batch line that could not be asked still gets. */
export function askErrorJson(query: string, error: string): JsonAnswer {
  return { query, answered: false, answer: [], results: [], error };
}

export function searchJson(result: SearchResult) {
  return {
    query: result.query,
    total: result.total,
    offset: result.offset,
    results: result.hits.map((h) => ({ ...resultJson(h.chunk, h.score), excerpt: h.excerpts.map((e) => e.text) })),
  };
}

export function summaryJson(result: SummaryResult) {
  return { sentences: result.sentences.map((s) => ({ text: s.text, citation: s.chunkId })) };
}

export function sourceJson(result: SourceResult) {
  const brief = (c: Chunk | null) => (c ? { id: c.id, paragraph: c.paragraph, text: c.text } : null);
  return { ...resultJson(result.chunk, 0), breadcrumb: result.chunk.breadcrumb, citation: result.chunk.citation, before: brief(result.before), after: brief(result.after) };
}
