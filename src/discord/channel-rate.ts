/**
 * How often Footnote answers on its own in one channel: at most `perWindow` answers per window.
 * A busy help channel gets answers, a flood does not get a flood back.
 */
export class ChannelRate {
  readonly #windows = new Map<string, { start: number; used: number }>();
  readonly #perWindow: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: { perWindow: number; windowMs: number; now?: () => number }) {
    this.#perWindow = options.perWindow;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Takes one answer from the channel's allowance; false when it is used up for now. */
  take(channelId: string): boolean {
    const now = this.#now();
    if (this.#windows.size >= 1_000) for (const [id, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(id);
    const window = this.#windows.get(channelId);
    if (window === undefined || now - window.start >= this.#windowMs) {
      this.#windows.set(channelId, { start: now, used: 1 });
      return true;
    }
    if (window.used >= this.#perWindow) return false;
    window.used += 1;
    return true;
  }
}
