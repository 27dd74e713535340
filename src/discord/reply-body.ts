import { ComponentType, type APIActionRowComponent, type APIButtonComponent, type Message } from 'discord.js';
import type { Presented } from '../present/discord/index.ts';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/**
 * A reply before it goes to Discord: what a presenter made, plus the buttons the adapter adds.
 * Plain Discord JSON, no client objects, so it can be checked against the limits offline.
 */
export interface ReplyBody extends Presented {
  components?: ButtonRow[];
}

/**
 * A message the bot sent, back as a ReplyBody (to post it again, or to re-render it with its
 * controls). Only action rows of buttons are kept: that is all Footnote sends.
 */
export function bodyOfMessage(message: Message): ReplyBody & { components: ButtonRow[] } {
  const components: ButtonRow[] = [];
  for (const component of message.components) {
    const json = component.toJSON();
    if (json.type !== ComponentType.ActionRow) continue;
    const buttons = json.components.filter((c): c is APIButtonComponent => c.type === ComponentType.Button);
    if (buttons.length > 0) components.push({ type: ComponentType.ActionRow, components: buttons });
  }
  return { content: message.content, embeds: message.embeds.map((e) => e.toJSON()), components };
}
