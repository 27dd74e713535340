import { userMention } from '@discordjs/formatters';
import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { DiscordLimits, embedSize, fitEmbed, isSnowflake, linkableUrl, neutralizeMentions, plainText, truncate, truncatePlain } from '../present/discord/index.ts';
import type { ButtonRow, ReplyBody } from './reply-body.ts';

/** Who a message may ping: nobody by parsing, and at most the one person the asker chose. */
export interface AllowedMentions {
  parse: [];
  users: string[];
}

/** A reply as it goes to Discord (the API's own field names). */
export interface WireMessage {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowed_mentions: AllowedMentions;
}

/** The message a channel reply answers. */
export interface MessageReference {
  messageId: string;
  channelId: string;
  guildId: string | null;
}

/**
 * A channel message as it goes to Discord: a reply to a person's message is not an interaction,
 * so it carries its own reference and says that replying pings nobody (Discord's default would
 * ping the author of the message replied to).
 */
export interface ChannelWireMessage extends Omit<WireMessage, 'allowed_mentions'> {
  allowed_mentions: AllowedMentions & { replied_user: false };
  message_reference?: { message_id: string; channel_id: string; guild_id?: string; fail_if_not_exists: false };
}

export interface FinalizeOptions {
  /** The one user this reply may ping (the `mention` option); ignored unless it is a user id. */
  mentionUserId?: string | null;
}

function neutralizeEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = neutralizeMentions(out.title);
  if (out.description !== undefined) out.description = neutralizeMentions(out.description);
  if (out.fields !== undefined) out.fields = out.fields.map((f) => ({ ...f, name: neutralizeMentions(f.name), value: neutralizeMentions(f.value) }));
  if (out.footer !== undefined) out.footer = { ...out.footer, text: neutralizeMentions(out.footer.text) };
  if (out.author !== undefined) out.author = { ...out.author, name: neutralizeMentions(out.author.name) };
  return out;
}

/** Buttons Discord would refuse (bad URL, long custom id, duplicate id) are dropped, not sent. */
function sanitizeButton(button: APIButtonComponent, seen: Set<string>): APIButtonComponent | null {
  // Premium (SKU) buttons have no label or id to check; Footnote never sends them.
  if (button.style === ButtonStyle.Premium) return null;
  const label = button.label === undefined ? undefined : truncatePlain(plainText(button.label), DiscordLimits.buttonLabel) || '…';
  if (button.style === ButtonStyle.Link) {
    const url = linkableUrl(button.url);
    return url === null ? null : { ...button, url, ...(label === undefined ? {} : { label }) };
  }
  if (!('custom_id' in button)) return button;
  if (button.custom_id.length === 0 || button.custom_id.length > DiscordLimits.customId || seen.has(button.custom_id)) return null;
  seen.add(button.custom_id);
  return { ...button, ...(label === undefined ? {} : { label }) };
}

function sanitizeRows(rows: readonly ButtonRow[]): ButtonRow[] {
  const seen = new Set<string>();
  return rows
    .slice(0, DiscordLimits.actionRows)
    .map((row) => ({
      type: ComponentType.ActionRow as const,
      components: row.components
        .slice(0, DiscordLimits.buttonsPerRow)
        .map((b) => sanitizeButton(b, seen))
        .filter((b): b is APIButtonComponent => b !== null),
    }))
    .filter((row) => row.components.length > 0);
}

/**
 * The one gate every reply passes: mentions limited to the chosen user (nothing the material or
 * the asker typed can ping), `@everyone`/`@here` neutralised in every text, and every Discord
 * limit applied — by cutting, never by failing.
 */
export function finalizeMessage(body: ReplyBody, options: FinalizeOptions = {}): WireMessage {
  const mention = isSnowflake(options.mentionUserId) ? options.mentionUserId : null;
  const text = neutralizeMentions(body.content ?? '');
  let content = truncate(mention ? `${userMention(mention)}${text ? ` ${text}` : ''}` : text, DiscordLimits.messageContent);

  let budget: number = DiscordLimits.embedTotal;
  const embeds: APIEmbed[] = [];
  for (const embed of body.embeds.slice(0, DiscordLimits.embedsPerMessage)) {
    if (budget <= 0) break;
    const fitted = fitEmbed(neutralizeEmbed(embed), budget);
    budget -= embedSize(fitted);
    embeds.push(fitted);
  }
  const components = sanitizeRows(body.components ?? []);
  // Discord refuses a message with nothing to show.
  if (content.trim() === '' && embeds.length === 0 && components.length === 0) content = '(nothing to show)';
  return { content, embeds, components, allowed_mentions: { parse: [], users: mention ? [mention] : [] } };
}

/**
 * The reply gate for channel messages (mentions, DMs, help channels): the same gate as every
 * interaction reply, nobody pinged, and the reference to the message it answers. A question
 * deleted meanwhile does not stop the answer (`fail_if_not_exists: false`).
 */
export function finalizeChannelMessage(body: ReplyBody, reference: MessageReference | null): ChannelWireMessage {
  const wire = finalizeMessage(body);
  return {
    ...wire,
    allowed_mentions: { parse: [], users: [], replied_user: false },
    ...(reference === null
      ? {}
      : {
          message_reference: {
            message_id: reference.messageId,
            channel_id: reference.channelId,
            ...(reference.guildId === null ? {} : { guild_id: reference.guildId }),
            fail_if_not_exists: false as const,
          },
        }),
  };
}
