// `npm run start:sharded` as a person runs it: the manager as its own process, two shards as its
// children, the stand-in as Discord with one guild on each shard.
import { cp, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { openKnowledgeBase } from '../../src/search/index.ts';
import { tempDir } from '../helpers/folders.ts';
import { startDiscordStandIn, type DiscordStandIn, type InteractionRecord } from '../support/discord-standin/server.ts';
import { FIXTURE_DIR } from '../helpers/discord/fixtures.ts';
import { embedOf, TEST_TOKEN } from '../helpers/discord/harness.ts';
import { cleanEnv, jsonLines, startScript } from '../helpers/discord/process.ts';

/**
 * Guards against a hang only, never a measure of speed: three Node processes start here, and on a
 * loaded 2-core machine that can take many seconds.
 */
const EVENT_GUARD_MS = 45_000;
const PROCESS_GUARD_MS = 100_000;
const TEST_GUARD_MS = 120_000;

let s: DiscordStandIn;
let cwd: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  // Two guilds, created a millisecond apart: the first on shard 0, the second on shard 1 of 2.
  // max_concurrency 16 (as Discord grants large bots): the manager spaces shard starts by
  // 5.5 s / 16 instead of 5.5 s, so the test does not wait for Discord's identify pacing.
  s = await startDiscordStandIn({ token: TEST_TOKEN, guildCount: 2, maxConcurrency: 16, heartbeatIntervalMs: 1_000 });
  await deployCommands({ token: s.token, clientId: s.applicationId, guildId: null, apiUrl: s.apiUrl }, commandDefinitions());
  // An empty working folder: no .env of the developer's gets read. The index goes under it.
  cwd = await tempDir('footnote-sharded-');
});
afterAll(async () => {
  await s?.close();
  await cwd?.cleanup();
});

/** The interaction once its answer is in place (answered at once, or deferred and then edited). */
/** The sharding manager as `npm run start:sharded` runs it, pointed at the stand-in. */
function startSharded(env: Record<string, string>, options: { detached?: boolean; timeoutMs?: number } = {}) {
  return startScript('src/main/sharded.ts', {
    cwd: cwd.dir,
    ...options,
    env: cleanEnv({ DISCORD_TOKEN: s.token, DISCORD_CLIENT_ID: s.applicationId, DISCORD_API_URL: s.apiUrl, KNOWLEDGE_DIR: FIXTURE_DIR, ...env }),
  });
}

function answered(record: InteractionRecord): Promise<InteractionRecord> {
  return s.waitFor(record.id, (r) => (r.original?.embeds.length ?? 0) > 0 && ((r.original?.flags ?? 0) & 128) === 0, EVENT_GUARD_MS);
}

describe('npm run start:sharded', () => {
  it('builds the index once, starts a process per shard that loads it, answers in guilds of both shards, restarts a shard that dies, and stops cleanly on SIGTERM', { timeout: TEST_GUARD_MS }, async () => {
    const cacheDir = join(cwd.dir, 'cache');
    const [guild0, guild1] = [s.guildsOfShard(0, 2)[0] ?? '', s.guildsOfShard(1, 2)[0] ?? ''];
    expect(guild0).not.toBe('');
    expect(guild1).not.toBe('');

    const run = startSharded(
      // LOG_LEVEL debug shows which shard handled each command ('command' lines carry the shard id).
      { FOOTNOTE_CACHE_DIR: cacheDir, FOOTNOTE_DATA_DIR: join(cwd.dir, 'data'), FOOTNOTE_SHARDS: '2', LOG_LEVEL: 'debug' },
      { timeoutMs: PROCESS_GUARD_MS },
    );
    await run.waitForStderr(/"msg":"all shards ready"/u, EVENT_GUARD_MS);

    // Each shard identified as itself, and its READY listed only its own guild.
    expect(s.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const identify of s.identifies) expect(identify.guildIds).toEqual(identify.shard?.[0] === 0 ? [guild0] : [guild1]);

    // One question in a guild of each shard: the stand-in delivers each on that shard's connection.
    const onShard0 = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId: guild0, userId: '300000000000000101', options: { question: 'When does the on-call rota change?' } });
    const onShard1 = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId: guild1, userId: '300000000000000102', options: { question: 'Who approves refunds above 200 euros?' } });
    await answered(onShard0);
    await answered(onShard1);
    expect(embedOf(onShard0.original).description).toBe('> The on-**call** **rota** **changes** every Monday at 10:00. [1]');
    expect(embedOf(onShard1.original).title).toBe('Who approves refunds above 200 euros?');
    expect(embedOf(onShard1.original).description).toMatch(/\*\*refunds?\*\*/iu);
    expect(s.violations).toEqual([]);

    // A shard that dies is started again by the manager, logged, and answers again.
    const shard1Pid = jsonLines(run.stderr()).find((l) => l['msg'] === 'shard process started' && l['shard'] === 1)?.['shardPid'];
    expect(typeof shard1Pid).toBe('number');
    process.kill(Number(shard1Pid), 'SIGKILL');
    await run.waitForStderr(/"shard":1,"msg":"shard ready"[^]*"shard":1,"msg":"shard ready"/u, EVENT_GUARD_MS);
    const again = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId: guild1, userId: '300000000000000103', options: { question: 'When does the on-call rota change?' } });
    await answered(again);
    expect(embedOf(again.original).description).toBe('> The on-**call** **rota** **changes** every Monday at 10:00. [1]');
    expect(s.identifies.map((i) => i.shard)).toContainEqual([1, 2]);
    expect(s.identifies).toHaveLength(3);

    const cacheFiles = await readdir(cacheDir);
    expect(cacheFiles.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const indexFile = join(cacheDir, cacheFiles.find((f) => f.endsWith('.bin')) ?? '');
    const { mtimeMs } = await stat(indexFile);

    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(s.token);

    // Both shards wrote to the one question log, the shard started again included. (The first
    // shard 1 process was killed with SIGKILL right after it answered, inside the second within
    // which a record may still be unwritten.)
    const log = new Database(join(cwd.dir, 'data', 'questions.sqlite'), { readonly: true });
    const logged = log.prepare('SELECT guild_id AS guild, question FROM questions ORDER BY asked_at').all();
    log.close();
    expect(logged).toEqual(
      expect.arrayContaining([
        { guild: guild0, question: 'When does the on-call rota change?' },
        { guild: guild1, question: 'When does the on-call rota change?' },
      ]),
    );

    const lines = jsonLines(result.stderr);
    const manager = lines.filter((l) => l['role'] === 'manager');
    const ofShard = (id: number) => lines.filter((l) => l['shard'] === id && l['role'] === undefined);
    const messages = (ls: Record<string, unknown>[]) => ls.map((l) => l['msg']);

    // The index was built once, by the manager, before any shard started ...
    const built = manager.filter((l) => l['msg'] === 'index ready');
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ from: 'build', file: indexFile });
    expect(messages(manager).indexOf('index ready')).toBeLessThan(messages(manager).indexOf('shard process started'));
    expect(manager.find((l) => l['msg'] === 'starting 2 shard(s)')).toMatchObject({ shards: 2, maxConcurrency: 16, spawnDelayMs: 344 });
    // ... and each shard loaded it from disk, without building or rewriting it (the shard started
    // again too).
    expect(lines.filter((l) => l['msg'] === 'loaded the persisted index').map((l) => l['shard'])).toEqual([0, 1, 1]);
    for (const id of [0, 1]) {
      expect(messages(ofShard(id))).toEqual(expect.arrayContaining(['starting Footnote shard', 'loaded the persisted index', 'knowledge base ready', 'connected to Discord as footnote-standin']));
      expect(messages(ofShard(id)).some((m) => String(m).startsWith('built the index'))).toBe(false);
      expect(ofShard(id).find((l) => l['msg'] === 'connected to Discord as footnote-standin')).toMatchObject({ guilds: 1 });
    }
    // Written before the manager said so (log times are whole milliseconds), never again after.
    expect(Math.floor(mtimeMs)).toBeLessThanOrEqual(Number(built[0]?.['time']));

    // Each command was handled by the shard that owns its guild; the last one by the new shard 1 process.
    const handledBy = (interaction: string) => lines.filter((l) => l['msg'] === 'command' && l['interaction'] === interaction).map((l) => [l['shard'], l['pid']]);
    expect(handledBy(onShard0.id)).toEqual([[0, expect.any(Number)]]);
    expect(handledBy(onShard1.id)).toEqual([[1, shard1Pid]]);
    const [[, newPid] = []] = handledBy(again.id);
    expect(handledBy(again.id)).toEqual([[1, expect.any(Number)]]);
    expect(newPid).not.toBe(shard1Pid);
    expect(manager.filter((l) => l['msg'] === 'shard process exited; starting it again')).toEqual([expect.objectContaining({ shard: 1, code: null, signal: 'SIGKILL' })]);

    // SIGTERM went to both shards; each drained and disconnected, then the manager exited 0.
    for (const id of [0, 1]) expect(messages(ofShard(id))).toEqual(expect.arrayContaining(['SIGTERM: shutting down', 'disconnected from Discord']));
    expect(messages(manager)).toEqual(expect.arrayContaining(['SIGTERM: stopping the shards', 'all shards stopped']));
  });

  it('passes a /reload on one shard on to the other, and only shard 0 rewrites the index', { timeout: TEST_GUARD_MS }, async () => {
    // A copy of the fixture that the test can add to; no watchers, so only /reload reloads.
    const knowledgeDir = join(cwd.dir, 'knowledge-reload');
    await cp(FIXTURE_DIR, knowledgeDir, { recursive: true });
    const cacheDir = join(cwd.dir, 'cache-reload');
    const run = startSharded({ KNOWLEDGE_DIR: knowledgeDir, FOOTNOTE_CACHE_DIR: cacheDir, FOOTNOTE_SHARDS: '2', FOOTNOTE_WATCH: 'false', LOG_LEVEL: 'debug' }, { timeoutMs: PROCESS_GUARD_MS });
    await run.waitForStderr(/"msg":"all shards ready"/u, EVENT_GUARD_MS);
    const [guild0, guild1] = [s.guildsOfShard(0, 2)[0] ?? '', s.guildsOfShard(1, 2)[0] ?? ''];
    const indexFile = join(cacheDir, (await readdir(cacheDir)).find((f) => f.endsWith('.bin')) ?? '');
    const before = (await stat(indexFile)).mtimeMs;

    await writeFile(join(knowledgeDir, 'kitchen.md'), '# Kitchen\n\nThe blue kettle lives in room 42.');
    const reload = await s.dispatchInteraction({
      kind: 'chatInput',
      name: 'reload',
      guildId: guild1,
      userId: '300000000000000201',
      memberPermissions: (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages).toString(),
    });
    await s.waitFor(reload.id, (r) => (r.original?.content ?? '').includes('Added: `kitchen`'), EVENT_GUARD_MS);
    // Shard 0 heard of it from the manager and reloaded too: its guild gets the new material.
    await run.waitForStderr(/"shard":0,[^\n]*"trigger":"\/reload on shard 1"[^\n]*reloaded: 1 added/u, EVENT_GUARD_MS);
    const onShard0 = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', guildId: guild0, userId: '300000000000000202', options: { question: 'Where does the blue kettle live?' } });
    await answered(onShard0);
    expect(embedOf(onShard0.original).description).toMatch(/room 42/u);

    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(0);
    // Both shards reloaded; shard 0 alone wrote the reloaded index, which the next start loads as it is.
    const lines = jsonLines(result.stderr);
    expect(lines.filter((l) => String(l['msg']).startsWith('reloaded: 1 added')).map((l) => l['shard']).sort()).toEqual([0, 1]);
    expect(lines.filter((l) => l['msg'] === 'persisted the reloaded index').map((l) => l['shard'])).toEqual([0]);
    expect((await stat(indexFile)).mtimeMs).toBeGreaterThan(before);
    const reopened = await openKnowledgeBase({ knowledgeDir, cacheDir });
    expect(reopened.from).toBe('cache');
    expect(reopened.kb.documents.map((d) => d.id)).toContain('kitchen');
    expect(s.violations).toEqual([]);
  });

  it('stops cleanly on Ctrl-C, when the terminal sends SIGINT to the manager and every shard at once', { timeout: TEST_GUARD_MS }, async () => {
    // An index persisted earlier (by `npm run index`, or the last start): found fresh, not built again.
    const cacheDir = join(cwd.dir, 'cache-ctrl-c');
    await openKnowledgeBase({ knowledgeDir: FIXTURE_DIR, cacheDir });
    const run = startSharded({ FOOTNOTE_CACHE_DIR: cacheDir, FOOTNOTE_SHARDS: '2' }, { timeoutMs: PROCESS_GUARD_MS, detached: true });
    await run.waitForStderr(/"msg":"all shards ready"/u, EVENT_GUARD_MS);
    // The whole group, as Ctrl-C does: each shard gets SIGINT from the terminal and again from the manager.
    process.kill(-(run.child.pid ?? 0), 'SIGINT');
    const result = await run.done;
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stderr);
    expect(lines.find((l) => l['msg'] === 'index ready')).toMatchObject({ from: 'cache' });
    for (const id of [0, 1]) {
      const messages = lines.filter((l) => l['shard'] === id && l['role'] === undefined).map((l) => l['msg']);
      expect(messages).toEqual(expect.arrayContaining(['SIGINT: shutting down', 'disconnected from Discord']));
      // The copy, when it arrives separately (the kernel merges a signal sent again before the first
      // was handled), is ignored rather than taken as "pressed again: force it" and exit 1.
      expect(messages.filter((m) => String(m).startsWith('SIGINT while already stopping')).length).toBeLessThanOrEqual(1);
      expect(messages).not.toContain('SIGINT again; exiting now');
    }
    expect(lines.filter((l) => l['role'] === 'manager').map((l) => l['msg'])).toEqual(expect.arrayContaining(['SIGINT: stopping the shards', 'all shards stopped']));
  });

  it('refuses a bad FOOTNOTE_SHARDS with a clear message and exit code 1, before starting anything', async () => {
    const run = startSharded({ FOOTNOTE_CACHE: 'off', FOOTNOTE_SHARDS: 'two' });
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Footnote cannot start sharded; fix these settings');
    expect(result.stderr).toContain('FOOTNOTE_SHARDS: must be a whole number of shards (1 to 256), or auto');
    expect(result.stderr).not.toContain(s.token);
  });
});
