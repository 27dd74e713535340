import { reloadKnowledgeBase, type KnowledgeBase, type ReloadReport } from '../search/index.ts';

export type KnowledgeSource = KnowledgeBase | Promise<KnowledgeBase> | (() => Promise<KnowledgeBase>);

export interface HolderOptions {
  /** Writes a reloaded index to disk, so the next start loads it instead of rebuilding; must not throw. */
  persist?: (kb: KnowledgeBase) => Promise<void>;
  /** Told of each knowledge base as it starts serving: the first one, and each reloaded one. */
  onServe?: (kb: KnowledgeBase) => void;
}

export type ReloadOutcome = { ok: true; report: ReloadReport; unchanged: boolean } | { ok: false; error: unknown };

/**
 * The knowledge base as the bot sees it: commands that arrive before it is ready defer their
 * reply and wait, instead of failing or missing Discord's 3-second deadline. A reload builds the
 * next knowledge base beside the current one and swaps it in with one assignment, so a query sees
 * either the old or the new index, never half of one; a reload that fails keeps the old one.
 */
export class KnowledgeHolder {
  #current: KnowledgeBase | null = null;
  #error: unknown = null;
  #ready: Promise<KnowledgeBase> | null = null;
  #reloading: Promise<ReloadOutcome> | null = null;
  #again = false;
  readonly #source: KnowledgeSource;
  readonly #options: HolderOptions;

  constructor(source: KnowledgeSource, options: HolderOptions = {}) {
    this.#source = source;
    this.#options = options;
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
        this.#options.onServe?.(kb);
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

  /**
   * Re-reads what changed in the knowledge folder and swaps in the result. Reloads never overlap:
   * asking while one runs gets that one's outcome, and one more runs after it, so a change made
   * mid-reload is not lost.
   */
  reload(): Promise<ReloadOutcome> {
    if (this.#reloading) {
      this.#again = true;
      return this.#reloading;
    }
    const run = async (): Promise<ReloadOutcome> => {
      try {
        const kb = await this.get();
        const { kb: next, report } = await reloadKnowledgeBase(kb);
        const unchanged = report.added.length + report.changed.length + report.removed.length === 0 && next.fingerprint === kb.fingerprint;
        this.#current = next;
        if (next !== kb) this.#options.onServe?.(next);
        if (!unchanged) await this.#options.persist?.(next);
        return { ok: true, report, unchanged };
      } catch (error) {
        return { ok: false, error };
      }
    };
    this.#reloading = run().finally(() => {
      this.#reloading = null;
      if (this.#again) {
        this.#again = false;
        void this.reload();
      }
    });
    return this.#reloading;
  }
}
