import type { AutocompleteInteraction } from 'discord.js';
import type { Logger } from '../log.ts';
import { DiscordLimits } from '../present/discord/index.ts';
import { toChoices, type Choice } from './choices.ts';
import { ALREADY_ACKNOWLEDGED, apiCode, failureName, GaveUpError, InterruptedError, isAmbiguousFailure, NOT_THERE } from './failures.ts';
import { finalizeMessage, type WireMessage } from './finalize.ts';
import { sendChoices, type InteractionTransport } from './interaction-transport.ts';
import { logFields } from './logger.ts';
import type { ReplyBody } from './reply-body.ts';
import { awaitsAnswer, INITIAL_STATE, LOST_STATE, transition, type FirstCall, type Operation, type ResponseState, type Step } from './response-state.ts';

export { GaveUpError, InterruptedError, isAmbiguousFailure } from './failures.ts';

export interface SendOptions {
  /** Ephemeral: only the asker sees it. */
  private: boolean;
  /** The one user this reply may ping (public replies only). */
  mention?: string | null;
}

/** Pauses before the 2nd and 3rd attempt of an edit or a delete (idempotent: safe to repeat). */
export const EDIT_RETRY_DELAYS_MS: readonly number[] = [250, 1_000];

export interface ResponderOptions {
  /** Where retries, recoveries and give-ups are logged (with the interaction id, never its token). */
  log?: Logger;
  /** Override EDIT_RETRY_DELAYS_MS (tests). */
  retryDelaysMs?: readonly number[];
  /** The clock that says whether Discord's 3 s for a first response are over (tests move it). */
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way Footnote answers an interaction. Every message goes through `finalizeMessage`
 * (allowed mentions, `@everyone` neutralised, every limit applied); which request it becomes is
 * decided by the transition table in response-state.ts, from where the response stands. That is
 * what lets an error reach the person whatever state the interaction was left in.
 *
 * When Discord fails (discord.js is configured not to retry, see client.ts), the responder decides:
 * - the first response (callback) is answered at most once by Discord, and a 5xx or timeout does
 *   not say whether it was. The responder looks (GET @original, for commands) and carries on if
 *   it was applied; otherwise it sends the same response once more, and reads a 40060 refusal as
 *   "the first attempt was applied". If that fails too, it gives up (GaveUpError) and sends
 *   nothing more, so the person never gets two answers;
 * - edits and deletes are idempotent and are repeated (EDIT_RETRY_DELAYS_MS);
 * - follow-ups create a message each time, so one whose outcome is unknown is not repeated.
 */
export class Responder {
  #state: ResponseState = INITIAL_STATE;
  readonly #transport: InteractionTransport;
  readonly #log: Logger | undefined;
  readonly #retryDelays: readonly number[];
  readonly #now: () => number;
  readonly #receivedAt: number;
  /** The request in progress, so shutdown can wait for it before it answers in the handler's place. */
  #pending: Promise<unknown> | null = null;
  #interrupted = false;

  constructor(transport: InteractionTransport, options: ResponderOptions = {}) {
    this.#transport = transport;
    this.#log = options.log;
    this.#retryDelays = options.retryDelaysMs ?? EDIT_RETRY_DELAYS_MS;
    this.#now = options.now ?? Date.now;
    this.#receivedAt = this.#now();
  }

  get state(): ResponseState['kind'] {
    return this.#state.kind;
  }

  /** "Footnote is thinking…": buys up to 15 minutes for work that may not finish in 3 seconds. */
  defer(options: { private: boolean }): Promise<void> {
    return this.#run({ op: 'defer', private: options.private }, null);
  }

  /** Acknowledges a button click without a new message (the click's message will be edited or deleted). */
  deferUpdate(): Promise<void> {
    if (!this.#transport.isButton) return Promise.reject(new Error('deferUpdate() is only for buttons'));
    return this.#run({ op: 'deferUpdate' }, null);
  }

  /** The answer: the first response, or the edit of the deferred one, or else a follow-up. */
  send(body: ReplyBody, options: SendOptions): Promise<void> {
    return this.#run({ op: 'send', private: options.private }, finalizeMessage(body, { mentionUserId: options.private ? null : (options.mention ?? null) }));
  }

  /** A new message after the response (e.g. a private reply posted to the channel). */
  followUp(body: ReplyBody, options: SendOptions): Promise<void> {
    return this.#run({ op: 'followUp', private: options.private }, finalizeMessage(body, { mentionUserId: options.private ? null : (options.mention ?? null) }));
  }

  /** Replaces the message a button is on (turning a search page, marking a reply as sent). */
  update(body: ReplyBody): Promise<void> {
    if (!this.#transport.isButton) return Promise.reject(new Error('update() is only for buttons'));
    // Mentions in an edit never ping, and nothing here should: allow none.
    return this.#run({ op: 'update' }, finalizeMessage(body));
  }

  /**
   * A private message about the bot itself (an error, a cooldown, a refusal to page someone
   * else's search), whatever happened before: a public "thinking…" placeholder is removed first
   * so the notice does not stay visible to everyone.
   */
  notice(body: ReplyBody): Promise<void> {
    return this.#run({ op: 'notice' }, finalizeMessage(body));
  }

  /** Deletes the response (for a button: the message the button is on). */
  deleteOriginal(): Promise<void> {
    return this.#guarded(() => this.#deleteOriginal());
  }

  /**
   * Shutdown: waits for the request in progress, then, if the person has no answer yet (nothing,
   * or only "thinking…"), tells them privately with `body`. Whatever the handler sends afterwards
   * is dropped (InterruptedError). Resolves true when a notice was sent.
   */
  async interrupt(body: ReplyBody): Promise<boolean> {
    this.#interrupted = true;
    while (this.#pending !== null) await this.#pending.catch(() => undefined);
    if (!awaitsAnswer(this.#state)) return false;
    // Past Discord's deadline a first response would be refused; nothing can reach the person.
    if (this.#state.kind === 'fresh' && this.#firstResponseTimeIsOver()) return false;
    await this.#perform({ op: 'notice' }, finalizeMessage(body));
    return true;
  }

  #run(operation: Operation, wire: WireMessage | null): Promise<void> {
    return this.#guarded(() => this.#perform(operation, wire));
  }

  /** Runs one operation of the handler, unless shutdown has taken over the interaction. */
  async #guarded(operation: () => Promise<void>): Promise<void> {
    if (this.#interrupted) throw new InterruptedError('the bot is shutting down; this interaction was already answered with a notice');
    const pending = operation();
    this.#pending = pending;
    try {
      await pending;
    } finally {
      if (this.#pending === pending) this.#pending = null;
    }
  }

  /** Looks the operation up in the table, carries out its step, and moves to the next state once it succeeded. */
  async #perform(operation: Operation, wire: WireMessage | null): Promise<void> {
    const { step, next } = transition(this.#state, operation);
    await this.#carryOut(step, wire);
    this.#state = next;
  }

  async #carryOut(step: Step, wire: WireMessage | null): Promise<void> {
    const body = wire ?? finalizeMessage({ embeds: [] });
    switch (step.do) {
      case 'first':
        return this.#first(step.call, step.call === 'deferReply' || step.call === 'deferUpdate' ? null : body, step.ephemeral);
      case 'edit':
        return this.#idempotent('edit the reply', () => this.#transport.editOriginal(body));
      case 'followUp':
        return this.#followUpOnce(body, step.ephemeral);
      case 'replacePlaceholder':
        await this.#deleteOriginal().catch(() => undefined);
        return this.#followUpOnce(body, true);
      case 'nothing':
        return;
      case 'refuse':
        if (step.reason === 'lost') throw new GaveUpError('send', null, 'the first response was lost; nothing more is sent for this interaction');
        throw new Error(step.reason);
    }
  }

  async #deleteOriginal(): Promise<void> {
    let attempt = 0;
    await this.#idempotent('delete the reply', async () => {
      attempt += 1;
      try {
        await this.#transport.deleteOriginal();
      } catch (error) {
        // A repeated delete that finds nothing: the earlier attempt did it.
        if (attempt > 1 && NOT_THERE.has(apiCode(error) ?? 0)) return;
        throw error;
      }
    });
  }

  #firstResponseTimeIsOver(): boolean {
    return this.#now() - this.#receivedAt > DiscordLimits.firstResponseMs;
  }

  /**
   * The first response (a callback), which Discord accepts at most once. See the class comment for
   * what happens when the outcome of an attempt is unknown.
   */
  async #first(call: FirstCall, body: WireMessage | null, ephemeral: boolean): Promise<void> {
    const send = () => this.#transport.first(call, body, ephemeral);
    try {
      await send();
      return;
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      this.#warn({ step: call, err: error }, `${call} failed (${failureName(error)}); Discord may or may not have applied it`);
    }
    if (this.#transport.canLookUpResponse && (await this.#lookUpResponse()) === 'applied') {
      this.#info({ step: call }, `${call}: Discord had applied it; carrying on without sending it again`);
      return;
    }
    if (this.#firstResponseTimeIsOver()) {
      this.#state = LOST_STATE;
      throw new GaveUpError(call, null, `${call}: no first response is known to have reached Discord, and its ${DiscordLimits.firstResponseMs / 1000} s are over`);
    }
    try {
      await send();
      this.#info({ step: call }, `${call}: sent on the second attempt`);
    } catch (error) {
      if (apiCode(error) === ALREADY_ACKNOWLEDGED) {
        this.#info({ step: call }, `${call}: the second attempt was refused as already acknowledged, so the first had been applied`);
        return;
      }
      this.#state = LOST_STATE;
      throw new GaveUpError(call, error, `${call} failed twice (last: ${failureName(error)}); not sending anything more for this interaction`);
    }
  }

  /** Whether the interaction's response exists on Discord's side, by fetching it. */
  async #lookUpResponse(): Promise<'applied' | 'absent' | 'unknown'> {
    try {
      await this.#transport.fetchOriginal();
      return 'applied';
    } catch (error) {
      if (NOT_THERE.has(apiCode(error) ?? 0)) return 'absent';
      this.#warn({ err: error }, `could not tell whether the first response was applied (${failureName(error)})`);
      return 'unknown';
    }
  }

  /** Edits and deletes: the same request twice has the same effect, so a failure is repeated. */
  async #idempotent(step: string, operation: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await operation();
        if (attempt > 0) this.#info({ step, attempts: attempt + 1 }, `${step}: done on attempt ${attempt + 1}`);
        return;
      } catch (error) {
        const delay = this.#retryDelays[attempt];
        if (!isAmbiguousFailure(error) || delay === undefined) throw error;
        this.#warn({ step, err: error, attempt: attempt + 1 }, `${step} failed (${failureName(error)}); trying again in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /** A follow-up is a new message each time: one whose outcome is unknown is not sent again. */
  async #followUpOnce(body: WireMessage, ephemeral: boolean): Promise<void> {
    try {
      await this.#transport.followUp(body, ephemeral);
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      throw new GaveUpError('followUp', error, `followUp failed (${failureName(error)}); not sent again, as it may have been posted`);
    }
  }

  #warn(fields: Record<string, unknown>, message: string): void {
    this.#log?.warn(logFields(this.#transport.id, fields), message);
  }

  #info(fields: Record<string, unknown>, message: string): void {
    this.#log?.info(logFields(this.#transport.id, fields), message);
  }
}

/**
 * Autocomplete's only response: choices within Discord's limits (25, 100 characters each). Like
 * any first response it is sent at most twice, a 40060 on the second meaning the first arrived.
 */
export async function respondChoices(interaction: AutocompleteInteraction, choices: Iterable<Choice>, log?: Logger): Promise<void> {
  const list = toChoices(choices);
  try {
    await sendChoices(interaction, list);
    return;
  } catch (error) {
    if (!isAmbiguousFailure(error)) throw error;
    log?.warn(logFields(interaction.id, { err: error }), `autocomplete failed (${failureName(error)}); sending it once more`);
  }
  try {
    await sendChoices(interaction, list);
  } catch (error) {
    if (apiCode(error) === ALREADY_ACKNOWLEDGED) return;
    throw new GaveUpError('autocomplete', error, `autocomplete failed twice (last: ${failureName(error)})`);
  }
}
