import type { Client } from 'discord.js';
import type { Logger } from '../log.ts';
import { restartNotice } from '../present/discord/index.ts';
import type { Router } from './router.ts';

/** How long stop() keeps answering before it closes the connection. */
export const DRAIN_MS = 2_000;
/** With nothing in flight, how long stop() waits for interactions already on their way. */
const QUIET_MS = 100;
/** How long telling the unanswered that the bot is restarting may take. */
const INTERRUPT_MS = 3_000;

/** The interaction handlers still running: what shutdown waits for. */
export class InFlight {
  readonly #handlers = new Set<Promise<void>>();

  track(handled: Promise<void>): void {
    this.#handlers.add(handled);
    void handled.finally(() => this.#handlers.delete(handled));
  }

  get size(): number {
    return this.#handlers.size;
  }

  settled(): Promise<unknown> {
    return Promise.allSettled([...this.#handlers]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });
}

/**
 * Shutdown without leaving anyone with "The application did not respond" or an endless
 * "thinking…": the gateway stays open and interactions keep being answered until nothing has
 * been in flight for QUIET_MS (so those already on their way are answered too), for at most
 * `drainMs`. Whatever is still unanswered then gets a private "restarting, ask again" notice.
 * Only then is the connection closed.
 */
export async function drainAndClose(parts: { client: Client; router: Router; inFlight: InFlight; log: Logger; drainMs?: number }): Promise<void> {
  const { client, router, inFlight, log } = parts;
  const drainMs = parts.drainMs ?? DRAIN_MS;
  const deadline = Date.now() + drainMs;
  log.info({ inFlight: inFlight.size, drainMs }, 'stopping: answering what is in flight');
  while (Date.now() < deadline) {
    const left = deadline - Date.now();
    if (inFlight.size > 0) {
      await Promise.race([inFlight.settled(), sleep(left)]);
      continue;
    }
    await sleep(Math.min(QUIET_MS, left));
    if (inFlight.size === 0) break;
  }
  if (router.active > 0) {
    const pending = router.active;
    const told = await Promise.race([router.interruptAll(restartNotice()), sleep(INTERRUPT_MS).then(() => null)]);
    log.warn({ pending, told }, `stopping with ${pending} interaction(s) unanswered; ${told === null ? 'could not tell them all in time' : `${told.length} told to ask again`}`);
  }
  await client.destroy();
  log.info('disconnected from Discord');
  log.flush();
}
