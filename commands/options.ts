import type { ChatInputCommandInteraction, SlashCommandBooleanOption, SlashCommandUserOption } from 'discord.js';
import type { BotSettings } from '../src/discord/config.ts';

/** Longest text a slash-command string option accepts from a person (Discord allows up to 6000). */
export const MAX_OPTION_TEXT = 1000;

/** The `private` and `mention` options several commands share, defined once. */

export function privateOption(option: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return option.setName('private').setDescription('Only you see the reply (you can still send it to the channel)');
}

export function mentionOption(option: SlashCommandUserOption): SlashCommandUserOption {
  return option.setName('mention').setDescription('Someone to notify: they are pinged by the reply (and nobody else is)');
}

export interface Audience {
  private: boolean;
  mention: string | null;
}

/** Public unless the asker (or the server's default) says otherwise. */
export function audienceOf(interaction: ChatInputCommandInteraction, settings: BotSettings): Audience {
  const asked = interaction.options.getBoolean('private');
  return {
    private: asked ?? settings.defaultPrivate,
    mention: interaction.options.getUser('mention')?.id ?? null,
  };
}
