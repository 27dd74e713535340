import { DiscordAPIError, HTTPError, MessageFlags, type AutocompleteInteraction, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../log.ts';
import { finalizeMessage, toChoices, type Choice, type ReplyBody } from '../present/discord/index.ts';
import { DiscordLimits } from './limits.ts';
import { errorForLog } from './logger.ts';

export interface SendOptions {
  /** Ephemeral: only the asker sees it. */
  private: boolean;
  /** The one user this reply may ping (public replies only). */
  mention?: string | null;
}

/**
 * How far an interaction's response has got; decides whether the next message is a reply, an edit
 * or a follow-up. `lost`: the first response failed twice in a way that leaves Discord's side
 * unknown, so nothing more is sent for this interaction.
 */
export type ResponseState = 'none' | 'deferredReply' | 'deferredUpdate' | 'replied' | 'lost';

const EPHEMERAL = MessageFlags.Ephemeral;
/** Discord's "Interaction has already been acknowledged". */
const ALREADY_ACKNOWLEDGED = 40060;
/** "Unknown Webhook" / "Unknown Message": there is no response (yet) to fetch or edit. */
const NOT_THERE = new Set([10008, 10015]);

/** Pauses before the 2nd and 3rd attempt of an edit or a delete (idempotent: safe to repeat). */
export const EDIT_RETRY_DELAYS_MS: readonly number[] = [250, 1_000];

/**
 * Whether a failed request may still have reached Discord and taken effect: a 5xx (Discord, or a
 * proxy in front of it, failed while or after handling it), a timeout, a connection reset. A 4xx
 * is Discord's clear "no"; anything thrown before a request was made (validation) is not a
 * Discord failure at all.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return false;
  if (error instanceof HTTPError) return error.status >= 500;
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_(SOCKET|CLOSED|HEADERS_TIMEOUT|BODY_TIMEOUT))$/u.test(code);
}

function apiCode(error: unknown): number | null {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
}

/** "502 Bad Gateway", "a timeout", for log lines. */
function failureName(error: unknown): string {
  if (error instanceof HTTPError) return `HTTP ${error.status}`;
  if (error instanceof DiscordAPIError) return `${error.status}/${String(error.code)} ${error.message}`;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'no answer within the REST timeout';
  return error instanceof Error ? error.message : String(error);
}

/**
 * The bot stopped trying to answer an interaction: the person may have seen nothing. The router
 * logs it with the interaction id and does not try again (a second answer would be refused, or
 * would show twice).
 */
export class GaveUpError extends Error {
  override name = 'GaveUpError';
  constructor(
    readonly step: string,
    readonly reason: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** The bot is shutting down and has already told the person; the handler's late answer is dropped. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

export interface ResponderOptions {
  /** Where retries, recoveries and give-ups are logged (with the interaction id, never its token). */
  log?: Logger;
  /** Override EDIT_RETRY_DELAYS_MS (tests). */
  retryDelaysMs?: readonly number[];
}

type FirstStep = 'reply' | 'deferReply' | 'update' | 'deferUpdate';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way Footnote answers an interaction. Every message goes through `finalizeMessage`
 * (allowed mentions, `@everyone` neutralised, every limit applied), and the responder remembers
 * what it already did so it can always pick the call Discord will accept: the first response,
 * the edit of a deferred one, or a follow-up. That is what lets an error reach the person
 * whatever state the interaction was left in.
 *
 * When Discord fails (discord.js is configured not to retry, see bot.ts), the responder decides:
 * - the first response (callback) is answered at most once by Discord, and a 5xx or timeout does
 *   not say whether it was. The responder looks (GET @original, for commands) and carries on if
 *   it was applied; otherwise it sends the same response once more, and reads a 40060 refusal as
 *   "the first attempt was applied". If that fails too, it gives up (GaveUpError) and sends
 *   nothing more, so the person never gets two answers;
 * - edits and deletes are idempotent and are repeated (EDIT_RETRY_DELAYS_MS);
 * - follow-ups create a message each time, so one whose outcome is unknown is not repeated.
 */
export class Responder {
  #state: ResponseState = 'none';
  /** Whether the deferred or first reply is ephemeral (Discord fixes that at the first response). */
  #ephemeral = false;
  readonly #log: Logger | undefined;
  readonly #retryDelays: readonly number[];
  readonly #receivedAt = Date.now();
  /** The request in progress, so shutdown can wait for it before it answers in the handler's place. */
  #pending: Promise<unknown> | null = null;
  #interrupted = false;

  constructor(
    readonly interaction: RepliableInteraction,
    options: ResponderOptions = {},
  ) {
    this.#log = options.log;
    this.#retryDelays = options.retryDelaysMs ?? EDIT_RETRY_DELAYS_MS;
  }

  get state(): ResponseState {
    return this.#state;
  }

  get acknowledged(): boolean {
    return this.#state !== 'none';
  }

  /** True once the person sees something other than "thinking…" (or nothing more can be sent). */
  get settled(): boolean {
    return this.#state === 'replied' || this.#state === 'lost';
  }

  /** "Footnote is thinking…": buys up to 15 minutes for work that may not finish in 3 seconds. */
  async defer(options: { private: boolean }): Promise<void> {
    await this.#run(async () => {
      if (this.#state !== 'none') return;
      await this.#first('deferReply', () => this.interaction.deferReply(options.private ? { flags: EPHEMERAL } : {}), () => {
        this.interaction.deferred = true;
        this.interaction.ephemeral = options.private;
      });
      this.#state = 'deferredReply';
      this.#ephemeral = options.private;
    });
  }

  /** Acknowledges a button click without a new message (the click's message will be edited or deleted). */
  async deferUpdate(): Promise<void> {
    await this.#run(async () => {
      const interaction = this.interaction;
      if (this.#state !== 'none' || !interaction.isMessageComponent()) return;
      await this.#first('deferUpdate', () => interaction.deferUpdate(), () => {
        interaction.deferred = true;
      });
      this.#state = 'deferredUpdate';
    });
  }

  /** The answer: the first response, or the edit of the deferred one, or else a follow-up. */
  async send(body: ReplyBody, options: SendOptions): Promise<void> {
    await this.#run(() => this.#send(body, options));
  }

  async #send(body: ReplyBody, options: SendOptions): Promise<void> {
    const wire = finalizeMessage(body, { mentionUserId: options.private ? null : (options.mention ?? null) });
    switch (this.#state) {
      case 'none': {
        await this.#first('reply', () => this.interaction.reply({ ...wire, ...(options.private ? { flags: EPHEMERAL } : {}) }), () => {
          this.interaction.replied = true;
          this.interaction.ephemeral = options.private;
        });
        this.#state = 'replied';
        this.#ephemeral = options.private;
        return;
      }
      case 'deferredReply':
        // Ephemerality was settled by the defer; callers defer with the same `private`.
        await this.#idempotent('edit the reply', () => this.interaction.editReply(wire));
        this.#state = 'replied';
        return;
      case 'lost':
        throw this.#lostError();
      default:
        await this.#followUpOnce({ ...wire, ...(options.private ? { flags: EPHEMERAL } : {}) });
    }
  }

  /** A new message after the response (e.g. a private reply posted to the channel). */
  async followUp(body: ReplyBody, options: SendOptions): Promise<void> {
    await this.#run(async () => {
      if (this.#state === 'lost') throw this.#lostError();
      const wire = finalizeMessage(body, { mentionUserId: options.private ? null : (options.mention ?? null) });
      await this.#followUpOnce({ ...wire, ...(options.private ? { flags: EPHEMERAL } : {}) });
    });
  }

  /** Replaces the message a button is on (turning a search page, marking a reply as sent). */
  async update(body: ReplyBody): Promise<void> {
    await this.#run(async () => {
      const interaction = this.interaction;
      if (!interaction.isMessageComponent()) throw new Error('update() is only for buttons');
      if (this.#state === 'lost') throw this.#lostError();
      // Mentions in an edit never ping, and nothing here should: allow none.
      const wire = finalizeMessage(body);
      if (this.#state === 'deferredUpdate') await this.#idempotent('edit the message', () => interaction.editReply(wire));
      else {
        await this.#first('update', () => interaction.update(wire), () => {
          interaction.replied = true;
        });
      }
      this.#state = 'replied';
    });
  }

  /** Deletes the response (for a button: the message the button is on). */
  async deleteOriginal(): Promise<void> {
    await this.#run(() => this.#deleteOriginal());
  }

  async #deleteOriginal(): Promise<void> {
    let attempt = 0;
    await this.#idempotent('delete the reply', async () => {
      attempt += 1;
      try {
        await this.interaction.deleteReply();
      } catch (error) {
        // A repeated delete that finds nothing: the earlier attempt did it.
        if (attempt > 1 && NOT_THERE.has(apiCode(error) ?? 0)) return;
        throw error;
      }
    });
  }

  /**
   * A private message about the bot itself (an error, a cooldown, a refusal to page someone
   * else's search), whatever happened before: a public "thinking…" placeholder is removed first
   * so the notice does not stay visible to everyone.
   */
  async notice(body: ReplyBody): Promise<void> {
    await this.#run(() => this.#notice(body));
  }

  async #notice(body: ReplyBody): Promise<void> {
    const wire = finalizeMessage(body);
    switch (this.#state) {
      case 'none':
        await this.#first('reply', () => this.interaction.reply({ ...wire, flags: EPHEMERAL }), () => {
          this.interaction.replied = true;
          this.interaction.ephemeral = true;
        });
        this.#state = 'replied';
        this.#ephemeral = true;
        return;
      case 'deferredReply':
        if (this.#ephemeral) {
          await this.#idempotent('edit the reply', () => this.interaction.editReply(wire));
          this.#state = 'replied';
          return;
        }
        await this.#deleteOriginal().catch(() => undefined);
        await this.#followUpOnce({ ...wire, flags: EPHEMERAL });
        this.#state = 'replied';
        return;
      case 'lost':
        throw this.#lostError();
      default:
        await this.#followUpOnce({ ...wire, flags: EPHEMERAL });
    }
  }

  /**
   * Shutdown: waits for the request in progress, then, if the person has no answer yet (nothing,
   * or only "thinking…"), tells them privately with `body`. Whatever the handler sends afterwards
   * is dropped (InterruptedError). Resolves true when a notice was sent.
   */
  async interrupt(body: ReplyBody): Promise<boolean> {
    this.#interrupted = true;
    while (this.#pending !== null) await this.#pending.catch(() => undefined);
    if (this.#state !== 'none' && this.#state !== 'deferredReply') return false;
    // Past Discord's deadline a first response would be refused; nothing can reach the person.
    if (this.#state === 'none' && Date.now() - this.#receivedAt > DiscordLimits.firstResponseMs) return false;
    await this.#notice(body);
    return true;
  }

  /** Runs one operation of the handler, unless shutdown has taken over the interaction. */
  async #run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#interrupted) throw new InterruptedError('the bot is shutting down; this interaction was already answered with a notice');
    const pending = operation();
    this.#pending = pending;
    try {
      return await pending;
    } finally {
      if (this.#pending === pending) this.#pending = null;
    }
  }

  /**
   * The first response (a callback), which Discord accepts at most once. See the class comment for
   * what happens when the outcome of an attempt is unknown.
   */
  async #first(step: FirstStep, send: () => Promise<unknown>, adopt: () => void): Promise<void> {
    try {
      await send();
      return;
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      this.#warn({ step, err: error }, `${step} failed (${failureName(error)}); Discord may or may not have applied it`);
    }
    // Commands can look: their response is @original. (For a button, @original is the message the
    // button is on, which exists either way.)
    if (this.interaction.isCommand()) {
      const found = await this.#probeOriginal();
      if (found === 'applied') {
        adopt();
        this.#info({ step }, `${step}: Discord had applied it; carrying on without sending it again`);
        return;
      }
    }
    if (Date.now() - this.#receivedAt > DiscordLimits.firstResponseMs) {
      this.#state = 'lost';
      throw new GaveUpError(step, null, `${step}: no first response is known to have reached Discord, and its ${DiscordLimits.firstResponseMs / 1000} s are over`);
    }
    try {
      await send();
      this.#info({ step }, `${step}: sent on the second attempt`);
    } catch (error) {
      if (apiCode(error) === ALREADY_ACKNOWLEDGED) {
        adopt();
        this.#info({ step }, `${step}: the second attempt was refused as already acknowledged, so the first had been applied`);
        return;
      }
      this.#state = 'lost';
      throw new GaveUpError(step, error, `${step} failed twice (last: ${failureName(error)}); not sending anything more for this interaction`);
    }
  }

  /** Whether the interaction's response exists on Discord's side, by fetching it. */
  async #probeOriginal(): Promise<'applied' | 'absent' | 'unknown'> {
    try {
      await this.interaction.fetchReply();
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
  async #followUpOnce(options: Parameters<RepliableInteraction['followUp']>[0]): Promise<void> {
    try {
      await this.interaction.followUp(options);
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      throw new GaveUpError('followUp', error, `followUp failed (${failureName(error)}); not sent again, as it may have been posted`);
    }
  }

  #lostError(): GaveUpError {
    return new GaveUpError('send', null, 'the first response was lost; nothing more is sent for this interaction');
  }

  #warn(fields: Record<string, unknown>, message: string): void {
    this.#log?.warn(this.#fields(fields), message);
  }

  #info(fields: Record<string, unknown>, message: string): void {
    this.#log?.info(this.#fields(fields), message);
  }

  #fields(fields: Record<string, unknown>): Record<string, unknown> {
    const { err, ...rest } = fields;
    return { interaction: this.interaction.id, ...rest, ...(err === undefined ? {} : { err: errorForLog(err) }) };
  }
}

/**
 * Autocomplete's only response: choices within Discord's limits (25, 100 characters each). Like
 * any first response it is sent at most twice, a 40060 on the second meaning the first arrived.
 */
export async function respondChoices(interaction: AutocompleteInteraction, choices: Iterable<Choice>, log?: Logger): Promise<void> {
  if (interaction.responded) return;
  const list = toChoices(choices);
  try {
    await interaction.respond(list);
    return;
  } catch (error) {
    if (!isAmbiguousFailure(error)) throw error;
    log?.warn({ interaction: interaction.id, err: errorForLog(error) }, `autocomplete failed (${failureName(error)}); sending it once more`);
  }
  try {
    await interaction.respond(list);
  } catch (error) {
    if (apiCode(error) === ALREADY_ACKNOWLEDGED) {
      interaction.responded = true;
      return;
    }
    throw new GaveUpError('autocomplete', error, `autocomplete failed twice (last: ${failureName(error)})`);
  }
}
