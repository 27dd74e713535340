import { describe, expect, it } from 'vitest';
import { StateStore } from '../../src/discord/state-store.ts';

describe('StateStore', () => {
  it('keeps values under short keys until they expire', () => {
    let now = 0;
    const store = new StateStore<string>({ ttlMs: 1_000, now: () => now });
    const key = store.put('a long query');
    expect(key.length).toBeLessThanOrEqual(10);
    expect(store.get(key)).toBe('a long query');
    now = 1_000;
    expect(store.get(key)).toBeUndefined();
  });

  it('holds at most `max` entries, dropping the oldest', () => {
    const store = new StateStore<number>({ max: 3 });
    const keys = [1, 2, 3, 4, 5].map((n) => store.put(n));
    expect(store.size).toBe(3);
    expect(store.get(keys[0] ?? '')).toBeUndefined();
    expect(store.get(keys[4] ?? '')).toBe(5);
  });
});
