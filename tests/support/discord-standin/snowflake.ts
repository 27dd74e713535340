// Real Discord snowflakes: (ms since the Discord epoch) << 22 | worker << 17 | process << 12 | increment.
// discord.js parses ids with BigInt and derives timestamps from them, so they must be genuine.
import { randomBytes } from 'node:crypto';

export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export function snowflakeAt(timestampMs: number, increment = 0, worker = 1, processId = 0): string {
  const ms = BigInt(Math.floor(timestampMs)) - DISCORD_EPOCH_MS;
  return (
    (ms << 22n) |
    (BigInt(worker & 0x1f) << 17n) |
    (BigInt(processId & 0x1f) << 12n) |
    BigInt(increment & 0xfff)
  ).toString();
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}

/**
 * The shard that receives a guild's events: Discord's formula, `(guild_id >> 22) % num_shards`
 * (https://discord.com/developers/docs/events/gateway#sharding), i.e. the guild's creation
 * millisecond modulo the shard count.
 */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Generates unique, increasing snowflakes from the clock plus a per-millisecond counter. */
export class SnowflakeFactory {
  #lastMs = 0;
  #increment = 0;

  next(now: number = Date.now()): string {
    let ms = Math.max(Math.floor(now), this.#lastMs);
    if (ms === this.#lastMs) {
      this.#increment += 1;
      // 12 bits of increment per millisecond; borrow the next millisecond when they run out.
      if (this.#increment > 0xfff) {
        ms += 1;
        this.#increment = 0;
      }
    } else {
      this.#increment = 0;
    }
    this.#lastMs = ms;
    return snowflakeAt(ms, this.#increment);
  }
}

/** Interaction tokens are opaque, URL-safe and long on Discord; ours only need to be unguessable. */
export function makeInteractionToken(): string {
  return `aW50ZXJhY3Rpb24.${randomBytes(48).toString('base64url')}`;
}
