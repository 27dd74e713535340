// Drives the real discord.js Client through the Discord stand-in: login, command registration,
// every interaction kind the bot uses, Discord's refusal rules and gateway faults.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type Interaction,
  type WebSocketOptions,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAutocompleteResult, checkMessageBody } from './discord-standin/limits-check.ts';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from './discord-standin/server.ts';

const NO_PINGS = { parse: [] };

let standIn: DiscordStandIn | null = null;
let client: Client | null = null;

afterEach(async () => {
  await client?.destroy();
  client = null;
  await standIn?.close();
  standIn = null;
});

/** Starts a stand-in and a logged-in, ready client. */
async function start(options: StandInOptions = {}, ws: WebSocketOptions = {}): Promise<{ s: DiscordStandIn; c: Client }> {
  const s = await startDiscordStandIn({ heartbeatIntervalMs: 250, ...options });
  standIn = s;
  const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: s.apiUrl }, ws });
  client = c;
  const ready = once(c, Events.ClientReady);
  await c.login(s.token);
  await ready;
  return { s, c };
}

/**
 * Installs an interaction handler. Its errors are collected (otherwise they would be unhandled
 * rejections of an event listener) so a test can assert there were none.
 */
function handle(c: Client, handler: (i: Interaction) => Promise<void>): { errors: unknown[] } {
  const errors: unknown[] = [];
  c.on(Events.InteractionCreate, (i) => {
    handler(i).catch((error: unknown) => errors.push(error));
  });
  return { errors };
}

function firstGuild(s: DiscordStandIn): string {
  const id = s.guildIds[0];
  if (id === undefined) throw new Error('stand-in has no guild');
  return id;
}

function apiErrorCode(error: unknown): number | string | null {
  return error instanceof DiscordAPIError ? error.code : null;
}

const ASK_COMMAND = {
  name: 'ask',
  description: 'Ask a question about the documents',
  options: [
    { type: 3, name: 'question', description: 'What to ask', required: true, autocomplete: true },
    { type: 5, name: 'private', description: 'Only you see the answer' },
    { type: 6, name: 'about', description: 'Someone to mention' },
  ],
};

describe('Discord stand-in with the real discord.js client', () => {
  it('logs in, becomes ready with its guilds, and records registered commands', async () => {
    const { s, c } = await start({ guildIds: ['500000000000000001', '500000000000000002'] });

    await s.ready;
    expect(c.user?.id).toBe(s.botUserId);
    expect(c.application?.id).toBe(s.applicationId);
    expect([...c.guilds.cache.keys()].sort()).toEqual(s.guildIds);
    expect(c.guilds.cache.get(firstGuild(s))?.channels.cache.has(s.textChannelId())).toBe(true);
    expect(s.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    const gatewayBot = s.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot).toMatchObject({ method: 'GET', hasAuthorization: true, status: 200 });
    expect((await c.application?.fetch())?.id).toBe(s.applicationId);
    // Heartbeats (every 250 ms here) are acknowledged.
    await s.waitForGatewayOp(1, { fromIndex: 0 });
    await expect.poll(() => s.gatewayLog.some((e) => e.direction === 'out' && e.op === 11)).toBe(true);

    const guildId = firstGuild(s);
    const registered = await c.application?.commands.set([ASK_COMMAND], guildId);
    expect(registered?.first()?.name).toBe('ask');
    expect(s.commands.guild.get(guildId)?.map((cmd) => cmd.name)).toEqual(['ask']);
    expect(s.commands.guild.get(guildId)?.[0]).toMatchObject({ application_id: s.applicationId, guild_id: guildId });

    await c.rest.put(Routes.applicationCommands(s.applicationId), { body: [{ type: 3, name: 'Summarize' }] });
    expect(s.commands.global.map((cmd) => cmd.name)).toEqual(['Summarize']);

    // Discord refuses an invalid definition (upper case chat-input name) with 50035.
    const refused = await c.rest
      .put(Routes.applicationCommands(s.applicationId), { body: [{ name: 'Bad Name', description: 'x' }] })
      .catch((error: unknown) => error);
    expect(apiErrorCode(refused)).toBe(50035);
  });

  it('delivers a chat-input command with its options and records a type-4 reply', async () => {
    const { s, c } = await start();
    await c.application?.commands.set([ASK_COMMAND], firstGuild(s));
    const seen: Record<string, unknown> = {};
    const { errors } = handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      seen['name'] = i.commandName;
      seen['question'] = i.options.getString('question', true);
      seen['private'] = i.options.getBoolean('private');
      seen['about'] = i.options.getUser('about')?.id;
      seen['guild'] = i.guildId;
      await i.reply({
        content: `Answer to: ${i.options.getString('question', true)}`,
        embeds: [new EmbedBuilder().setTitle('Sources').setDescription('[1] handbook.md')],
        allowedMentions: NO_PINGS,
      });
    });

    const record = await s.dispatchInteraction({
      kind: 'chatInput',
      name: 'ask',
      options: { question: 'What is the refund policy?', private: true, about: s.defaultUserId },
    });
    const first = await s.waitForFirstResponse(record.id);

    expect(seen).toEqual({
      name: 'ask',
      question: 'What is the refund policy?',
      private: true,
      about: s.defaultUserId,
      guild: s.guildIds[0],
    });
    expect(first.type).toBe(4);
    expect(first.atMs).toBeGreaterThanOrEqual(0);
    expect(record.original).toMatchObject({
      content: 'Answer to: What is the refund policy?',
      allowed_mentions: NO_PINGS,
      embeds: [{ title: 'Sources', description: '[1] handbook.md' }],
    });
    const callback = s.requests.find((r) => r.path.endsWith('/callback'));
    expect(callback).toMatchObject({ hasAuthorization: false, status: 204, query: { with_response: 'false' } });
    expect(errors).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('supports deferReply + editReply and followUp, and refuses a second response with 40060', async () => {
    const { s, c } = await start();
    let second: unknown = null;
    const { errors } = handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply({ content: 'Here is the answer.', allowedMentions: NO_PINGS });
      await i.followUp({ content: 'And a follow-up.', allowedMentions: NO_PINGS });
      // Bypass discord.js's own "already replied" check to see what Discord says.
      second = await c.rest
        .post(Routes.interactionCallback(i.id, i.token), {
          body: { type: 4, data: { content: 'again', allowed_mentions: NO_PINGS } },
          auth: false,
        })
        .catch((error: unknown) => error);
    });

    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', options: { question: 'q' } });
    expect((await s.waitForFirstResponse(record.id)).type).toBe(5);
    await s.waitFor(record.id, (r) => r.errors.length > 0);

    expect(record.original).toMatchObject({ content: 'Here is the answer.', flags: 0 });
    expect(record.followups.map((m) => m.content)).toEqual(['And a follow-up.']);
    expect(record.history.map((h) => h.kind)).toEqual(['callback', 'editOriginal', 'followup', 'callback']);
    // The stand-in records the refusal before the client has read the answer.
    await expect.poll(() => apiErrorCode(second)).toBe(40060);
    expect(record.errors[0]).toMatchObject({ status: 400, code: 40060 });
    expect(errors).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('turns the first follow-up after a deferral into the reply; edits and deletes by id', async () => {
    const { s, c } = await start();
    let fetched: string | null = null;
    handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'first', allowedMentions: NO_PINGS });
      const second = await i.followUp({ content: 'second', allowedMentions: NO_PINGS });
      fetched = (await i.fetchReply()).content;
      await i.editReply({ message: second.id, content: 'second, edited', allowedMentions: NO_PINGS });
      await i.deleteReply();
    });
    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitFor(record.id, (r) => r.history.some((h) => h.kind === 'deleteOriginal'));
    expect(fetched).toBe('first');
    expect(record.original).toBeNull();
    expect(record.followups.map((m) => m.content)).toEqual(['second, edited']);
    expect(record.history.map((h) => h.kind)).toEqual([
      'callback',
      'followup', // edited the deferred message
      'followup',
      'getOriginal',
      'editFollowup',
      'deleteOriginal',
    ]);
  });

  it('handles autocomplete, a button update and a message context-menu command', async () => {
    const { s, c } = await start();
    await c.application?.commands.set([ASK_COMMAND, { type: 3, name: 'Summarize' }], firstGuild(s));
    let target: string | null = null;
    const { errors } = handle(c, async (i) => {
      if (i.isAutocomplete()) {
        const typed = i.options.getFocused();
        await i.respond([
          { name: `${typed} policy`, value: `${typed} policy` },
          { name: `${typed} process`, value: `${typed} process` },
        ]);
      } else if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('more:1').setLabel('More').setStyle(ButtonStyle.Primary),
          new ButtonBuilder().setURL('https://example.com/doc').setLabel('Open').setStyle(ButtonStyle.Link),
        );
        await i.reply({ content: 'Short answer.', components: [row], allowedMentions: NO_PINGS });
      } else if (i.isButton()) {
        await i.update({ content: `Long answer (${i.customId}).`, components: [], allowedMentions: NO_PINGS });
      } else if (i.isMessageContextMenuCommand()) {
        target = i.targetMessage.content;
        await i.reply({ content: `Summary of ${i.targetId}`, allowedMentions: NO_PINGS });
      }
    });

    const auto = await s.dispatchInteraction({ kind: 'autocomplete', name: 'ask', options: { question: 'refund' } });
    await s.waitForFirstResponse(auto.id);
    expect(auto.firstResponse?.type).toBe(8);
    expect(auto.choices).toEqual([
      { name: 'refund policy', value: 'refund policy' },
      { name: 'refund process', value: 'refund process' },
    ]);

    const ask = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask', options: { question: 'q' } });
    await s.waitForFirstResponse(ask.id);
    const messageId = ask.original?.id ?? '';
    const click = await s.dispatchInteraction({ kind: 'button', customId: 'more:1', messageId });
    expect((await s.waitForFirstResponse(click.id)).type).toBe(7);
    // UPDATE_MESSAGE changed the message the button was on, which is the command's reply.
    expect(ask.original).toMatchObject({ id: messageId, content: 'Long answer (more:1).', components: [] });
    expect(click.original?.id).toBe(messageId);
    // The button is gone now; a user could not click it again.
    await expect(s.dispatchInteraction({ kind: 'button', customId: 'more:1', messageId })).rejects.toThrow(/no button/);

    const menu = await s.dispatchInteraction({
      kind: 'messageCommand',
      name: 'Summarize',
      target: { content: 'A long message worth summarizing.' },
    });
    await s.waitForFirstResponse(menu.id);
    expect(target).toBe('A long message worth summarizing.');
    expect(menu.original?.content).toMatch(/^Summary of \d+$/);
    expect(errors).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('rejects a reply that breaks a limit with 50035 and records the violation', async () => {
    const { s, c } = await start();
    let refusal: unknown = null;
    const { errors } = handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      refusal = await i.reply({ content: 'x'.repeat(2001), allowedMentions: NO_PINGS }).catch((e: unknown) => e);
      // The refused reply did not acknowledge the interaction; a valid one still can.
      await i.reply({ content: 'x'.repeat(2000), allowedMentions: NO_PINGS });
    });

    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    expect(apiErrorCode(refusal)).toBe(50035);
    expect(record.errors).toMatchObject([{ status: 400, code: 50035 }]);
    expect(s.violations).toHaveLength(1);
    expect(s.violations[0]).toMatch(/data\.content: Must be 2000 or fewer in length/);
    expect(record.original?.content).toHaveLength(2000);
    expect(errors).toEqual([]);
  });

  it('records (without rejecting) a reply that has no allowed_mentions', async () => {
    const { s, c } = await start();
    handle(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'hello @everyone' });
    });
    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    expect(record.original?.content).toBe('hello @everyone');
    expect(s.violations).toEqual([expect.stringMatching(/missing allowed_mentions/)]);
  });

  it('refuses a first response after the deadline with 10062', async () => {
    const { s, c } = await start({ firstResponseDeadlineMs: 200 });
    let late: unknown = null;
    handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 400));
      late = await i.reply({ content: 'too late', allowedMentions: NO_PINGS }).catch((e: unknown) => e);
    });

    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitFor(record.id, (r) => r.errors.length > 0);
    expect(record.firstResponse).toBeNull();
    expect(record.errors[0]).toMatchObject({ status: 404, code: 10062 });
    await expect.poll(() => apiErrorCode(late)).toBe(10062);
  });

  it('accepts multipart bodies (files) and answers injected 429s with Retry-After', async () => {
    const { s, c } = await start();
    s.failNext('/callback', 429, { message: 'You are being rate limited.', retry_after: 0.05, global: false });
    handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      const files = [{ attachment: Buffer.from('excerpt'), name: 'excerpt.txt' }];
      await i.reply({ content: 'see file', files, allowedMentions: NO_PINGS });
    });
    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    expect(s.requests.filter((r) => r.path.endsWith('/callback')).map((r) => r.status)).toEqual([429, 204]);
    expect(record.original?.attachments).toMatchObject([{ filename: 'excerpt.txt', size: 7 }]);
    expect(s.violations).toEqual([]);
  });

  it('answers with_response=true callbacks with the created message', async () => {
    const { s, c } = await start();
    let createdId: string | undefined;
    handle(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      const response = await i.reply({ content: 'with response', allowedMentions: NO_PINGS, withResponse: true });
      createdId = response.resource?.message?.id;
    });
    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    await expect.poll(() => createdId).toBe(record.original?.id);
  });

  it('refuses a wrong token', async () => {
    const s = await startDiscordStandIn();
    standIn = s;
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: s.apiUrl } });
    client = c;
    await expect(c.login('not-the-token')).rejects.toThrow(/invalid token/i);
    expect(s.requests.map((r) => [r.path, r.status])).toEqual([['/gateway/bot', 401]]);
  });

  it('answers unknown routes with 404 and unauthenticated ones with 401', async () => {
    const { s } = await start();
    const unknown = await fetch(`${s.apiUrl}/v10/nothing/here`, { headers: { Authorization: `Bot ${s.token}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 0 });
    const anonymous = await fetch(`${s.apiUrl}/v10/users/@me`);
    expect(anonymous.status).toBe(401);
    expect(s.requests.slice(-2).map((r) => [r.path, r.status])).toEqual([
      ['/nothing/here', 404],
      ['/users/@me', 401],
    ]);
  });
});

describe('gateway faults', () => {
  it('resumes after dropped connections and still delivers interactions', async () => {
    const { s, c } = await start();
    const replied = handle(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'still here', allowedMentions: NO_PINGS });
    });
    const resumed = once(c, Events.ShardResume);
    const from = s.gatewayLog.length;

    s.dropConnections();
    await s.waitForGatewayOp(6, { fromIndex: from });
    await resumed;

    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    expect(record.original?.content).toBe('still here');
    expect(s.identifies).toHaveLength(1);
    expect(replied.errors).toEqual([]);
  });

  it('replays dispatches sent while the client was away', async () => {
    const { s, c } = await start();
    handle(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'replayed', allowedMentions: NO_PINGS });
    });
    s.dropConnections();
    // Dispatched into the session while no socket is connected: delivered on RESUME.
    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    expect(record.original?.content).toBe('replayed');
  });

  it('resumes after op 7 RECONNECT', async () => {
    const { s, c } = await start();
    const from = s.gatewayLog.length;
    const resumed = once(c, Events.ShardResume);
    s.sendReconnect();
    await s.waitForGatewayOp(6, { fromIndex: from });
    await resumed;
    expect(s.identifies).toHaveLength(1);
  });

  it('resumes on the same connection after a resumable op 9', async () => {
    const { s, c } = await start();
    const from = s.gatewayLog.length;
    const resumed = once(c, Events.ShardResume);
    s.sendInvalidSession(true);
    await s.waitForGatewayOp(6, { fromIndex: from });
    await resumed;
    expect(s.identifies).toHaveLength(1);
  });

  it('identifies again after a non-resumable op 9 and serves the new session', async () => {
    // discord.js spaces IDENTIFYs 5 s apart (max_concurrency 1); that wait is not under test here.
    const { s, c } = await start({}, { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) });
    const from = s.gatewayLog.length;
    s.sendInvalidSession(false);
    await s.waitForGatewayOp(2, { fromIndex: from });
    expect(s.identifies).toHaveLength(2);

    handle(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'new session', allowedMentions: NO_PINGS });
    });
    const record = await s.dispatchInteraction({ kind: 'chatInput', name: 'ask' });
    await s.waitForFirstResponse(record.id);
    expect(record.original?.content).toBe('new session');
  });
});

describe('limits check', () => {
  const codes = (findings: { code: string; rejects: boolean }[]): string[] =>
    findings.map((f) => `${f.code}${f.rejects ? '' : ' (advisory)'}`);

  it('accepts a body within every limit', () => {
    const body = {
      content: '😀'.repeat(2000), // Discord counts code points, not UTF-16 units
      embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096), fields: [{ name: 'n', value: 'v'.repeat(1024) }] }],
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'c'.repeat(100), label: 'l'.repeat(80) }] }],
      allowed_mentions: { parse: ['users'] },
    };
    expect(checkMessageBody(body, { requireAllowedMentions: true })).toEqual([]);
  });

  it('flags embed, component and mention problems', () => {
    const field = { name: 'n'.repeat(257), value: '' };
    const body = {
      embeds: [
        { description: 'd'.repeat(4000), fields: Array.from({ length: 26 }, () => field), footer: { text: 'f'.repeat(2049) } },
      ],
      components: [
        { type: 1, components: [{ type: 2, style: 5, label: 'Open', custom_id: 'x' }] },
        ...Array.from({ length: 5 }, () => ({ type: 1, components: [{ type: 2, style: 1, custom_id: 'dup', label: 'l' }] })),
      ],
      allowed_mentions: { parse: ['everyone'] },
    };
    expect(new Set(codes(checkMessageBody(body, { requireAllowedMentions: true })))).toEqual(
      new Set([
        'BASE_TYPE_MAX_LENGTH', // 26 fields, 6 rows, field name, footer text
        'BASE_TYPE_BAD_LENGTH', // empty field value
        'MAX_EMBED_SIZE_EXCEEDED',
        'BUTTON_COMPONENT_URL_REQUIRED',
        'BUTTON_COMPONENT_INVALID_CUSTOM_ID',
        'COMPONENT_CUSTOM_ID_DUPLICATED',
        'ALLOWED_MENTIONS_EVERYONE (advisory)',
      ]),
    );
  });

  it('checks autocomplete choices', () => {
    // 26 choices; the first has an empty name, the second a 101-character value.
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: i === 0 ? '' : `c${i}`, value: 'v'.repeat(i === 1 ? 101 : 1) }));
    expect(codes(checkAutocompleteResult({ choices }))).toEqual([
      'BASE_TYPE_MAX_LENGTH',
      'BASE_TYPE_BAD_LENGTH',
      'BASE_TYPE_MAX_LENGTH',
    ]);
  });
});
