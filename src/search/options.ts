import type { Options, SearchOptions } from 'minisearch';
import { processTerm, tokenize } from './text.ts';

/** What MiniSearch indexes for each chunk. The chunk's own record lives beside the index. */
export interface IndexedChunk {
  id: string;
  title: string;
  breadcrumb: string;
  text: string;
}

/**
 * Field boosts, chosen on the evaluation set (`npm run eval`): a title or heading that names the
 * question's subject is a strong hint, but in a one-document folder every chunk shares the
 * title, so it must not drown the paragraph's own words.
 */
export const FIELD_BOOSTS = { title: 1.5, breadcrumb: 1.5, text: 1 } as const;

/**
 * The query planner (see plan.ts) has already stemmed, corrected and expanded each word, so the
 * index is asked for exact terms only; MiniSearch's own fuzzy search would be slower and would
 * compare typos against stems rather than against words.
 */
export const PLANNED_SEARCH: SearchOptions = {
  boost: FIELD_BOOSTS,
  prefix: false,
  fuzzy: false,
  combineWith: 'OR',
  tokenize: (query: string) => query.split(' '),
  processTerm: (term: string) => term,
};

export const INDEX_OPTIONS: Options<IndexedChunk> = {
  idField: 'id',
  fields: ['title', 'breadcrumb', 'text'],
  storeFields: [],
  tokenize,
  processTerm,
  searchOptions: PLANNED_SEARCH,
};
