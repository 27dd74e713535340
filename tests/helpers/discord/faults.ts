// Shared by the fault tests: what "answered" means, and a bot whose
// knowledge base is held back so that /ask takes the deferred path (defer, then edit).
import type { KnowledgeBase } from '../../../src/search/index.ts';
import type { InteractionRecord, MessageState } from '../../support/discord-standin/server.ts';
import { fixtureKb } from './fixtures.ts';
import { startHarness, type Harness, type HarnessOptions } from './harness.ts';

/** MessageFlags.Loading: the "<bot> is thinking…" placeholder of a deferred reply. */
export const LOADING = 128;

/** Callbacks Discord accepted for this interaction (a refused one is in `errors`, not here). */
export function acceptedCallbacks(record: InteractionRecord): number {
  return record.history.filter((e) => e.kind === 'callback' && e.status < 300).length;
}

/** Callback attempts the bot made, whatever the answer (from the stand-in's request log). */
export function callbackAttempts(h: Harness, record: InteractionRecord): number[] {
  return h.s.requests.filter((r) => r.path.startsWith(`/interactions/${record.id}/`)).map((r) => r.status);
}

/** Statuses of the requests made with this interaction's token to `suffix` ('@original', '' for follow-ups). */
export function webhookStatuses(h: Harness, record: InteractionRecord, method: string, suffix: string): number[] {
  const path = `/webhooks/${h.s.applicationId}/${record.token}${suffix}`;
  return h.s.requests.filter((r) => r.method === method && r.path === path).map((r) => r.status);
}

/** What the person sees: a message that is not the "thinking…" placeholder and shows something. */
export function isVisible(message: MessageState | null | undefined): boolean {
  if (message === null || message === undefined || message.deleted) return false;
  if ((message.flags & LOADING) !== 0) return false;
  return message.content.trim() !== '' || message.embeds.length > 0;
}

/** True once the interaction has a response a person can read (a deferral alone is not one). */
export function answered(record: InteractionRecord): boolean {
  return isVisible(record.original) || record.followups.some(isVisible);
}

/** The log lines about one interaction. */
export function logLinesFor(h: Harness, interactionId: string): Record<string, unknown>[] {
  return h.log.lines().filter((l) => l['interaction'] === interactionId);
}

/** A harness whose knowledge base is ready only when `release()` is called. */
export async function startGatedHarness(options: HarnessOptions = {}): Promise<{ h: Harness; release: () => void; kb: Promise<KnowledgeBase> }> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const kb = fixtureKb();
  const h = await startHarness({ ...options, knowledge: gate.then(() => kb) });
  return { h, release, kb };
}

/** A new question for /ask that the fixture material answers. */
export const ANSWERABLE = 'When does the on-call rota change?';
