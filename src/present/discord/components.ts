import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { DiscordLimits } from '../../discord/limits.ts';
import { CustomIdPrefix, decodeCustomId, encodeCustomId, encodeTime } from './custom-id.ts';
import { plainText } from './markdown.ts';
import { truncatePlain } from './truncate.ts';
import type { ButtonRow, ReplyBody } from './types.ts';

/** Characters an embed counts towards the 6000 shared by all of a message's embeds. */
export function embedSize(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text.length ?? 0;
  n += embed.author?.name.length ?? 0;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Only http(s) URLs short enough for a link button; anything else would make Discord refuse the reply. */
export function linkableUrl(url: string | null | undefined, max: number = DiscordLimits.buttonUrl): string | null {
  if (!url || url.length > max) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function linkButton(label: string, url: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Link, label: truncatePlain(plainText(label), DiscordLimits.buttonLabel), url };
}

export function actionButton(
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label: truncatePlain(plainText(label), DiscordLimits.buttonLabel),
    custom_id: customId,
    ...(disabled ? { disabled: true } : {}),
  };
}

/** Buttons laid out five to a row. */
export function rowsOf(buttons: readonly APIButtonComponent[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += DiscordLimits.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + DiscordLimits.buttonsPerRow) });
  }
  return rows;
}

const CONTROL_PREFIXES = new Set<string>([CustomIdPrefix.publish, CustomIdPrefix.remove, CustomIdPrefix.sent]);

function isControl(button: APIButtonComponent): boolean {
  return 'custom_id' in button && CONTROL_PREFIXES.has(decodeCustomId(button.custom_id).prefix);
}

/** A private reply's own control: post it to the channel (mentioning whoever the asker chose). */
export function publishButton(mentionUserId: string | null): APIButtonComponent {
  return actionButton('Send to channel', encodeCustomId(CustomIdPrefix.publish, [mentionUserId ?? '']) ?? CustomIdPrefix.publish, ButtonStyle.Primary);
}

/** What a private reply's control becomes once it was posted: a reminder that cannot be used twice. */
export function sentButton(): APIButtonComponent {
  return actionButton('Sent to channel', CustomIdPrefix.sent, ButtonStyle.Secondary, true);
}

/** A public reply's control: the asker may delete it until `expiresAtMs`. */
export function deleteButton(askerId: string, expiresAtMs: number): APIButtonComponent {
  const id = encodeCustomId(CustomIdPrefix.remove, [askerId, encodeTime(expiresAtMs)]) ?? CustomIdPrefix.remove;
  return actionButton('Delete', id, ButtonStyle.Danger);
}

/** Drops the publish/delete/sent controls, keeping the presenter's own buttons. */
export function withoutControls(rows: readonly ButtonRow[]): ButtonRow[] {
  return rows
    .map((row) => ({ ...row, components: row.components.filter((b) => !isControl(b)) }))
    .filter((row) => row.components.length > 0);
}

/**
 * Adds controls to a reply, in a row of their own at the bottom (where people expect them). A
 * presenter leaves the fifth row free for this; if it did not, the controls win over its last row.
 */
export function withControls(body: ReplyBody, controls: readonly APIButtonComponent[]): ReplyBody {
  const rows = withoutControls(body.components);
  if (controls.length === 0) return { ...body, components: rows };
  if (rows.length >= DiscordLimits.actionRows) rows.length = DiscordLimits.actionRows - 1;
  return { ...body, components: [...rows, ...rowsOf(controls)] };
}
