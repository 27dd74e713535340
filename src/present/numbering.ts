import type { Excerpt } from '../answer/index.ts';

/** Numbers each distinct cited chunk in order of first use: [1], [2], … (every presenter cites the same way). */
export function numbering(excerpts: readonly Pick<Excerpt, 'chunkId'>[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const e of excerpts) if (!numbers.has(e.chunkId)) numbers.set(e.chunkId, numbers.size + 1);
  return numbers;
}
