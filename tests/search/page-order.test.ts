import { describe, expect, it } from 'vitest';
import { better, keepBest, type RankedPage } from '../../src/search/page-order.ts';

describe('better', () => {
  it('ranks the higher score above, and on a tie the earlier page', () => {
    expect(better(2, 9, [1, 1])).toBe(true);
    expect(better(1, 0, [1, 2])).toBe(false);
    expect(better(1, 3, [4, 1])).toBe(true);
    expect(better(1, 4, [3, 1])).toBe(false);
    expect(better(1, 3, [3, 1])).toBe(false);
  });
});

describe('keepBest', () => {
  const fill = (entries: RankedPage[], kept: number): RankedPage[] => {
    const order: RankedPage[] = [];
    for (const [page, score] of entries) keepBest(order, page, score, kept);
    return order;
  };

  it('keeps the pages best first whatever order they come in', () => {
    expect(fill([[5, 1], [6, 3], [7, 2]], 10)).toEqual([[6, 3], [7, 2], [5, 1]]);
  });

  it('keeps only the best `kept`, the worst falling off', () => {
    expect(fill([[1, 1], [2, 5], [3, 3], [4, 4], [5, 2]], 3)).toEqual([[2, 5], [4, 4], [3, 3]]);
  });

  it('breaks ties by page, so the order does not depend on which page was touched first', () => {
    expect(fill([[8, 2], [3, 2], [5, 2]], 2)).toEqual([[3, 2], [5, 2]]);
  });

  it('turns away a page no better than the last kept one when full', () => {
    const order = fill([[1, 2], [2, 1]], 2);
    keepBest(order, 3, 1, 2);
    expect(order).toEqual([[1, 2], [2, 1]]);
  });
});
