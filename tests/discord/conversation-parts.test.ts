import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelRate } from '../../src/discord/channel-rate.ts';
import { JsonFileSettings, SETTINGS_FILE } from '../../src/discord/channel-settings.ts';
import { finalizeChannelMessage } from '../../src/discord/finalize.ts';
import { looksLikeQuestion, mentionsUser, questionText } from '../../src/discord/message-text.ts';
import { RecentMap } from '../../src/discord/recent-map.ts';
import { createLogger } from '../../src/log.ts';
import { captureLog } from '../helpers/discord/log.ts';

const BOT = '100000000000000001';

function logger() {
  const log = captureLog();
  return { log, logger: createLogger({ level: 'debug', format: 'json', destination: log.stream }) };
}

describe('reading a message', () => {
  it('counts only a mention of the bot itself', () => {
    expect(mentionsUser(`<@${BOT}> hi`, BOT)).toBe(true);
    expect(mentionsUser(`<@!${BOT}> hi`, BOT)).toBe(true);
    expect(mentionsUser(`<@&${BOT}> hi`, BOT)).toBe(false);
    expect(mentionsUser('@everyone hi', BOT)).toBe(false);
  });

  it('takes the mentions out of the question', () => {
    expect(questionText(`<@${BOT}>  who keeps <#123456789012345678> the   rota? <@&123456789012345678>`)).toBe('who keeps the rota?');
  });

  it('tells a question from chatter', () => {
    expect(looksLikeQuestion('When does the rota change')).toBe(true);
    expect(looksLikeQuestion('the rota changes on monday, right?')).toBe(true);
    expect(looksLikeQuestion('morning all')).toBe(false);
    expect(looksLikeQuestion('why?')).toBe(false);
  });
});

describe('a channel reply through the gate', () => {
  it('references the question, pings nobody, and defuses @everyone', () => {
    const wire = finalizeChannelMessage({ content: '@everyone look', embeds: [] }, { messageId: '2', channelId: '3', guildId: '4' });
    expect(wire.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });
    expect(wire.message_reference).toEqual({ message_id: '2', channel_id: '3', guild_id: '4', fail_if_not_exists: false });
    expect(wire.content).not.toMatch(/@everyone/u);
  });
});

describe('what a conversation remembers', () => {
  it('forgets after its time, and the least recently used first past its size', () => {
    let now = 0;
    const map = new RecentMap<string>({ ttlMs: 100, max: 2, now: () => now });
    map.set('a', 'A');
    map.set('b', 'B');
    expect(map.get('a')).toBe('A');
    map.set('c', 'C');
    expect(map.has('b')).toBe(false);
    expect(map.get('a')).toBe('A');
    now = 150;
    expect(map.get('a')).toBeUndefined();
  });

  it('a channel gets a limited number of answers per window', () => {
    let now = 0;
    const rate = new ChannelRate({ perWindow: 2, windowMs: 1_000, now: () => now });
    expect([rate.take('c'), rate.take('c'), rate.take('c'), rate.take('other')]).toEqual([true, true, false, true]);
    now = 1_000;
    expect(rate.take('c')).toBe(true);
  });
});

describe('the settings file', () => {
  it('is read back by the next start, and written whole (no temporary file left)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'footnote-settings-'));
    const { logger: log } = logger();
    const first = new JsonFileSettings(dir, log);
    expect(await first.setAutoAnswer('1', '10', true)).toEqual({ saved: true });
    await first.setAutoAnswer('1', '11', true);
    await first.setAutoAnswer('1', '10', false);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    const again = new JsonFileSettings(dir, log);
    expect(again.autoAnswerChannels('1')).toEqual(['11']);
    expect(again.isAutoAnswer('1', '10')).toBe(false);
  });

  it('two stores on one file (shards) keep each other\'s servers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'footnote-settings-'));
    const { logger: log } = logger();
    const shard0 = new JsonFileSettings(dir, log);
    const shard1 = new JsonFileSettings(dir, log);
    await shard0.setAutoAnswer('1', '10', true);
    await shard1.setAutoAnswer('2', '20', true);
    const restarted = new JsonFileSettings(dir, log);
    expect([restarted.autoAnswerChannels('1'), restarted.autoAnswerChannels('2')]).toEqual([['10'], ['20']]);
  });

  it('a broken file is set aside and logged; the bot starts with none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'footnote-settings-'));
    await writeFile(join(dir, SETTINGS_FILE), '{ not json');
    const { log, logger: l } = logger();
    const store = new JsonFileSettings(dir, l);
    expect(store.autoAnswerChannels('1')).toEqual([]);
    expect(log.lines().some((line) => line['msg'] === 'the settings file is not valid; starting with no help channels')).toBe(true);
    const aside = (await readdir(dir)).find((f) => f.startsWith(`${SETTINGS_FILE}.unreadable-`));
    expect(aside && (await readFile(join(dir, aside), 'utf8'))).toBe('{ not json');
  });

  it('a folder it cannot write to: the change holds in memory, the failure is logged', async () => {
    // A data folder under a file cannot be made, whoever runs the test.
    const parent = await mkdtemp(join(tmpdir(), 'footnote-settings-'));
    await writeFile(join(parent, 'file'), '');
    const { log, logger: l } = logger();
    const store = new JsonFileSettings(join(parent, 'file', 'data'), l);
    expect(await store.setAutoAnswer('1', '10', true)).toEqual({ saved: false });
    expect(store.isAutoAnswer('1', '10')).toBe(true);
    expect(log.lines().some((line) => line['msg'] === 'cannot save the settings; the change holds until the bot restarts')).toBe(true);
  });
});
