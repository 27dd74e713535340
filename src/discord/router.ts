import { randomBytes } from 'node:crypto';
import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type Interaction } from 'discord.js';
import type { Logger } from '../log.ts';
import { cooldownNotice, errorNotice, notice } from '../present/discord/index.ts';
import { echoChoice } from './choices.ts';
import type { BotContext, ButtonHandler, CommandModule } from './context.ts';
import { commandName } from './context.ts';
import { controlButtons } from './controls.ts';
import { voteButtons } from './votes.ts';
import { withTimeout } from './with-timeout.ts';
import type { Cooldowns } from './cooldown.ts';
import { decodeCustomId } from './custom-id.ts';
import { errorForLog } from './logger.ts';
import type { ReplyBody } from './reply-body.ts';
import { restTransport } from './interaction-transport.ts';
import { GaveUpError, InterruptedError, Responder, respondChoices } from './responder.ts';

/** Autocomplete has the same 3 s deadline and a person is typing: answer fast or echo the input. */
export const AUTOCOMPLETE_BUDGET_MS = 250;

/** A short id a person can quote and an operator can find in the log: 8 hex digits. */
export function newReference(): string {
  return randomBytes(4).toString('hex');
}


/** Who and what an interaction was, for log lines (never its token). */
function describe(interaction: Interaction): Record<string, unknown> {
  const what = interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : interaction.isButton() ? { customId: interaction.customId } : {};
  return { interaction: interaction.id, user: interaction.user.id, guild: interaction.guildId, ...what };
}

/**
 * Sends each interaction to its handler and makes sure a person never sees "The application did
 * not respond": a handler that throws is logged with a reference id and the stack, and the person
 * gets a private message quoting that id, whatever the interaction's state was.
 */
export class Router {
  readonly #commands = new Map<string, CommandModule>();
  readonly #buttons = new Map<string, ButtonHandler>();
  readonly #ctx: BotContext;
  readonly #cooldowns: Cooldowns;
  readonly #log: Logger;
  /** Interactions being handled now, by id: what shutdown waits for, and answers if it must. */
  readonly #active = new Map<string, Responder>();

  constructor(commands: readonly CommandModule[], ctx: BotContext, cooldowns: Cooldowns) {
    this.#ctx = ctx;
    this.#cooldowns = cooldowns;
    this.#log = ctx.log;
    for (const [prefix, handler] of Object.entries({ ...controlButtons, ...voteButtons })) this.#buttons.set(prefix, handler);
    for (const module of commands) {
      const name = commandName(module);
      if (this.#commands.has(name)) throw new Error(`two command modules are named "${name}"`);
      this.#commands.set(name, module);
      for (const [prefix, handler] of Object.entries(module.buttons ?? {})) {
        if (this.#buttons.has(prefix)) throw new Error(`button prefix "${prefix}" is claimed twice`);
        this.#buttons.set(prefix, handler);
      }
    }
  }

  /** Never throws: everything that goes wrong is logged, and answered when it still can be. */
  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) {
        await this.#autocomplete(interaction);
        return;
      }
      if (!interaction.isRepliable()) return;
      const reply = new Responder(restTransport(interaction), { log: this.#log });
      this.#active.set(interaction.id, reply);
      try {
        await this.#dispatch(interaction, reply);
      } catch (error) {
        await this.#fail(interaction, reply, error);
      } finally {
        this.#active.delete(interaction.id);
      }
    } catch (error) {
      if (error instanceof GaveUpError) {
        this.#log.error({ err: errorForLog(error.reason ?? error), step: error.step, ...describe(interaction) }, `gave up answering interaction ${interaction.id}: ${error.message}`);
      } else this.#log.error({ err: errorForLog(error), ...describe(interaction) }, 'could not handle an interaction');
    }
    // The last line about an interaction: after it, the bot sends nothing more for it.
    this.#log.debug({ interaction: interaction.id }, 'interaction done');
  }

  /** How many interactions are being handled right now. */
  get active(): number {
    return this.#active.size;
  }

  /**
   * Shutdown: every interaction still being handled whose person has no answer yet (nothing, or
   * only "thinking…") is answered with `body` instead; the handlers' own answers are then dropped.
   * Returns the ids of the interactions that got the notice.
   */
  async interruptAll(body: ReplyBody): Promise<string[]> {
    const told: string[] = [];
    await Promise.all(
      [...this.#active].map(async ([id, reply]) => {
        try {
          if (await reply.interrupt(body)) told.push(id);
        } catch (error) {
          this.#log.warn({ err: errorForLog(error), interaction: id }, 'could not tell the person that Footnote is restarting');
        }
      }),
    );
    return told;
  }

  async #dispatch(interaction: Interaction, reply: Responder): Promise<void> {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const module = this.#commands.get(interaction.commandName);
      if (!module) {
        this.#log.warn(describe(interaction), 'interaction for a command this bot does not have (run deploy-commands?)');
        await reply.notice(notice('This command is not available any more. It may take a moment for Discord to update the list.'));
        return;
      }
      if (module.cooldown !== false) {
        const turn = this.#cooldowns.take(interaction.user.id);
        if (!turn.ok) {
          await reply.notice(cooldownNotice(turn.retryAfterSeconds));
          return;
        }
      }
      this.#log.debug(describe(interaction), 'command');
      if (module.kind === 'chatInput' && interaction.isChatInputCommand()) await module.execute(interaction, reply, this.#ctx);
      else if (module.kind === 'message' && interaction.isMessageContextMenuCommand()) await module.execute(interaction, reply, this.#ctx);
      else await reply.notice(notice('This command is not available in this form.'));
      return;
    }
    if (interaction.isButton()) {
      await this.#button(interaction, reply);
      return;
    }
    this.#log.debug(describe(interaction), 'ignored an interaction of a kind Footnote does not use');
  }

  async #button(interaction: ButtonInteraction, reply: Responder): Promise<void> {
    // A private reply's buttons are for the person it was shown to. Discord only shows it to them;
    // this keeps it so if a click comes from anyone else anyway (a forged or replayed request).
    const shownTo = interaction.message.interactionMetadata?.user.id;
    if (interaction.message.flags.has(MessageFlags.Ephemeral) && shownTo !== undefined && shownTo !== interaction.user.id) {
      this.#log.warn(describe(interaction), 'a button of a private reply was clicked by someone else; ignored');
      await reply.notice(notice('This button belongs to a private reply shown to someone else.'));
      return;
    }
    const { prefix, parts } = decodeCustomId(interaction.customId);
    const handler = this.#buttons.get(prefix);
    if (!handler) {
      await reply.notice(notice('This button no longer works; run the command again.'));
      return;
    }
    this.#log.debug(describe(interaction), 'button');
    await handler(interaction, reply, this.#ctx, parts);
  }

  /**
   * Suggestions within the budget; when they fail or the knowledge base is not ready, what was
   * typed is offered back, so the person can always go on.
   */
  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const typed = typeof focused.value === 'string' ? focused.value : String(focused.value);
    const module = this.#commands.get(interaction.commandName);
    let choices = echoChoice(typed);
    if (module?.kind === 'chatInput' && module.autocomplete && this.#ctx.knowledge.current) {
      try {
        const deadline = this.#ctx.now() + AUTOCOMPLETE_BUDGET_MS;
        // A handler that went async and slow must not hold the answer past Discord's deadline.
        choices = await withTimeout(Promise.resolve(module.autocomplete(interaction, this.#ctx, deadline)), AUTOCOMPLETE_BUDGET_MS * 4, choices);
      } catch (error) {
        this.#log.error({ err: errorForLog(error), ref: newReference(), ...describe(interaction) }, 'autocomplete failed; echoing the input');
      }
    }
    await respondChoices(interaction, choices, this.#log);
  }

  async #fail(interaction: Interaction, reply: Responder, error: unknown): Promise<void> {
    if (error instanceof InterruptedError) {
      this.#log.debug(describe(interaction), 'answer dropped: the person was already told that Footnote is restarting');
      return;
    }
    if (error instanceof GaveUpError) {
      // Sending an error notice now could be the second answer the person sees, or be refused.
      this.#log.error(
        { err: errorForLog(error.reason ?? error), step: error.step, state: reply.state, ...describe(interaction) },
        `gave up answering interaction ${interaction.id}: ${error.message}`,
      );
      return;
    }
    const ref = newReference();
    this.#log.error({ err: errorForLog(error), ref, state: reply.state, ...describe(interaction) }, `handler failed (reference ${ref})`);
    try {
      await reply.notice(errorNotice(ref));
    } catch (sendError) {
      if (sendError instanceof GaveUpError) {
        this.#log.error({ err: errorForLog(sendError.reason ?? sendError), ref, ...describe(interaction) }, `gave up answering interaction ${interaction.id}: ${sendError.message}`);
        return;
      }
      // Too late (the token expired) or Discord is unreachable: the log line above is all there is.
      this.#log.warn({ err: errorForLog(sendError), ref, ...describe(interaction) }, 'could not tell the person about the failure');
    }
  }
}
