import { MessageFlags, type AutocompleteInteraction, type RepliableInteraction } from 'discord.js';
import { finalizeMessage, toChoices, type Choice, type ReplyBody } from '../present/discord/index.ts';

export interface SendOptions {
  /** Ephemeral: only the asker sees it. */
  private: boolean;
  /** The one user this reply may ping (public replies only). */
  mention?: string | null;
}

/** How far an interaction's response has got; decides whether the next message is a reply, an edit or a follow-up. */
export type ResponseState = 'none' | 'deferredReply' | 'deferredUpdate' | 'replied';

const EPHEMERAL = MessageFlags.Ephemeral;

/**
 * The one way Footnote answers an interaction. Every message goes through `finalizeMessage`
 * (allowed mentions, `@everyone` neutralised, every limit applied), and the responder remembers
 * what it already did so it can always pick the call Discord will accept: the first response,
 * the edit of a deferred one, or a follow-up. That is what lets an error reach the person
 * whatever state the interaction was left in.
 */
export class Responder {
  #state: ResponseState = 'none';
  /** Whether the deferred or first reply is ephemeral (Discord fixes that at the first response). */
  #ephemeral = false;

  constructor(readonly interaction: RepliableInteraction) {}

  get state(): ResponseState {
    return this.#state;
  }

  get acknowledged(): boolean {
    return this.#state !== 'none';
  }

  /** "Footnote is thinking…": buys up to 15 minutes for work that may not finish in 3 seconds. */
  async defer(options: { private: boolean }): Promise<void> {
    if (this.#state !== 'none') return;
    await this.interaction.deferReply(options.private ? { flags: EPHEMERAL } : {});
    this.#state = 'deferredReply';
    this.#ephemeral = options.private;
  }

  /** Acknowledges a button click without a new message (the click's message will be edited or deleted). */
  async deferUpdate(): Promise<void> {
    if (this.#state !== 'none' || !this.interaction.isMessageComponent()) return;
    await this.interaction.deferUpdate();
    this.#state = 'deferredUpdate';
  }

  /** The answer: the first response, or the edit of the deferred one, or else a follow-up. */
  async send(body: ReplyBody, options: SendOptions): Promise<void> {
    const wire = finalizeMessage(body, { mentionUserId: options.private ? null : (options.mention ?? null) });
    switch (this.#state) {
      case 'none':
        await this.interaction.reply({ ...wire, ...(options.private ? { flags: EPHEMERAL } : {}) });
        this.#state = 'replied';
        this.#ephemeral = options.private;
        return;
      case 'deferredReply':
        // Ephemerality was settled by the defer; callers defer with the same `private`.
        await this.interaction.editReply(wire);
        this.#state = 'replied';
        return;
      default:
        await this.interaction.followUp({ ...wire, ...(options.private ? { flags: EPHEMERAL } : {}) });
    }
  }

  /** A new message after the response (e.g. a private reply posted to the channel). */
  async followUp(body: ReplyBody, options: SendOptions): Promise<void> {
    const wire = finalizeMessage(body, { mentionUserId: options.private ? null : (options.mention ?? null) });
    await this.interaction.followUp({ ...wire, ...(options.private ? { flags: EPHEMERAL } : {}) });
  }

  /** Replaces the message a button is on (turning a search page, marking a reply as sent). */
  async update(body: ReplyBody): Promise<void> {
    if (!this.interaction.isMessageComponent()) throw new Error('update() is only for buttons');
    // Mentions in an edit never ping, and nothing here should: allow none.
    const wire = finalizeMessage(body);
    if (this.#state === 'deferredUpdate') await this.interaction.editReply(wire);
    else await this.interaction.update(wire);
    this.#state = 'replied';
  }

  /** Deletes the response (for a button: the message the button is on). */
  async deleteOriginal(): Promise<void> {
    await this.interaction.deleteReply();
  }

  /**
   * A private message about the bot itself (an error, a cooldown, a refusal to page someone
   * else's search), whatever happened before: a public "thinking…" placeholder is removed first
   * so the notice does not stay visible to everyone.
   */
  async notice(body: ReplyBody): Promise<void> {
    const wire = finalizeMessage(body);
    switch (this.#state) {
      case 'none':
        await this.interaction.reply({ ...wire, flags: EPHEMERAL });
        this.#state = 'replied';
        this.#ephemeral = true;
        return;
      case 'deferredReply':
        if (this.#ephemeral) {
          await this.interaction.editReply(wire);
          this.#state = 'replied';
          return;
        }
        await this.interaction.deleteReply().catch(() => undefined);
        await this.interaction.followUp({ ...wire, flags: EPHEMERAL });
        this.#state = 'replied';
        return;
      default:
        await this.interaction.followUp({ ...wire, flags: EPHEMERAL });
    }
  }
}

/** Autocomplete's only response: choices within Discord's limits (25, 100 characters each). */
export async function respondChoices(interaction: AutocompleteInteraction, choices: Iterable<Choice>): Promise<void> {
  if (interaction.responded) return;
  await interaction.respond(toChoices(choices));
}
