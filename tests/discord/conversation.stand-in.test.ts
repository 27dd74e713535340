// Footnote in the conversation, against the Discord stand-in with the real discord.js client:
// @mentions, replies that follow up, DMs, and the messages it must leave alone.
import { describe, expect, it } from 'vitest';
import type { MessageState, SentRecord } from '../support/discord-standin/server.ts';
import { buttonsOf, embedOf, type Harness } from '../helpers/discord/harness.ts';
import { sharedHarness } from '../helpers/discord/shared-harness.ts';

let h: Harness;
sharedHarness((started) => {
  h = started;
});

const NOBODY = { parse: [], users: [], replied_user: false };

/**
 * The bot's reply to a message: what it POSTed to the channel with a reference to it, once the bot
 * is done with the message (so a follow-up finds the answer remembered, as any person's would).
 */
async function replyTo(question: MessageState): Promise<MessageState> {
  const sent = await h.s.waitForSent((r) => r.kind === 'message' && r.message.reference?.message_id === question.id);
  await h.messageDone(question.id);
  if (sent.kind !== 'message') throw new Error('not a message');
  return sent.message;
}

const plain = (text: string | undefined) => (text ?? '').replace(/\*\*/gu, '');

/** What the bot sent about a message, once it is done with it: nothing, for the messages it leaves alone. */
async function sentAbout(question: MessageState): Promise<SentRecord[]> {
  await h.messageDone(question.id);
  return h.s.sent.filter((r) => r.kind === 'message' && r.message.reference?.message_id === question.id);
}

const mention = (text: string) => `<@${h.s.botUserId}> ${text}`;

describe('an @mention', () => {
  it('gets a reply to that message with the cited answer and its buttons, pinging nobody', async () => {
    const question = await h.s.postMessage({ content: mention('When does the on-call rota change?'), authorId: h.newUser() });
    const reply = await replyTo(question);
    expect(reply.channelId).toBe(h.s.channelIds().text);
    expect(reply.allowed_mentions).toEqual(NOBODY);
    const embed = embedOf(reply);
    expect(embed.title).toBe('When does the on-call rota change?');
    expect(embed.description).toBe('> The on-**call** **rota** **changes** every Monday at 10:00. [1]');
    const buttons = buttonsOf(reply);
    expect(buttons.get('Show paragraph [1]')?.customId).toBe('para:handbook#p3');
    // The link scrolls to the quoted sentence.
    const link = buttons.get('[1] Team Handbook')?.url ?? '';
    expect(decodeURIComponent(link.split('#:~:text=')[1] ?? '')).toBe('The on-call rota changes every Monday at 10:00.');
  });

  it('is answered in a voice channel\'s chat and in a thread too', async () => {
    const voice = await h.s.postMessage({ content: mention('Who keeps the rota?'), where: 'voice', authorId: h.newUser() });
    expect(plain(embedOf(await replyTo(voice)).description)).toContain('keeps the rota in the shared calendar');
    const { thread } = await h.s.postInForum({ title: 'Holidays', content: 'How many?' });
    const inThread = await h.s.postMessage({ content: mention('How many days of holiday does a team member have?'), where: { channelId: thread.id }, authorId: h.newUser() });
    const reply = await replyTo(inThread);
    expect(reply.channelId).toBe(thread.id);
    expect(plain(embedOf(reply).description)).toContain('28 days of holiday');
  });

  it('declines what the material does not answer, as /ask does', async () => {
    const question = await h.s.postMessage({ content: mention('What is the capital of France?'), authorId: h.newUser() });
    const embed = embedOf(await replyTo(question));
    expect(embed.description).toMatch(/never mentions “France”/u);
  });

  it('with nothing but the mention, says how to ask', async () => {
    const question = await h.s.postMessage({ content: `<@${h.s.botUserId}>`, authorId: h.newUser() });
    expect((await replyTo(question)).content).toMatch(/Ask a question after the mention/u);
  });

  it('never lets the material or the asker ping anyone', async () => {
    const question = await h.s.postMessage({ content: mention('When does the release train leave? @everyone <@&123456789012345678>'), authorId: h.newUser() });
    const reply = await replyTo(question);
    expect(reply.allowed_mentions).toEqual(NOBODY);
    expect(JSON.stringify(reply.embeds)).not.toMatch(/@(everyone|here)/u);
  });
});

describe('a follow-up', () => {
  it('replying to an answer is read with the earlier question', async () => {
    const user = h.newUser();
    const first = await h.s.postMessage({ content: mention('When does the on-call rota change?'), authorId: user });
    const answer = await replyTo(first);
    h.clock.skewMs += 10_000; // past the asker's cooldown
    const followUp = await h.s.postMessage({ content: 'and who keeps it?', replyTo: answer.id, authorId: user });
    const reply = await replyTo(followUp);
    expect(embedOf(reply).title).toBe('who keeps the on-call rota?');
    expect(plain(embedOf(reply).description)).toContain('The team lead keeps the rota in the shared calendar.');
  });
});

describe('a direct message', () => {
  it('is answered without a command, and the next one follows up', async () => {
    const user = h.newUser();
    const first = await h.s.postMessage({ content: 'When does the on-call rota change?', where: 'dm', authorId: user });
    const reply = await replyTo(first);
    expect(reply.channelId).toBe(h.s.dmChannelId(user));
    expect(reply.guildId).toBeNull();
    expect(plain(embedOf(reply).description)).toContain('every Monday at 10:00');
    h.clock.skewMs += 10_000;
    const next = await h.s.postMessage({ content: 'who keeps it?', where: 'dm', authorId: user });
    expect(plain(embedOf(await replyTo(next)).description)).toContain('The team lead keeps the rota');
  });
});

describe('messages Footnote leaves alone', () => {
  it('another bot, a webhook, @everyone, a role with the bot in it, plain chatter', async () => {
    const role = `<@&${h.s.botRoleId()}>`;
    const leftAlone = [
      await h.s.postMessage({ content: mention('When does the rota change?'), authorId: h.newUser(), authorBot: true }),
      await h.s.postMessage({ content: mention('When does the rota change?'), authorId: h.newUser(), webhook: true }),
      await h.s.postMessage({ content: '@everyone When does the rota change?', authorId: h.newUser() }),
      await h.s.postMessage({ content: `${role} When does the rota change?`, authorId: h.newUser() }),
      await h.s.postMessage({ content: 'When does the rota change?', authorId: h.newUser() }),
    ];
    for (const message of leftAlone) expect(await sentAbout(message)).toEqual([]);
  });

  it('its own messages', async () => {
    const question = await h.s.postMessage({ content: mention('Who keeps the rota?'), authorId: h.newUser() });
    const own = await replyTo(question);
    const done = await h.messageDone(own.id);
    expect(done['addressed']).toBeNull();
    expect(h.s.sent.filter((r) => r.kind === 'message' && r.message.reference?.message_id === own.id)).toEqual([]);
  });
});
