// While the knowledge base loads, and when it is big or fails: deferred replies, echoing
// autocomplete, errors with references, and starting and stopping the bot.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/search/index.ts';
import { startBot } from '../../src/discord/bot.ts';
import { readBotConfig } from '../../src/discord/config.ts';
import { describeLoginError } from '../../src/discord/start.ts';
import { commands } from '../../commands/index.ts';
import { SLOW_SUMMARY_CHUNKS } from '../../commands/summary.ts';
import { knowledgeFolder } from '../helpers/folders.ts';
import { embedOf, EPHEMERAL, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';
import { captureLog } from '../helpers/discord/log.ts';
import { Intent, startDiscordStandIn } from '../support/discord-standin/server.ts';

/** A folder big enough that a summary of all of it is deferred first. */
async function bigKb(): Promise<KnowledgeBase> {
  const paragraphs = Array.from({ length: SLOW_SUMMARY_CHUNKS + 20 }, (_, i) => `Paragraph ${i} says the rota for team ${i % 7} changes on day ${i % 5}.`);
  const folder = await knowledgeFolder({ 'big.md': `# Rotas\n\n${paragraphs.join('\n\n')}\n`, 'handbook.md': '# Refunds\n\nRefunds within 30 days are approved by support.\n' });
  try {
    return (await openKnowledgeBase({ knowledgeDir: folder.dir, cacheDir: null })).kb;
  } finally {
    await folder.cleanup();
  }
}

describe('while the knowledge base loads', () => {
  let h: Harness;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    const built = bigKb();
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    h = await startHarness({ knowledge: gate.then(() => built) });
  });
  afterAll(async () => {
    await h?.close();
    expect(h.log.text()).not.toContain(TEST_TOKEN);
  });
  afterEach(() => {
    expect(h.s.violations).toEqual([]);
  });

  it('defers at once, then edits in the answer when the material is ready', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: 'Who approves refunds within 30 days?' } });
    expect(record.firstResponse?.type).toBe(5);
    const privately = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: 'Who approves refunds?', private: true } });
    expect(privately.original?.flags).toBe(EPHEMERAL | 128);

    const typing = await h.run({ kind: 'autocomplete', name: 'ask', userId: h.newUser(), options: { question: 'refu' }, focused: 'question' });
    expect(typing.choices).toEqual([{ name: 'refu', value: 'refu' }]);

    release();
    await h.waitForHistory(record, 'editOriginal');
    expect(embedOf(record.original).description).toMatch(/^> \*\*Refunds\*\* .*\*\*30\*\* \*\*days\*\* are \*\*approved\*\* by support\. \[1\]$/u);
    await h.waitForHistory(privately, 'editOriginal');
    expect(privately.original?.flags).toBe(EPHEMERAL);
    expect(embedOf(privately.original).title).toBe('Who approves refunds?');
  });

  it('answers directly once ready, but defers a summary of a big folder', async () => {
    await h.bot.knowledge.get();
    const quick = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: 'Who approves refunds?' } });
    expect(quick.firstResponse?.type).toBe(4);
    const summary = await h.run({ kind: 'chatInput', name: 'summary', userId: h.newUser() });
    expect(summary.firstResponse?.type).toBe(5);
    await h.waitForHistory(summary, 'editOriginal');
    expect(embedOf(summary.original).title).toBe('Summary');
  });
});

describe('an interaction that waited in a backlog', () => {
  it('is deferred first (its 3 s are partly gone), then answered by editing', async () => {
    // A budget below zero: every interaction counts as late, however quick the machine.
    const h = await startHarness({ bot: { firstResponseBudgetMs: -1 } });
    try {
      const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: 'Who approves refunds above 200 euros?' } });
      expect(record.firstResponse?.type).toBe(5);
      await h.waitForHistory(record, 'editOriginal');
      expect(embedOf(record.original).title).toBe('Who approves refunds above 200 euros?');
      expect(h.s.violations).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('when the knowledge base cannot be loaded', () => {
  it('answers with a private error whose reference is in the log', async () => {
    const h = await startHarness({ knowledge: () => Promise.reject(new Error('the disk is gone')) });
    try {
      const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: 'anything' } });
      const done = await h.s.waitFor(record.id, (r) => r.followups.some((m) => /reference/u.test(m.content)));
      const message = done.followups.find((m) => /reference/u.test(m.content));
      expect(message?.flags).toBe(EPHEMERAL);
      // The public "thinking…" placeholder did not stay behind.
      expect(done.history.some((e) => e.kind === 'deleteOriginal')).toBe(true);
      const ref = /`([0-9a-f]{8})`/u.exec(message?.content ?? '')?.[1];
      const line = h.log.lines().find((l) => l['ref'] === ref);
      expect((line?.['err'] as { message?: string } | undefined)?.message).toBe('the disk is gone');
      expect(h.log.lines().some((l) => /could not load the knowledge base/u.test(String(l['msg'])))).toBe(true);
      expect(h.s.violations).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('starting and stopping', () => {
  it('startBot connects with no privileged intent (guilds, guild and direct messages); stop() disconnects and logs it', async () => {
    const s = await startDiscordStandIn({ token: TEST_TOKEN });
    const log = captureLog();
    try {
      const config = readBotConfig({ DISCORD_TOKEN: s.token, DISCORD_CLIENT_ID: s.applicationId, DISCORD_API_URL: s.apiUrl, FOOTNOTE_CACHE: 'off', LOG_FORMAT: 'json' });
      const bot = await startBot(config, { commands, logDestination: log.stream, knowledge: await bigKbOnce() });
      expect(bot.client.isReady()).toBe(true);
      expect(s.identifies[0]?.intents).toBe(Intent.Guilds | Intent.GuildMessages | Intent.DirectMessages);
      await bot.stop();
      expect(bot.client.isReady()).toBe(false);
      expect(log.lines().map((l) => l['msg'])).toEqual(expect.arrayContaining([expect.stringMatching(/^connected to Discord as /u), 'disconnected from Discord']));
      expect(log.text()).not.toContain(TEST_TOKEN);
    } finally {
      await s.close();
    }
  });

  it('a refused token is a clear message, and the token is not in it', async () => {
    const s = await startDiscordStandIn({ token: TEST_TOKEN });
    const log = captureLog();
    try {
      const wrong = `${TEST_TOKEN.slice(0, -4)}XXXX`;
      const config = readBotConfig({ DISCORD_TOKEN: wrong, DISCORD_CLIENT_ID: s.applicationId, DISCORD_API_URL: s.apiUrl, FOOTNOTE_CACHE: 'off', LOG_FORMAT: 'json' });
      const error = await startBot(config, { commands, logDestination: log.stream, knowledge: await bigKbOnce() }).catch((e: unknown) => e);
      const message = describeLoginError(error);
      expect(message).toBe('Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.');
      expect(message).not.toContain(wrong);
      expect(log.text()).not.toContain(wrong);
    } finally {
      await s.close();
    }
  });
});

let shared: Promise<KnowledgeBase> | null = null;
function bigKbOnce(): Promise<KnowledgeBase> {
  shared ??= bigKb();
  return shared;
}
