// Help channels Footnote answers in on its own (/settings), against the Discord stand-in with the
// real discord.js client and the privileged Message Content intent switched on.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageState, SentRecord } from '../support/discord-standin/server.ts';
import { Intent } from '../support/discord-standin/server.ts';
import { embedOf, EPHEMERAL, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';

const MANAGE_GUILD = String(1n << 5n);
const WITH_CONTENT = { env: { FOOTNOTE_MESSAGE_CONTENT: 'true' }, standIn: { allowedPrivilegedIntents: Intent.MessageContent } };

const harnesses: Harness[] = [];
afterEach(async () => {
  while (harnesses.length > 0) {
    const h = harnesses.pop();
    await h?.close();
    expect(h?.s.violations).toEqual([]);
    expect(h?.log.text()).not.toContain(TEST_TOKEN);
  }
});

async function start(options: Parameters<typeof startHarness>[0] = WITH_CONTENT): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

async function settings(h: Harness, options: { name: string; type: 'subcommand'; options: ({ name: string; type: 'channel'; value: string } | { name: string; type: 'boolean'; value: boolean })[] }, admin = true): Promise<string> {
  const record = await h.run({ kind: 'chatInput', name: 'settings', userId: h.newUser(), options: [options], ...(admin ? { memberPermissions: MANAGE_GUILD } : {}) });
  expect(record.original?.flags).toBe(EPHEMERAL);
  return record.original?.content ?? '';
}

const autoAnswer = (channel: string, on: boolean) => ({
  name: 'auto-answer',
  type: 'subcommand' as const,
  options: [
    { name: 'channel', type: 'channel' as const, value: channel },
    { name: 'on', type: 'boolean' as const, value: on },
  ],
});
const show = { name: 'show', type: 'subcommand' as const, options: [] };

/** What the bot sent about a message once it is done with it. */
async function sentAfter(h: Harness, message: MessageState, before: number): Promise<SentRecord[]> {
  await h.messageDone(message.id);
  return h.s.sent.slice(before);
}

describe('/settings', () => {
  it('needs Manage Server: hidden by default, and refused by the bot too', async () => {
    const h = await start();
    const definition = h.s.commands.guild.get(h.guildId)?.find((c) => c.name === 'settings');
    expect(definition?.['default_member_permissions']).toBe(MANAGE_GUILD);
    expect(await settings(h, autoAnswer(h.s.channelIds().help, true), false)).toMatch(/Only members with the Manage Server permission/u);
    expect(await settings(h, show)).toMatch(/Answers on its own in:\*\* none/u);
  });

  it('says plainly why a channel cannot be watched without the Message Content intent', async () => {
    const h = await start({});
    const answer = await settings(h, autoAnswer(h.s.channelIds().help, true));
    expect(answer).toMatch(/does not receive the text of messages there/u);
    expect(answer).toMatch(/Message Content Intent/u);
    expect(answer).toMatch(/FOOTNOTE_MESSAGE_CONTENT=true/u);
    expect(await settings(h, show)).toMatch(/none/u);
  });

  it('survives a restart', async () => {
    const first = await start();
    const { help } = first.s.channelIds();
    expect(await settings(first, autoAnswer(help, true))).toMatch(/now answers new questions/u);
    await first.close();
    harnesses.splice(harnesses.indexOf(first), 1);
    const second = await start({ ...WITH_CONTENT, env: { ...WITH_CONTENT.env, FOOTNOTE_DATA_DIR: first.config.dataDir } });
    expect(await settings(second, show)).toContain(`<#${help}>`);
    const before = second.s.sent.length;
    const question = await second.s.postMessage({ content: 'Who keeps the rota?', where: 'help', authorId: second.newUser() });
    expect((await sentAfter(second, question, before)).map((r) => r.kind)).toEqual(['thread', 'message']);
  });
});

describe('a help channel', () => {
  it('gets a confident answer in a thread on the question, silence when off-topic, and follow-ups in that thread', async () => {
    const h = await start();
    const { help } = h.s.channelIds();
    await settings(h, autoAnswer(help, true));

    let before = h.s.sent.length;
    const question = await h.s.postMessage({ content: 'When does the on-call rota change?', where: 'help', authorId: h.newUser() });
    const [thread, answer] = await sentAfter(h, question, before);
    expect(thread?.kind === 'thread' && thread.thread).toMatchObject({ id: question.id, parentId: help, name: 'When does the on-call rota change?' });
    expect(answer?.kind === 'message' && answer.message.channelId).toBe(question.id);
    expect(answer?.kind === 'message' && embedOf(answer.message).description).toMatch(/every Monday at 10:00/u);
    expect(answer?.kind === 'message' && answer.message.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });

    before = h.s.sent.length;
    const offTopic = await h.s.postMessage({ content: 'What is the capital of France?', where: 'help', authorId: h.newUser() });
    expect(await sentAfter(h, offTopic, before)).toEqual([]);
    const chatter = await h.s.postMessage({ content: 'morning all', where: 'help', authorId: h.newUser() });
    expect(await sentAfter(h, chatter, before)).toEqual([]);

    before = h.s.sent.length;
    const followUp = await h.s.postMessage({ content: 'and who keeps it?', where: { channelId: question.id }, authorId: h.newUser() });
    const [inThread] = await sentAfter(h, followUp, before);
    expect(inThread?.kind === 'message' && embedOf(inThread.message).description?.replace(/\*\*/gu, '')).toContain('The team lead keeps the rota');
    const thanks = await h.s.postMessage({ content: 'thanks!', where: { channelId: question.id }, authorId: h.newUser() });
    expect(await sentAfter(h, thanks, h.s.sent.length)).toEqual([]);

    // The question log has the answered ones and the declined one it stayed silent on; not the chatter.
    await h.bot.context.questions.flush();
    const logged = await h.bot.context.questions.rows({ since: null, guildId: h.guildId });
    expect(logged.map((r) => [r.question, r.answered])).toEqual([
      ['When does the on-call rota change?', true],
      ['What is the capital of France?', false],
      ['and who keeps it?', true],
    ]);
  });

  it('never answers the same message twice, and keeps to its rate per channel', async () => {
    const h = await start();
    const { help } = h.s.channelIds();
    await settings(h, autoAnswer(help, true));
    const before = h.s.sent.length;
    const questions: MessageState[] = [];
    for (let i = 0; i < 7; i++) questions.push(await h.s.postMessage({ content: `Who keeps the rota? (${i})`, where: 'help', authorId: h.newUser() }));
    for (const q of questions) await h.messageDone(q.id);
    const threads = h.s.sent.slice(before).filter((r) => r.kind === 'thread');
    expect(threads).toHaveLength(5);
    const limited = h.log.lines().filter((l) => l['msg'] === 'not answered on its own: the channel had its share of answers for now');
    expect(limited).toHaveLength(2);
  });

  it('a watched forum answers a new post in its thread when confident, and not an off-topic one', async () => {
    const h = await start();
    const { forum } = h.s.channelIds();
    expect(await settings(h, autoAnswer(forum, true))).toMatch(/now answers new posts/u);
    let before = h.s.sent.length;
    const { thread, message } = await h.s.postInForum({ title: 'Refunds', content: 'Who approves refunds above 200 euros?', authorId: h.newUser() });
    const [answer] = await sentAfter(h, message, before);
    expect(answer?.kind === 'message' && answer.message.channelId).toBe(thread.id);
    expect(answer?.kind === 'message' && embedOf(answer.message).description?.replace(/\*\*/gu, '')).toContain("Refunds above 200 euros need a manager's approval.");
    before = h.s.sent.length;
    const offTopic = await h.s.postInForum({ title: 'Paris', content: 'What is the capital of France?', authorId: h.newUser() });
    expect(await sentAfter(h, offTopic.message, before)).toEqual([]);
  });

  it('turned off, is left alone', async () => {
    const h = await start();
    const { help } = h.s.channelIds();
    await settings(h, autoAnswer(help, true));
    expect(await settings(h, autoAnswer(help, false))).toMatch(/no longer answers/u);
    const before = h.s.sent.length;
    const question = await h.s.postMessage({ content: 'Who keeps the rota?', where: 'help', authorId: h.newUser() });
    expect(await sentAfter(h, question, before)).toEqual([]);
  });
});
