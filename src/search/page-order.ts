/** A page and its rank score, as pages are ordered for a query. */
export type RankedPage = [page: number, score: number];

/** Whether `score` on `page` ranks above `than`: the higher score, and on a tie the earlier page. */
export const better = (score: number, page: number, than: readonly [number, number]) => score > than[1] || (score === than[1] && page < than[0]);

/**
 * Puts `page` into `order` (best first, at most `kept` long) where its score ranks it, the worst
 * falling off when the order is full: only the best few of many touched pages are ever kept, so
 * inserting beats sorting them all.
 */
export function keepBest(order: RankedPage[], page: number, score: number, kept: number): void {
  if (order.length === kept && !better(score, page, order[order.length - 1]!)) return;
  let at = order.length === kept ? order.length - 1 : order.length;
  while (at > 0 && better(score, page, order[at - 1]!)) {
    order[at] = order[at - 1]!;
    at--;
  }
  order[at] = [page, score];
}
