// The bot token never leaves the process: not in the log, not in anything sent to Discord, not in
// an error message a person sees, not in what a crashing `npm start` prints. Interaction tokens
// (they can edit the bot's replies for 15 minutes) stay out of the log too.
import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatInputCommandModule } from '../../src/discord/context.ts';
import { tempDir } from '../helpers/folders.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-standin/server.ts';
import { ANSWERABLE, answered } from '../helpers/discord/faults.ts';
import { FIXTURE_DIR } from '../helpers/discord/fixtures.ts';
import { customIdOf, EPHEMERAL, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';
import { cleanEnv, jsonLines, runScript } from '../helpers/discord/process.ts';

/** The token and each of its three parts: a part alone (the HMAC above all) is as bad. */
const SECRET_PARTS = [TEST_TOKEN, ...TEST_TOKEN.split('.').filter((p) => p.length >= 8)];

function expectNoToken(what: string, text: string): void {
  for (const part of SECRET_PARTS) expect(text.includes(part), `${what} contains (part of) the token`).toBe(false);
}

/** A command whose handler fails with the token in its error, as a careless bug would. */
const leaky: ChatInputCommandModule = {
  kind: 'chatInput',
  data: new SlashCommandBuilder().setName('leak').setDescription('Fails with the token in its error'),
  cooldown: false,
  async execute(_interaction, reply) {
    await reply.defer({ private: false });
    throw new Error(`could not reach https://discord.com/api/v10?auth=Bot ${TEST_TOKEN}`);
  },
};

describe('in the running bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ extraCommands: [leaky] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('after answers, failures with the token in them and REST faults, no output holds the token', async () => {
    const user = h.newUser();
    const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: user, options: { question: ANSWERABLE, private: true } });
    await h.run({ kind: 'button', userId: user, messageId: answer.original?.id ?? '', customId: customIdOf(answer.original, 'Send to channel') });
    const leak = await h.run({ kind: 'chatInput', name: 'leak', userId: h.newUser() });
    await h.s.waitFor(leak.id, (r) => r.followups.some((m) => /reference/u.test(m.content)));
    h.s.failNext('/callback', 502, undefined, 2);
    h.s.failNext('GET /webhooks/', 500);
    const lost = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
    await h.handled(lost.id);
    expect(h.log.lines().some((l) => l['interaction'] === lost.id && /^gave up/u.test(String(l['msg'])))).toBe(true);
    h.s.failNext('POST /webhooks/', 429, { message: 'You are being rate limited.', retry_after: 0.05, global: false });
    const limited = await h.run({ kind: 'chatInput', name: 'leak', userId: h.newUser() });
    await h.s.waitFor(limited.id, answered);
    await h.bot.stop();

    // The person sees a reference, never the error.
    const notice = leak.followups.find((m) => /reference/u.test(m.content));
    expect(notice?.flags).toBe(EPHEMERAL);
    expect(notice?.content).not.toMatch(/discord\.com|auth=/u);

    expectNoToken('the log', h.log.text());
    expect(h.log.text()).toContain('[redacted]');
    expectNoToken('requests the bot sent', JSON.stringify(h.s.requests.map((r) => ({ path: r.path, query: r.query, body: r.body }))));
    expectNoToken('messages', JSON.stringify([...h.s.messages.values()]));
    expectNoToken('interactions', JSON.stringify([...h.s.interactions.values()].map((r) => [r.original, r.followups, r.errors, r.choices])));
    // Interaction tokens: in the URLs of the bot's requests, never in its log.
    for (const record of h.s.interactions.values()) expect(h.log.text().includes(record.token), `interaction ${record.id}'s token is in the log`).toBe(false);
  });
});

describe('npm start, as its own process', () => {
  let s: DiscordStandIn;
  let cwd: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    s = await startDiscordStandIn({ token: TEST_TOKEN, heartbeatIntervalMs: 1_000 });
    cwd = await tempDir('footnote-secrets-');
  });
  afterAll(async () => {
    await s?.close();
    await cwd?.cleanup();
  });
  const env = (token: string) =>
    cleanEnv({ DISCORD_TOKEN: token, DISCORD_CLIENT_ID: s.applicationId, DISCORD_API_URL: s.apiUrl, KNOWLEDGE_DIR: FIXTURE_DIR, FOOTNOTE_CACHE: 'off' });

  it('with a token Discord refuses: says so, exits 1, and prints none of it', async () => {
    const refused = `${TEST_TOKEN.slice(0, -6)}Zz9Zz9`;
    const run = await runScript('src/main/start.ts', { env: env(refused), cwd: cwd.dir });
    expect(run.code).toBe(1);
    const fatal = jsonLines(run.stderr).find((l) => l['level'] === 60);
    expect(fatal?.['msg']).toBe('Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.');
    expect(s.requests.some((r) => r.path === '/gateway/bot' && r.status === 401)).toBe(true);
    for (const part of [refused, ...refused.split('.').filter((p) => p.length >= 8)]) {
      expect((run.stderr + run.stdout).includes(part)).toBe(false);
    }
  });

  it('a rejection nobody handles and an exception nobody catches are logged scrubbed; the process shuts down with 1', async () => {
    const run = await runScript('tests/helpers/discord/scripts/crash.ts', { env: env(TEST_TOKEN), cwd: cwd.dir });
    expect(run.code).toBe(1);
    expectNoToken('stderr of the crash', run.stderr);
    expectNoToken('stdout of the crash', run.stdout);
    const lines = jsonLines(run.stderr);
    const rejection = lines.find((l) => /^unhandled promise rejection/u.test(String(l['msg'])));
    expect((rejection?.['err'] as { message?: string } | undefined)?.message).toBe('a promise nobody awaited, holding [redacted]');
    const uncaught = lines.find((l) => /^uncaught exception; shutting down/u.test(String(l['msg'])));
    expect(uncaught).toMatchObject({ level: 60, err: { message: 'an exception nobody caught, holding [redacted]' } });
    // Then the ordinary shutdown: in-flight work answered, the connection closed.
    expect(lines.map((l) => l['msg'])).toEqual(expect.arrayContaining(['uncaught exception: shutting down', 'disconnected from Discord']));
    // Nothing but log lines: Node did not print its own report of the error.
    expect(run.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'))).toEqual([]);
  });
});
