import type { KnowledgeBase } from '../search/index.ts';

export type KnowledgeSource = KnowledgeBase | Promise<KnowledgeBase> | (() => Promise<KnowledgeBase>);

/**
 * The knowledge base as the bot sees it while it loads: commands that arrive before it is ready
 * defer their reply and wait, instead of failing or missing Discord's 3-second deadline.
 */
export class KnowledgeHolder {
  #current: KnowledgeBase | null = null;
  #error: unknown = null;
  #ready: Promise<KnowledgeBase> | null = null;
  readonly #source: KnowledgeSource;

  constructor(source: KnowledgeSource) {
    this.#source = source;
    if (!(source instanceof Promise) && typeof source !== 'function') this.#current = source;
  }

  /** Starts loading (once); later calls return the same promise. */
  load(): Promise<KnowledgeBase> {
    if (this.#ready) return this.#ready;
    const source = this.#source;
    const pending = source instanceof Promise ? source : typeof source === 'function' ? source() : Promise.resolve(source);
    this.#ready = pending.then(
      (kb) => {
        this.#current = kb;
        return kb;
      },
      (error: unknown) => {
        this.#error = error;
        throw error;
      },
    );
    // Failures are reported through `get()` and the start-up log; not as unhandled rejections.
    this.#ready.catch(() => undefined);
    return this.#ready;
  }

  /** The knowledge base if it is ready now; null while it loads (or after it failed). */
  get current(): KnowledgeBase | null {
    return this.#current;
  }

  get failed(): unknown {
    return this.#error;
  }

  /** Waits for the knowledge base; throws what loading threw. */
  get(): Promise<KnowledgeBase> {
    return this.#current ? Promise.resolve(this.#current) : this.load();
  }
}
