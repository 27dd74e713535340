import { Routes, type REST } from 'discord.js';
import type { ChannelWireMessage } from './finalize.ts';

/**
 * How a channel message reaches Discord (a reply to a mention, a DM, an answer in a help thread).
 * Not an interaction: no token, no deadline, one request each. discord.js does not repeat a
 * request that failed (client.ts), and neither does this: a message whose sending failed may have
 * been posted, and posting it again could show it twice.
 */
export interface ChannelSender {
  /** Posts a message; resolves with its id. */
  send(channelId: string, message: ChannelWireMessage): Promise<{ id: string }>;
  /** Starts a public thread on a message (the thread takes the message's id); resolves with the thread's id. */
  startThread(channelId: string, messageId: string, name: string): Promise<{ id: string }>;
}

function idOf(response: unknown): { id: string } {
  if (typeof response === 'object' && response !== null && 'id' in response && typeof response.id === 'string') return { id: response.id };
  throw new Error('Discord answered without an id');
}

/** How long an idle thread Footnote started stays open: a day, as Discord's default. */
const THREAD_ARCHIVE_MINUTES = 1_440;

export function restChannelSender(rest: REST): ChannelSender {
  return {
    async send(channelId, message) {
      return idOf(await rest.post(Routes.channelMessages(channelId), { body: message }));
    },
    async startThread(channelId, messageId, name) {
      return idOf(await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES } }));
    },
  };
}
