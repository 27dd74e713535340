import { randomBytes } from 'node:crypto';
import { DiscordLimits } from '../present/discord/index.ts';

/**
 * What a button cannot carry in its 100-character custom id (a long search query), kept in
 * memory under a short key. Entries live as long as the interaction token the reply was made
 * with (15 minutes), and the store holds a bounded number, oldest dropped first; a button whose
 * entry is gone says so and asks the person to run the command again.
 */
export class StateStore<T> {
  readonly #entries = new Map<string, { value: T; expires: number }>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: { ttlMs?: number; max?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? DiscordLimits.interactionTokenMs;
    this.#max = options.max ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  put(value: T): string {
    const key = randomBytes(6).toString('base64url');
    const now = this.#now();
    for (const [k, e] of this.#entries) {
      // Map order is insertion order: stop at the first entry that is still fresh and within bounds.
      if (e.expires > now && this.#entries.size < this.#max) break;
      this.#entries.delete(k);
    }
    this.#entries.set(key, { value, expires: now + this.#ttlMs });
    return key;
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
