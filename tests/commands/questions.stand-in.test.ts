// Votes, /questions and /forget-me through the Discord stand-in with the real discord.js client,
// the question log in SQLite in the test's own data folder.
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buttonsOf, customIdOf, embedOf, EPHEMERAL, type Harness } from '../helpers/discord/harness.ts';
import { sharedHarness } from '../helpers/discord/shared-harness.ts';
import type { OptionInput } from '../support/discord-standin/types.ts';

let h: Harness;
sharedHarness((started) => {
  h = started;
});

const MANAGE_GUILD = String(1n << 5n);

/** /ask, publicly; resolves once the bot is done with it (the question is then in the log's queue). */
async function ask(userId: string, question: string) {
  const record = await h.run({ kind: 'chatInput', name: 'ask', userId, options: { question, private: false } });
  await h.handled(record.id);
  return record;
}

/** Moves the bot's clock past the cooldown, so one person can run several commands in a row. */
function afterCooldown(): void {
  h.clock.skewMs += (h.config.cooldownSeconds + 1) * 1000;
}

/** Clicks a button as `userId` and returns the private notice the bot answered with. */
async function click(userId: string, messageId: string, customId: string): Promise<string> {
  const record = await h.run({ kind: 'button', userId, messageId, customId });
  expect(record.original?.flags).toBe(EPHEMERAL);
  return record.original?.content ?? '';
}

async function questions(userId: string, options: OptionInput[] = [], admin = true) {
  const sub = { name: 'list', type: 'subcommand' as const, options };
  const record = await h.run({ kind: 'chatInput', name: 'questions', userId, options: [sub], ...(admin ? { memberPermissions: MANAGE_GUILD } : {}) });
  await h.handled(record.id);
  return record;
}

/** Everything the log holds for this server, once what is queued has been written. */
async function logged() {
  await h.bot.context.questions.flush();
  return h.bot.context.questions.rows({ since: null, guildId: h.guildId });
}

describe('votes', () => {
  it('carry 👍 and 👎 under an answer, not under a refusal', async () => {
    const answer = await ask(h.newUser(), 'Who keeps the rota?');
    expect(buttonsOf(answer.original).get('Helpful')?.customId).toMatch(/^vote:[0-9a-z]+:up$/u);
    expect(buttonsOf(answer.original).get('Not helpful')?.customId).toMatch(/^vote:[0-9a-z]+:down$/u);
    const refusal = await ask(h.newUser(), 'What is the population of Shanghai?');
    expect(buttonsOf(refusal.original).has('Helpful')).toBe(false);
  });

  it('are one per person, can be changed, are acknowledged privately and never edit the answer', async () => {
    const answer = await ask(h.newUser(), 'When does the on-call rota change?');
    const message = answer.original;
    const before = JSON.stringify({ embeds: message?.embeds, components: message?.components });
    const voter = h.newUser();
    const up = customIdOf(message, 'Helpful');
    expect(await click(voter, message?.id ?? '', up)).toMatch(/counted as helpful/u);
    expect(await click(voter, message?.id ?? '', up)).toMatch(/already voted this answer helpful/u);
    expect(await click(voter, message?.id ?? '', customIdOf(message, 'Not helpful'))).toMatch(/now: not helpful/u);
    expect(await click(h.newUser(), message?.id ?? '', customIdOf(message, 'Not helpful'))).toMatch(/counted as not helpful/u);
    expect(JSON.stringify({ embeds: message?.embeds, components: message?.components })).toBe(before);
    const row = (await logged()).find((r) => r.question === 'When does the on-call rota change?');
    expect(row).toMatchObject({ answered: true, helpful: 0, unhelpful: 2, citations: ['handbook#p3'] });
  });

  it('on an answer older than the log keeps are refused kindly', async () => {
    const answer = await ask(h.newUser(), 'Who keeps the rota?');
    const skew = h.clock.skewMs;
    h.clock.skewMs += (h.config.questionLog.logDays + 1) * 24 * 60 * 60_000;
    try {
      expect(await click(h.newUser(), answer.original?.id ?? '', customIdOf(answer.original, 'Helpful'))).toMatch(/older than the 90 days the question log keeps/u);
    } finally {
      h.clock.skewMs = skew;
    }
  });

  it('on an answer the log no longer holds are not counted', async () => {
    const asker = h.newUser();
    const answer = await ask(asker, 'How many days of holiday does a team member have?');
    await h.bot.context.questions.flush();
    await h.bot.context.questions.forgetUser(asker);
    expect(await click(h.newUser(), answer.original?.id ?? '', customIdOf(answer.original, 'Helpful'))).toMatch(/no longer in the question log/u);
  });
});

describe('learning from votes', () => {
  it('stops offering a paragraph two people voted down for that question, and only for it', async () => {
    const question = 'What happens when the on-call engineer cannot fix an incident?';
    const first = await ask(h.newUser(), question);
    const cited = customIdOf(first.original, 'Show paragraph [1]');
    for (const voter of [h.newUser(), h.newUser()]) expect(await click(voter, first.original?.id ?? '', customIdOf(first.original, 'Not helpful'))).toMatch(/not helpful/u);
    await h.bot.context.learning.refresh();
    const again = await ask(h.newUser(), question);
    expect(buttonsOf(again.original).get('Show paragraph [1]')?.customId).not.toBe(cited);
    const other = await ask(h.newUser(), 'Who does the on-call engineer escalate to?');
    expect(customIdOf(other.original, 'Show paragraph [1]')).toBe(cited);
  });

  it('lets one person change nothing for everyone else', async () => {
    const question = 'Who approves refunds above 200 euros?';
    const first = await ask(h.newUser(), question);
    await click(h.newUser(), first.original?.id ?? '', customIdOf(first.original, 'Not helpful'));
    await h.bot.context.learning.refresh();
    const again = await ask(h.newUser(), question);
    expect(embedOf(again.original).description).toBe(embedOf(first.original).description);
  });
});

describe('/questions', () => {
  it('is for Manage Server: hidden by default and refused by the bot to a member', async () => {
    const definition = h.s.commands.guild.get(h.guildId)?.find((c) => c.name === 'questions');
    expect(definition?.['default_member_permissions']).toBe(MANAGE_GUILD);
    const record = await questions(h.newUser(), [], false);
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(record.original?.content).toMatch(/Only members with the Manage Server permission/u);
  });

  it('lists declined questions with their other wordings grouped, most asked first', async () => {
    await ask(h.newUser(), 'What is the population of Shanghai?');
    await ask(h.newUser(), 'how many people live in Shanghai');
    await ask(h.newUser(), 'What is the population of Shanghai?');
    await ask(h.newUser(), 'What is the capital of France?');
    await h.bot.context.questions.flush();
    const record = await questions(h.newUser());
    expect(record.original?.flags).toBe(EPHEMERAL);
    const embed = embedOf(record.original);
    expect(embed.title).toMatch(/^Questions the material does not answer well — last 7 days/u);
    const lines = embed.description?.split('\n') ?? [];
    const shanghai = lines.findIndex((l) => l.includes('“What is the population of Shanghai?”'));
    expect(lines[shanghai]).toMatch(/asked [34]×, declined [34]×/u);
    expect(lines[shanghai + 1]).toContain('“how many people live in Shanghai”');
    expect(lines.some((l) => l.includes('capital of France'))).toBe(true);
    // Answered questions nobody voted down are not on the to-do list.
    expect(embed.description).not.toContain('Who keeps the rota?');
  });

  it('shows a question typed to break out of its embed as plain text', async () => {
    await ask(h.newUser(), '**bold** @everyone `tick` what about [link](https://evil.example)?');
    await h.bot.context.questions.flush();
    const record = await questions(h.newUser(), [{ name: 'show', type: 'string', value: 'all' }]);
    const description = embedOf(record.original).description ?? '';
    expect(description).not.toMatch(/(?<!\\)\*\*bold/u);
    expect(description).not.toMatch(/@everyone(?!\u200b)/u);
    expect(record.original?.allowed_mentions).toEqual({ parse: [], users: [] });
  });
});

describe('/forget-me', () => {
  it("removes the person's questions and votes, and only theirs", async () => {
    const person = h.newUser();
    const other = h.newUser();
    await ask(person, 'Who keeps the rota?');
    afterCooldown();
    await ask(person, 'What is the population of Shanghai?');
    afterCooldown();
    const theirs = await ask(other, 'Who approves refunds above 200 euros?');
    await click(person, theirs.original?.id ?? '', customIdOf(theirs.original, 'Helpful'));
    const record = await h.run({ kind: 'chatInput', name: 'forget-me', userId: person, options: {} });
    await h.handled(record.id);
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(record.original?.content).toMatch(/Removed the 2 questions you asked and every vote you cast/u);
    const rows = await logged();
    const refunds = rows.find((r) => r.question === 'Who approves refunds above 200 euros?');
    expect(refunds).toMatchObject({ helpful: 0 });
    expect(h.log.text()).not.toMatch(new RegExp(`"count":2[^\\n]*${person}`, 'u'));
  });
});

const documents = async () => embedOf((await h.run({ kind: 'chatInput', name: 'documents', userId: h.newUser(), options: {} })).original).description ?? '';

describe('a locked database', () => {
  it('never stops answering: the question waits in memory, /documents says so, and it is written once the lock goes', async () => {
    expect(await documents()).toMatch(/Question log: SQLite, writing normally\./u);
    const log = h.bot.context.questions;
    await log.flush();
    // Another process holds the write lock, as a backup tool or a stuck writer would.
    const other = new Database(join(h.config.questionLog.dataDir, 'questions.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    let locked = true;
    try {
      const failed = once(log.events, 'failed');
      const answer = await ask(h.newUser(), 'Who keeps the rota?');
      expect(embedOf(answer.original).description).toContain('shared calendar');
      await failed;
      expect(log.health()).toMatchObject({ state: 'retrying', pending: 1 });
      expect(await documents()).toMatch(/Question log: SQLite is failing since .*; 1 question held in memory and retried\. Answers are not affected\./u);
      const recovered = once(log.events, 'recovered');
      other.exec('COMMIT');
      locked = false;
      await recovered;
    } finally {
      if (locked) other.exec('ROLLBACK');
      other.close();
    }
    expect(log.health().state).toBe('ok');
    expect((await logged()).filter((r) => r.question === 'Who keeps the rota?').length).toBeGreaterThan(0);
    expect(h.log.lines().some((l) => l['level'] === 40 && String(l['msg']).includes('question log'))).toBe(true);
  });
});

describe('/questions clear', () => {
  const clear = async (confirm: boolean, admin = true) => {
    const record = await h.run({
      kind: 'chatInput',
      name: 'questions',
      userId: h.newUser(),
      options: [{ name: 'clear', type: 'subcommand', options: [{ name: 'confirm', type: 'boolean', value: confirm }] }],
      ...(admin ? { memberPermissions: MANAGE_GUILD } : {}),
    });
    expect(record.original?.flags).toBe(EPHEMERAL);
    return record.original?.content ?? '';
  };

  it("empties the server's log for an admin who confirms, and for nobody else", async () => {
    await ask(h.newUser(), 'Who keeps the rota?');
    await h.bot.context.questions.flush();
    const before = (await logged()).length;
    expect(before).toBeGreaterThan(0);
    expect(await clear(true, false)).toMatch(/Only members with the Manage Server permission/u);
    expect(await clear(false)).toMatch(/Nothing was cleared/u);
    expect(await logged()).toHaveLength(before);
    expect(await clear(true)).toBe(`Cleared this server's question log: ${before} questions and the votes on them.`);
    expect(await logged()).toEqual([]);
  });
});
