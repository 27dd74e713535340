import { InteractionResponseType, MessageFlags, Routes, type AutocompleteInteraction, type RepliableInteraction } from 'discord.js';
import type { Choice } from './choices.ts';
import type { WireMessage } from './finalize.ts';
import type { FirstCall } from './response-state.ts';

/**
 * The requests that answer one interaction, made straight to Discord's REST API. discord.js's
 * own reply/edit/follow-up methods check and set flags on the interaction (`deferred`, `replied`)
 * that the Responder would have to keep in step with its own state after a request whose fate was
 * unknown; going under them leaves one owner of "where the response stands": the Responder.
 */
export interface InteractionTransport {
  readonly id: string;
  /** Commands can look their response up (@original); a button's @original is the message it is on. */
  readonly canLookUpResponse: boolean;
  readonly isButton: boolean;
  first(call: FirstCall, body: WireMessage | null, ephemeral: boolean): Promise<void>;
  editOriginal(body: WireMessage): Promise<void>;
  followUp(body: WireMessage, ephemeral: boolean): Promise<void>;
  deleteOriginal(): Promise<void>;
  fetchOriginal(): Promise<void>;
}

const CALLBACK_TYPE: Record<FirstCall, InteractionResponseType> = {
  reply: InteractionResponseType.ChannelMessageWithSource,
  deferReply: InteractionResponseType.DeferredChannelMessageWithSource,
  update: InteractionResponseType.UpdateMessage,
  deferUpdate: InteractionResponseType.DeferredMessageUpdate,
};

const flagsOf = (ephemeral: boolean) => (ephemeral ? { flags: MessageFlags.Ephemeral } : {});

/** Interaction tokens authorise these routes: no bot token is sent with them (as discord.js does). */
export function restTransport(interaction: RepliableInteraction): InteractionTransport {
  const rest = interaction.client.rest;
  const original = Routes.webhookMessage(interaction.applicationId, interaction.token, '@original');
  return {
    id: interaction.id,
    canLookUpResponse: interaction.isCommand(),
    isButton: interaction.isMessageComponent(),
    async first(call, body, ephemeral) {
      const data = body === null ? flagsOf(ephemeral) : { ...body, ...flagsOf(ephemeral) };
      const empty = Object.keys(data).length === 0;
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: CALLBACK_TYPE[call], ...(empty ? {} : { data }) }, auth: false });
    },
    async editOriginal(body) {
      await rest.patch(original, { body, auth: false });
    },
    async followUp(body, ephemeral) {
      await rest.post(Routes.webhook(interaction.applicationId, interaction.token), { body: { ...body, ...flagsOf(ephemeral) }, auth: false });
    },
    async deleteOriginal() {
      await rest.delete(original, { auth: false });
    },
    async fetchOriginal() {
      await rest.get(original, { auth: false });
    },
  };
}

/** Autocomplete's one response. */
export async function sendChoices(interaction: AutocompleteInteraction, choices: readonly Choice[]): Promise<void> {
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
    auth: false,
  });
}
