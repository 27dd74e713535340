import { ButtonStyle } from 'discord.js';
import {
  CustomIdPrefix,
  decodeCustomId,
  decodeTime,
  deleteButton,
  notice,
  onlyAskerNotice,
  sentButton,
  withControls,
  withoutControls,
  type ButtonRow,
} from '../present/discord/index.ts';
import type { ButtonHandler } from './context.ts';
import { bodyOfMessage } from './message-body.ts';

/** The buttons a reply carries for itself: publish (private replies) and delete (public ones). */

/** "Send to channel": posts the private reply's content publicly, and marks the private one as sent. */
const publish: ButtonHandler = async (interaction, reply, ctx, parts) => {
  const mention = parts[0] ? parts[0] : null;
  const original = bodyOfMessage(interaction.message);
  // The private copy keeps its content but its button now says it was sent.
  await reply.update(withControls(original, [sentButton()]));
  const window = ctx.settings.deleteWindowSeconds;
  const controls = window > 0 ? [deleteButton(interaction.user.id, ctx.now() + window * 1000)] : [];
  // The public copy: same embeds and buttons, the chosen mention, and the asker's delete button.
  const publicBody = withControls({ embeds: original.embeds, components: withoutControls(original.components) }, controls);
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

/** The reply controls currently on a message, to keep them when the message is re-rendered. */
export function controlsOn(rows: readonly ButtonRow[]) {
  const controlPrefixes = new Set(Object.keys(controlButtons));
  return rows.flatMap((row) =>
    row.components.filter((b) => b.style !== ButtonStyle.Link && 'custom_id' in b && controlPrefixes.has(decodeCustomId(b.custom_id).prefix)),
  );
}
