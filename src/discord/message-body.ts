import { ComponentType, MessageFlags, type APIButtonComponent, type Message } from 'discord.js';
import type { ButtonRow, ReplyBody } from '../present/discord/index.ts';

/**
 * A message the bot sent, back as a ReplyBody (to post it again, or to re-render it with its
 * controls). Only action rows of buttons are kept: that is all Footnote sends.
 */
export function bodyOfMessage(message: Message): ReplyBody {
  const components: ButtonRow[] = [];
  for (const component of message.components) {
    const json = component.toJSON();
    if (json.type !== ComponentType.ActionRow) continue;
    const buttons = json.components.filter((c): c is APIButtonComponent => c.type === ComponentType.Button);
    if (buttons.length > 0) components.push({ type: ComponentType.ActionRow, components: buttons });
  }
  return { content: message.content, embeds: message.embeds.map((e) => e.toJSON()), components };
}

export function isEphemeral(message: Message): boolean {
  return message.flags.has(MessageFlags.Ephemeral);
}
