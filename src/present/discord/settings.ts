import { channelMention } from '@discordjs/formatters';
import { notice } from './notices.ts';
import type { Presented } from './types.ts';

/** Where the Message Content intent is switched on, said the same way everywhere. */
const HOW_TO_ENABLE =
  'Discord sends a bot the text of every message only with the privileged Message Content intent. Whoever runs Footnote can switch it on in the Developer Portal (your application › Bot › Privileged Gateway Intents › Message Content Intent), set FOOTNOTE_MESSAGE_CONTENT=true and restart the bot.';

/** Why a channel cannot be watched: without the intent, the bot never sees what is asked there. */
export function cannotWatchNotice(channelId: string): Presented {
  return notice(`Footnote cannot answer in ${channelMention(channelId)} on its own: it does not receive the text of messages there. ${HOW_TO_ENABLE} Until then, people can still @mention Footnote there.`);
}

/** What /settings auto-answer changed, and whether it will outlast a restart. */
export function autoAnswerChanged(channelId: string, on: boolean, forum: boolean, saved: boolean): Presented {
  const what = on
    ? `Footnote now answers new ${forum ? 'posts' : 'questions'} in ${channelMention(channelId)} on its own, in a thread, when the material answers them confidently; otherwise it stays silent.`
    : `Footnote no longer answers in ${channelMention(channelId)} on its own. An @mention still gets an answer.`;
  const kept = saved ? '' : ' This could not be saved, so it holds only until the bot restarts; the log says why.';
  return notice(`${what}${kept}`);
}

/** /settings show: the help channels, and whether the bot can watch them. */
export function presentSettings(autoAnswer: readonly string[], messageContent: boolean): Presented {
  const channels = autoAnswer.length === 0 ? 'none' : autoAnswer.map((id) => channelMention(id)).join(', ');
  const lines = [`**Answers on its own in:** ${channels}`];
  if (!messageContent && autoAnswer.length > 0) lines.push(`These channels are not watched now. ${HOW_TO_ENABLE}`);
  lines.push('Change with `/settings auto-answer channel: on:` (Manage Server).');
  return notice(lines.join('\n'));
}
