import { Client, GatewayIntentBits, Options, Partials, type WebSocketOptions } from 'discord.js';
import type { BotConfig } from './config.ts';

/**
 * discord.js throttles all of a bot's REST calls to `globalRequestsPerSecond` (default 50), the
 * size of Discord's global rate limit. But Discord exempts interaction endpoints from that limit
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), and nearly all
 * Footnote sends are interaction responses, edits and follow-ups. With the default, a busy server
 * would queue those behind a limit Discord does not apply, and replies would miss the 3-second
 * deadline. A high local ceiling removes the artificial queue; the few calls that do count
 * (fetching the gateway at login) stay far below 50/s, and a real global 429 from Discord is still
 * honoured by discord.js, which then waits as Discord tells it to.
 */
export const REST_GLOBAL_REQUESTS_PER_SECOND = 1_000;

/**
 * discord.js's REST client repeats a request that failed with a 5xx, a timeout or a reset
 * connection, up to `retries` times (default 3), whatever the request. For Footnote's requests
 * that is wrong in both directions:
 * - an interaction callback that got a 5xx or timed out may have been applied by Discord; sent
 *   again it is refused (40060) and discord.js reports that refusal as the failure, so the bot
 *   would believe it never answered and send an error on top of the answer;
 * - a follow-up that may have been posted would be posted twice;
 * - edits and deletes are idempotent and can be repeated, but better after a pause than at once.
 * So discord.js does not retry (0), and the Responder decides per kind of request: it checks and
 * at most repeats a callback once, repeats edits and deletes after pauses, and never repeats a
 * follow-up. 429s are not affected: discord.js always waits for Retry-After and retries them, as
 * Discord asks. (The one other request, GET /gateway/bot at login, then fails at once on a 5xx;
 * start-up exits 1 and the process manager starts it again.)
 */
export const REST_RETRIES = 0;

/**
 * How long a REST request may take before it counts as failed (discord.js default: 15 s). Discord
 * answers interaction requests in well under a second, and a first response has 3 s to arrive: a
 * request still open after 5 s has failed for the person, and waiting longer only holds the
 * handler (and shutdown). The Responder then finds out what happened, as after a 5xx.
 */
export const REST_TIMEOUT_MS = 5_000;

export interface ClientOptions {
  /** Gateway options for discord.js (tests pass an identify throttler that does not wait 5 s). */
  ws?: WebSocketOptions;
  /** Override REST_TIMEOUT_MS (tests). */
  restTimeoutMs?: number;
}

/**
 * The intents Footnote asks for. Guild and direct messages are not privileged: without Message
 * Content, Discord still sends the text of messages that mention the bot and of DMs, which is all
 * mentions and DMs need. Help channels need the text of every message: the privileged Message
 * Content intent, asked for only when the operator switched it on (Discord closes the connection
 * of a bot that asks for it unapproved).
 */
export function intentsFor(config: Pick<BotConfig, 'messageContent'>): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(config.messageContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/** The discord.js client: the intents above, REST as above, small caches. */
export function createClient(config: Pick<BotConfig, 'apiUrl' | 'messageContent'>, options: ClientOptions = {}): Client {
  return new Client({
    intents: intentsFor(config),
    // DM channels are never in the cache (no GUILD_CREATE lists them); discord.js drops their
    // messages unless it may make a partial channel for them.
    partials: [Partials.Channel],
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      globalRequestsPerSecond: REST_GLOBAL_REQUESTS_PER_SECOND,
      retries: REST_RETRIES,
      timeout: options.restTimeoutMs ?? REST_TIMEOUT_MS,
    },
    ...(options.ws ? { ws: options.ws } : {}),
    // A safety net under the Responder: nothing the client sends may ping by parsing.
    allowedMentions: { parse: [], repliedUser: false },
    // discord.js caches every user and member an interaction brings, and every message a button
    // click carries, for good: a bot answering thousands of people grows without bound. Footnote
    // reads who asked and what was clicked from the interaction itself and never looks a user,
    // member or message up, so it keeps only its own user and member.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
    }),
  });
}
