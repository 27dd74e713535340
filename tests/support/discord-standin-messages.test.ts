// The stand-in's plain messages, driven with the real discord.js Client: MESSAGE_CREATE filtered by
// intents as Discord filters it, DMs, forum posts, and what a bot sends back with channel routes.
import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials, Routes, type Message } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Intent, startDiscordStandIn, type DiscordStandIn } from './discord-standin/server.ts';

let standIn: DiscordStandIn | null = null;
let client: Client | null = null;

afterEach(async () => {
  await client?.destroy();
  client = null;
  await standIn?.close();
  standIn = null;
});

async function start(intents: GatewayIntentBits[], allowedPrivilegedIntents = 0): Promise<{ s: DiscordStandIn; c: Client; next: () => Promise<Message> }> {
  const s = await startDiscordStandIn({ heartbeatIntervalMs: 250, allowedPrivilegedIntents });
  standIn = s;
  const c = new Client({ intents, partials: [Partials.Channel], rest: { api: s.apiUrl } });
  client = c;
  const received: Message[] = [];
  const waiting: ((m: Message) => void)[] = [];
  c.on(Events.MessageCreate, (m) => {
    const waiter = waiting.shift();
    if (waiter) waiter(m);
    else received.push(m);
  });
  const ready = once(c, Events.ClientReady);
  await c.login(s.token);
  await ready;
  const next = () => {
    const queued = received.shift();
    return queued ? Promise.resolve(queued) : new Promise<Message>((resolve) => waiting.push(resolve));
  };
  return { s, c, next };
}

const BASE = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

describe('the stand-in delivers messages as Discord does', () => {
  it('without Message Content, a guild message reads empty unless it mentions the bot', async () => {
    const { s, next } = await start(BASE);
    await s.postMessage({ content: 'anyone know the rota?' });
    expect((await next()).content).toBe('');
    await s.postMessage({ content: `<@${s.botUserId}> who keeps the rota?` });
    const mentioned = await next();
    expect(mentioned.content).toBe(`<@${s.botUserId}> who keeps the rota?`);
    expect(mentioned.mentions.users.has(s.botUserId)).toBe(true);
  });

  it('with Message Content (approved and asked for), every message reads in full', async () => {
    const { s, next } = await start([...BASE, GatewayIntentBits.MessageContent], Intent.MessageContent);
    await s.postMessage({ content: 'anyone know the rota?', where: 'help' });
    const message = await next();
    expect(message.content).toBe('anyone know the rota?');
    expect(message.channelId).toBe(s.channelIds().help);
  });

  it('DMs arrive with their text on a partial DM channel', async () => {
    const { s, next } = await start(BASE);
    await s.postMessage({ content: 'when does the rota change?', where: 'dm' });
    const message = await next();
    expect(message.inGuild()).toBe(false);
    expect(message.content).toBe('when does the rota change?');
  });

  it('a forum post is a thread whose starter message shares its id', async () => {
    const { s, c, next } = await start([...BASE, GatewayIntentBits.MessageContent], Intent.MessageContent);
    const { thread } = await s.postInForum({ title: 'Rota?', content: 'When does the rota change?' });
    const message = await next();
    expect(message.id).toBe(thread.id);
    const channel = c.channels.cache.get(thread.id);
    expect(channel?.isThread() && channel.parentId).toBe(s.channelIds().forum);
  });

  it('records replies and threads the bot makes, and refuses a reply to an unknown message', async () => {
    const { s, c } = await start(BASE);
    const asked = await s.postMessage({ content: `<@${s.botUserId}> hi` });
    const body = { content: 'hello', message_reference: { message_id: asked.id }, allowed_mentions: { parse: [], replied_user: false } };
    await c.rest.post(Routes.channelMessages(asked.channelId), { body });
    const sent = await s.waitForSent((r) => r.kind === 'message');
    expect(sent.kind === 'message' && sent.message.reference?.message_id).toBe(asked.id);
    await c.rest.post(Routes.threads(asked.channelId, asked.id), { body: { name: 'hi' } });
    expect(s.threads.get(asked.id)?.parentId).toBe(asked.channelId);
    const refused = c.rest.post(Routes.channelMessages(asked.channelId), { body: { ...body, message_reference: { message_id: '1' } } });
    await expect(refused).rejects.toBeInstanceOf(DiscordAPIError);
    expect(s.violations).toEqual([expect.stringContaining('Unknown message')]);
  });

  it('sends nothing to a bot that did not ask for message intents', async () => {
    const { s } = await start([GatewayIntentBits.Guilds]);
    const before = s.gatewayLog.filter((e) => e.t === 'MESSAGE_CREATE').length;
    await s.postMessage({ content: `<@${s.botUserId}> hi` });
    expect(s.gatewayLog.filter((e) => e.t === 'MESSAGE_CREATE').length).toBe(before);
  });
});
