import { Events, type Client } from 'discord.js';
import type { Logger } from '../log.ts';
import { errorForLog, withoutInteractionTokens } from './logger.ts';

/**
 * The log lines of the connection to Discord: connected, dropped, resumed, started again, and
 * rate limits. `stopping()` says whether the bot is shutting down (discord.js reports its own
 * close as "reconnecting" too).
 */
export function logClientEvents(client: Client, log: Logger, stopping: () => boolean): void {
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, `connected to Discord as ${ready.user.tag}`);
  });
  client.on(Events.Error, (error) => log.error({ err: errorForLog(error) }, 'discord.js client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping()) log.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReady, (shard) => {
    // The first READY is logged as "connected"; a later one is a new session after the old one ended.
    if (client.isReady()) log.info({ shard }, 'gateway session started again (the old one could not be resumed)');
  });
  client.on(Events.ShardError, (error, shard) => log.warn({ err: errorForLog(error), shard }, 'gateway connection error'));
  logRateLimits(client, log);
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (message) => log.trace(message));
}

/**
 * discord.js emits `rateLimited` only when it holds a request back because it already knows the
 * bucket is empty; a 429 that Discord sends back is retried after Retry-After without that event.
 * Both are logged: the 429 as Discord's word, the hold as the client's own pacing.
 */
function logRateLimits(client: Client, log: Logger): void {
  client.rest.on('response', (request, response) => {
    if (response.status !== 429) return;
    const retryAfter = Number(response.headers.get('retry-after'));
    log.warn(
      {
        method: request.method,
        route: withoutInteractionTokens(request.route),
        global: response.headers.get('x-ratelimit-global') === 'true',
        retryAfterMs: Number.isFinite(retryAfter) ? Math.round(retryAfter * 1000) : null,
      },
      'rate limited by Discord',
    );
  });
  client.rest.on('rateLimited', (info) =>
    log.info({ route: withoutInteractionTokens(info.route), global: info.global, retryAfterMs: info.retryAfter }, 'waiting for a rate limit before sending'),
  );
}
