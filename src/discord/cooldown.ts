/**
 * Per-person cooldown: after using a command, the same person waits `seconds` before the next.
 * A refused attempt does not restart the wait. Memory stays bounded: entries whose wait is over
 * are forgotten as new ones arrive.
 */
export class Cooldowns {
  readonly #until = new Map<string, number>();
  readonly #ms: number;
  readonly #now: () => number;

  constructor(seconds: number, now: () => number = Date.now) {
    this.#ms = Math.max(0, seconds * 1000);
    this.#now = now;
  }

  /** Takes the person's turn: `{ ok: true }`, or how many whole seconds they still have to wait. */
  take(userId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (this.#ms === 0) return { ok: true };
    const now = this.#now();
    const until = this.#until.get(userId);
    if (until !== undefined && until > now) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
    if (this.#until.size >= 1000) this.#sweep(now);
    this.#until.set(userId, now + this.#ms);
    return { ok: true };
  }

  get size(): number {
    return this.#until.size;
  }

  #sweep(now: number): void {
    for (const [id, until] of this.#until) if (until <= now) this.#until.delete(id);
  }
}
