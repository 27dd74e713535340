// The stand-in as a sharded bot sees Discord: IDENTIFY with `shard: [id, count]`, each shard's
// READY and GUILD_CREATEs carrying only its guilds, interactions arriving on the connection of the
// shard that owns the guild, and GET /gateway/bot recommending a shard count.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { generateGuildIds } from './discord-standin/payloads.ts';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from './discord-standin/server.ts';
import { shardOfGuild } from './discord-standin/snowflake.ts';

let standIn: DiscordStandIn | null = null;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await standIn?.close();
  standIn = null;
});

async function startStandIn(options: StandInOptions): Promise<DiscordStandIn> {
  standIn = await startDiscordStandIn({ heartbeatIntervalMs: 250, ...options });
  return standIn;
}

/**
 * A logged-in client for some shards of `shardCount`, as a ShardingManager child (or one process)
 * runs it. It answers every command with "answered by <name>" and records the interaction ids it
 * received (its handler is in place before login: what arrives with READY is not missed).
 */
async function login(s: DiscordStandIn, name: string, shards: number[] | 'auto', shardCount?: number): Promise<{ c: Client; seen: string[] }> {
  const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: s.apiUrl }, shards, ...(shardCount === undefined ? {} : { shardCount }) });
  clients.push(c);
  const seen: string[] = [];
  c.on(Events.InteractionCreate, (i: Interaction) => {
    seen.push(i.id);
    if (i.isChatInputCommand()) void i.reply({ content: `answered by ${name}`, allowedMentions: { parse: [] } });
  });
  const ready = once(c, Events.ClientReady);
  await c.login(s.token);
  await ready;
  return { c, seen };
}

describe('stand-in sharding', () => {
  it('generates guilds that take turns across shards', () => {
    const [first, second] = generateGuildIds(2);
    expect(shardOfGuild(first ?? '', 2)).toBe(0);
    expect(shardOfGuild(second ?? '', 2)).toBe(1);
    // Any count up to the number of guilds gives every shard at least one.
    const ids = generateGuildIds(5);
    for (const count of [1, 2, 3, 4, 5]) {
      expect(new Set(ids.map((id) => shardOfGuild(id, count))).size).toBe(count);
    }
    expect(new Set(ids).size).toBe(5);
  });

  it('gives each shard only its guilds and routes interactions to the shard that owns the guild', async () => {
    const s = await startStandIn({ guildCount: 4 });
    const onShard0 = s.guildsOfShard(0, 2);
    const onShard1 = s.guildsOfShard(1, 2);
    expect(onShard0).toHaveLength(2);
    expect(onShard1).toHaveLength(2);

    // Two clients, one shard each: what two ShardingManager children are.
    const { c: c0, seen: seen0 } = await login(s, 'shard 0', [0], 2);
    const { c: c1, seen: seen1 } = await login(s, 'shard 1', [1], 2);
    expect(s.identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(s.identifies.map((i) => i.guildIds)).toEqual([onShard0, onShard1]);
    expect([...c0.guilds.cache.keys()].sort()).toEqual([...onShard0].sort());
    expect([...c1.guilds.cache.keys()].sort()).toEqual([...onShard1].sort());
    for (const guild of c1.guilds.cache.values()) expect(guild.shardId).toBe(1);

    const records = [];
    for (const guildId of [...onShard0, ...onShard1]) {
      const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId });
      await s.waitForFirstResponse(record.id);
      records.push(record);
    }
    expect(records.map((r) => r.original?.content)).toEqual(['answered by shard 0', 'answered by shard 0', 'answered by shard 1', 'answered by shard 1']);
    expect(seen0).toEqual(records.slice(0, 2).map((r) => r.id));
    expect(seen1).toEqual(records.slice(2).map((r) => r.id));
    expect(s.violations).toEqual([]);
  });

  it('holds an interaction until the shard that owns its guild connects, while other shards identify', async () => {
    const s = await startStandIn({ guildCount: 2 });
    const [guild0, guild1] = s.guildIds;
    // No shard is connected: the dispatch waits for shard 1 ...
    const pending = s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId: guild1 ?? '' });
    // ... and shard 0 identifying neither serves nor fails that wait.
    const { seen: seen0 } = await login(s, 'shard 0', [0], 2);
    const first = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId: guild0 ?? '' });
    await s.waitForFirstResponse(first.id);
    const { seen: seen1 } = await login(s, 'shard 1', [1], 2);
    const record = await pending;
    await s.waitForFirstResponse(record.id);
    expect(record.original?.content).toBe('answered by shard 1');
    expect(seen1).toEqual([record.id]);
    expect(seen0).toEqual([first.id]);
  });

  it("recommends the configured shard count and max_concurrency, and a client with shards: 'auto' identifies every shard", async () => {
    const s = await startStandIn({ guildCount: 3, recommendedShards: 3, maxConcurrency: 3 });
    const info = (await (await fetch(`${s.apiUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${s.token}` } })).json()) as {
      shards: number;
      session_start_limit: { max_concurrency: number };
    };
    expect(info.shards).toBe(3);
    expect(info.session_start_limit.max_concurrency).toBe(3);

    // One process with three shards: discord.js throttles IDENTIFY per bucket (shard % max_concurrency);
    // with max_concurrency 3 each shard has its own bucket. How long that takes is the bench's to say.
    const { c } = await login(s, 'all shards', 'auto');
    expect(s.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect([...c.guilds.cache.keys()].sort()).toEqual([...s.guildIds].sort());
    for (const guildId of s.guildIds) expect(c.guilds.cache.get(guildId)?.shardId).toBe(shardOfGuild(guildId, 3));
  });

  it('refuses a shard outside [0, count) with 4010, as Discord does', async () => {
    const s = await startStandIn({});
    for (const shard of [[2, 2], [0, 0], [-1, 2], [0]]) {
      const socket = new WebSocket(`${s.gatewayUrl}/?v=10&encoding=json`);
      const closed = once(socket, 'close') as Promise<[number, Buffer]>;
      await once(socket, 'message');
      socket.send(JSON.stringify({ op: 2, d: { token: s.token, intents: 1, properties: {}, shard } }));
      const [code] = await closed;
      expect(code, JSON.stringify(shard)).toBe(4010);
    }
    expect(s.identifies).toEqual([]);
  });

  it('rejects guildIds together with guildCount', async () => {
    await expect(startDiscordStandIn({ guildIds: ['500000000000000001'], guildCount: 2 })).rejects.toThrow(/guildIds or guildCount/);
  });
});
