import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/answer/index.ts';
import type { KnowledgeDocument } from '../../src/knowledge/index.ts';
import { formatFindings, formatSearch } from '../../src/present/terminal.ts';

const document = (id: string, paragraphs: number): KnowledgeDocument => ({
  id, path: `${id}.md`, title: id, url: null, author: null, publisher: null, date: null, credit: null, paragraphs,
});

describe('formatSearch', () => {
  it('says an offset past the last match is past it, rather than showing an empty range', () => {
    const result: SearchResult = { query: 'export controls', total: 2, offset: 3, limit: 3, hits: [] };
    expect(formatSearch(result)).toBe('2 paragraphs match "export controls"; none from 4 on (--offset 3 is past the last).');
  });

  it('says no paragraph matches when none does', () => {
    expect(formatSearch({ query: 'zebra', total: 0, offset: 0, limit: 5, hits: [] })).toBe('No paragraph matches "zebra".');
  });
});

describe('formatFindings', () => {
  it('counts documents and paragraphs in the singular when there is one', () => {
    expect(formatFindings([], [document('guide', 1)])).toBe('1 document, 1 paragraph; 0 errors, 0 warnings.');
    expect(formatFindings([], [document('guide', 3), document('faq', 2)])).toBe('2 documents, 5 paragraphs; 0 errors, 0 warnings.');
  });
});
