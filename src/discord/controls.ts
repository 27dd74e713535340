import { ButtonStyle, type APIButtonComponent } from 'discord.js';
import { DiscordLimits, notice, onlyAskerNotice } from '../present/discord/index.ts';
import { actionButton, rowsOf } from './components.ts';
import type { BotContext, ButtonHandler } from './context.ts';
import { CustomIdPrefix, decodeCustomId, decodeTime, encodeCustomId, encodeTime } from './custom-id.ts';
import { bodyOfMessage, type ButtonRow, type ReplyBody } from './reply-body.ts';

/** The buttons a reply carries for itself: publish (private replies) and delete (public ones). */

const CONTROL_PREFIXES = new Set<string>([CustomIdPrefix.publish, CustomIdPrefix.remove, CustomIdPrefix.sent]);

function isControl(button: APIButtonComponent): boolean {
  return button.style !== ButtonStyle.Link && 'custom_id' in button && CONTROL_PREFIXES.has(decodeCustomId(button.custom_id).prefix);
}

/** A private reply's own control: post it to the channel (mentioning whoever the asker chose). */
function publishButton(mentionUserId: string | null): APIButtonComponent {
  return actionButton('Send to channel', encodeCustomId(CustomIdPrefix.publish, [mentionUserId ?? '']) ?? CustomIdPrefix.publish, ButtonStyle.Primary);
}

/** What a private reply's control becomes once it was posted: a reminder that cannot be used twice. */
function sentButton(): APIButtonComponent {
  return actionButton('Sent to channel', CustomIdPrefix.sent, ButtonStyle.Secondary, true);
}

/** A public reply's control: the asker may delete it until `expiresAtMs`. */
function deleteButton(askerId: string, expiresAtMs: number): APIButtonComponent {
  const id = encodeCustomId(CustomIdPrefix.remove, [askerId, encodeTime(expiresAtMs)]) ?? CustomIdPrefix.remove;
  return actionButton('Delete', id, ButtonStyle.Danger);
}

/** Drops the publish/delete/sent controls, keeping the answer's own buttons. */
export function withoutControls(rows: readonly ButtonRow[]): ButtonRow[] {
  return rows.map((row) => ({ ...row, components: row.components.filter((b) => !isControl(b)) })).filter((row) => row.components.length > 0);
}

/** The reply controls currently on a message, to keep them when the message is re-rendered. */
export function controlsOn(rows: readonly ButtonRow[]): APIButtonComponent[] {
  return rows.flatMap((row) => row.components.filter(isControl));
}

/**
 * Adds controls to a reply, in a row of their own at the bottom (where people expect them). An
 * answer leaves the fifth row free for this; if it did not, the controls win over its last row.
 */
export function withControls(body: ReplyBody, controls: readonly APIButtonComponent[]): ReplyBody {
  const rows = withoutControls(body.components ?? []);
  if (controls.length === 0) return { ...body, components: rows };
  if (rows.length >= DiscordLimits.actionRows) rows.length = DiscordLimits.actionRows - 1;
  return { ...body, components: [...rows, ...rowsOf(controls)] };
}

/** The delete button for a public reply, or none when deleting is turned off. */
function deleteControls(askerId: string, ctx: Pick<BotContext, 'settings' | 'now'>): APIButtonComponent[] {
  const window = ctx.settings.deleteWindowSeconds;
  return window > 0 ? [deleteButton(askerId, ctx.now() + window * 1000)] : [];
}

/**
 * A reply's own controls: a private reply can be posted to the channel; a public one can be
 * deleted by the person who asked, for a while.
 */
export function addControls(body: ReplyBody, options: { private: boolean; mention: string | null; askerId: string }, ctx: Pick<BotContext, 'settings' | 'now'>): ReplyBody {
  return withControls(body, options.private ? [publishButton(options.mention)] : deleteControls(options.askerId, ctx));
}

/** "Send to channel": posts the private reply's content publicly, and marks the private one as sent. */
const publish: ButtonHandler = async (interaction, reply, ctx, parts) => {
  const mention = parts[0] ? parts[0] : null;
  const original = bodyOfMessage(interaction.message);
  // The private copy keeps its content but its button now says it was sent.
  await reply.update(withControls(original, [sentButton()]));
  // The public copy: same embeds and buttons, the chosen mention, and the asker's delete button.
  const publicBody = withControls({ embeds: original.embeds, components: withoutControls(original.components) }, deleteControls(interaction.user.id, ctx));
  await reply.followUp(publicBody, { private: false, mention });
  ctx.log.info({ interaction: interaction.id, user: interaction.user.id }, 'private reply sent to channel');
};

/** "Delete": only the asker, only within the window; anyone else is told so privately. */
const remove: ButtonHandler = async (interaction, reply, ctx, parts) => {
  const [askerId = '', expiresText = ''] = parts;
  if (interaction.user.id !== askerId) {
    await reply.notice(onlyAskerNotice(askerId, 'delete this reply'));
    return;
  }
  const expires = decodeTime(expiresText);
  if (expires === null || ctx.now() > expires) {
    await reply.notice(notice('This reply can no longer be deleted: the time to delete it has passed.'));
    return;
  }
  await reply.deferUpdate();
  await reply.deleteOriginal();
  ctx.log.info({ interaction: interaction.id, user: interaction.user.id }, 'reply deleted by its asker');
};

/** The disabled "Sent to channel" button cannot be clicked; this answers if a client does anyway. */
const sent: ButtonHandler = async (_interaction, reply) => {
  await reply.notice(notice('This reply was already sent to the channel.'));
};

export const controlButtons: Readonly<Record<string, ButtonHandler>> = {
  [CustomIdPrefix.publish]: publish,
  [CustomIdPrefix.remove]: remove,
  [CustomIdPrefix.sent]: sent,
};
