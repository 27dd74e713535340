import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord.js';
import { DiscordLimits, linkableUrl, plainText, truncatePlain } from '../present/discord/index.ts';
import type { ButtonRow } from './reply-body.ts';

/** A link button, or null when the URL is one Discord would refuse. */
export function linkButton(label: string, url: string | null): APIButtonComponent | null {
  const href = linkableUrl(url);
  return href === null ? null : { type: ComponentType.Button, style: ButtonStyle.Link, label: truncatePlain(plainText(label), DiscordLimits.buttonLabel), url: href };
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
