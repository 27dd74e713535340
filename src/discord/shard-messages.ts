/**
 * What shards and their manager tell each other over the IPC channel discord.js's ShardingManager
 * already holds open, beside its own messages (which are objects with `_eval`, `_sFetchProp` and
 * the like, never a `footnote` key).
 */

/** `/reload` ran on `shard`; the others reload too, so every guild sees the same material. */
export interface ReloadNotice {
  footnote: 'reload';
  shard: number;
}

export function reloadNotice(shard: number): ReloadNotice {
  return { footnote: 'reload', shard };
}

export function isReloadNotice(message: unknown): message is ReloadNotice {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m['footnote'] === 'reload' && Number.isInteger(m['shard']);
}
