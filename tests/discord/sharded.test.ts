// The parts of `npm run start:sharded` that need no process: settings, spawn pacing, the shard's
// view of its environment and of signals. tests/main/sharded.test.ts runs the whole thing.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { firstSignalOnly, shardFromEnv } from '../../src/discord/shard.ts';
import { describeGatewayError, MAX_SHARDS, readShardingSettings, shardExecArgv, spawnDelayFor } from '../../src/discord/sharded.ts';

function problem(env: Record<string, string>): string {
  try {
    readShardingSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('FOOTNOTE_SHARDS and FOOTNOTE_SHARD_SPAWN_DELAY_MS', () => {
  it('default to Discord’s recommendation and a delay derived from max_concurrency', () => {
    expect(readShardingSettings({})).toEqual({ shards: 'auto', spawnDelayMs: null });
    // `KEY=` copied from .env.example means unset.
    expect(readShardingSettings({ FOOTNOTE_SHARDS: '', FOOTNOTE_SHARD_SPAWN_DELAY_MS: ' ' })).toEqual({ shards: 'auto', spawnDelayMs: null });
  });

  it('accept a shard count, auto in any case, and a delay in milliseconds', () => {
    expect(readShardingSettings({ FOOTNOTE_SHARDS: ' 2 ' })).toEqual({ shards: 2, spawnDelayMs: null });
    expect(readShardingSettings({ FOOTNOTE_SHARDS: 'AUTO', FOOTNOTE_SHARD_SPAWN_DELAY_MS: '250' })).toEqual({ shards: 'auto', spawnDelayMs: 250 });
    expect(readShardingSettings({ FOOTNOTE_SHARDS: String(MAX_SHARDS), FOOTNOTE_SHARD_SPAWN_DELAY_MS: '0' })).toEqual({ shards: MAX_SHARDS, spawnDelayMs: 0 });
  });

  it('refuse anything else with a message that says what to set', () => {
    for (const value of ['two', '0', '-1', '1.5', '2 shards']) {
      expect(problem({ FOOTNOTE_SHARDS: value }), value).toMatch(/^Footnote cannot start sharded; fix these settings \(in \.env or the environment\):\n {2}FOOTNOTE_SHARDS: must be /u);
    }
    expect(problem({ FOOTNOTE_SHARDS: '0' })).toContain('FOOTNOTE_SHARDS: must be from 1 to 256 shards (each is a process on this machine), or auto');
    expect(problem({ FOOTNOTE_SHARDS: String(MAX_SHARDS + 1) })).toContain('must be from 1 to 256 shards');
    expect(problem({ FOOTNOTE_SHARDS: 'two' })).toContain('FOOTNOTE_SHARDS: must be a whole number of shards (1 to 256), or auto for the count Discord recommends');
    const both = problem({ FOOTNOTE_SHARDS: 'x', FOOTNOTE_SHARD_SPAWN_DELAY_MS: 'soon' });
    expect(both).toContain('FOOTNOTE_SHARD_SPAWN_DELAY_MS: must be a whole number of milliseconds from 0 to 60000');
    expect(problem({ FOOTNOTE_SHARD_SPAWN_DELAY_MS: '60001' })).toContain('FOOTNOTE_SHARD_SPAWN_DELAY_MS: must be at most 60000 ms');
  });
});

describe('spawn pacing', () => {
  it('keeps shards of one identify bucket 5.5 s apart: 5.5 s / max_concurrency between starts', () => {
    expect(spawnDelayFor(1)).toBe(5_500);
    expect(spawnDelayFor(2)).toBe(2_750);
    expect(spawnDelayFor(16)).toBe(344);
    // Shard i and i + max_concurrency share a bucket; they start max_concurrency delays apart.
    for (const mc of [1, 2, 3, 16]) expect(spawnDelayFor(mc) * mc).toBeGreaterThanOrEqual(5_500);
    expect(spawnDelayFor(0)).toBe(5_500);
  });
});

describe('shard processes', () => {
  it('run with the manager’s loader, without its debugger flags', () => {
    expect(shardExecArgv(['--import', 'tsx', '--inspect=9229', '--max-old-space-size=512'])).toEqual(['--import', 'tsx', '--max-old-space-size=512']);
    const fallback = shardExecArgv([]);
    expect(fallback[0]).toBe('--import');
    expect(fallback[1]).toMatch(/^file:.*tsx.*loader\.mjs$/u);
  });

  it('know their shard from what the ShardingManager passes', () => {
    expect(shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' })).toEqual({ id: 1, count: 2 });
    expect(shardFromEnv({ SHARDS: '1', SHARD_COUNT: '2' })).toBeNull();
    expect(shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '[0,1]', SHARD_COUNT: '2' })).toBeNull();
  });

  it('stop on the first SIGINT or SIGTERM and ignore the copies that follow', () => {
    const target = new EventEmitter();
    const logged: string[] = [];
    const signals = firstSignalOnly(target as never, { info: (message: string) => void logged.push(message) } as never);
    const calls: string[] = [];
    const onInt = () => void calls.push('SIGINT');
    const onTerm = () => void calls.push('SIGTERM');
    signals.on('SIGINT', onInt);
    signals.on('SIGTERM', onTerm);
    target.emit('SIGINT');
    target.emit('SIGINT');
    target.emit('SIGTERM');
    expect(calls).toEqual(['SIGINT']);
    expect(logged).toHaveLength(2);
    signals.off('SIGINT', onInt);
    signals.off('SIGTERM', onTerm);
    expect(target.listenerCount('SIGINT') + target.listenerCount('SIGTERM')).toBe(0);
  });

  it('explain a refused token when asking how to shard', () => {
    expect(describeGatewayError(Object.assign(new Error('401: Unauthorized'), { status: 401 }))).toBe(
      'Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.',
    );
    expect(describeGatewayError(new Error('connect ECONNREFUSED'))).toBe('Could not ask Discord how to shard (GET /gateway/bot): connect ECONNREFUSED');
  });
});
