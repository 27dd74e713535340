// The real discord.js client, driven through the Discord stand-in: every command, autocomplete,
// button and failure, asserted on what the stand-in recorded (what a person would see).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/present/discord/limits.ts';
import { describeDeployment } from '../../src/discord/deploy.ts';
import { failingCommands } from '../helpers/discord/commands.ts';
import { buttonsOf, customIdOf, embedOf, EPHEMERAL, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';
import { rawMassMentions, unescapedMentions } from '../helpers/discord/limits.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ extraCommands: failingCommands });
});

afterAll(async () => {
  await h?.close();
  // Nothing the bot logged, from login to shutdown, contains the token.
  expect(h.log.text()).not.toContain(TEST_TOKEN);
});

afterEach(() => {
  // Every body the bot sent was within Discord's limits and set allowed_mentions.
  expect(h.s.violations).toEqual([]);
});

const ask = (userId: string, question: string, extra: Record<string, string | boolean> = {}) =>
  h.run({ kind: 'chatInput', name: 'ask', userId, options: { question, ...extra } });

describe('commands', () => {
  it('are registered in the guild by deploy-commands', () => {
    const registered = h.s.commands.guild.get(h.guildId)?.map((c) => c.name);
    expect(registered).toEqual(expect.arrayContaining(['ask', 'search', 'summary', 'source', 'documents', 'help', 'Ask Footnote']));
    const text = describeDeployment({ scope: 'guild', guildId: h.guildId, commands: [{ id: '1', name: 'ask', type: 1 }, { id: '2', name: 'Ask Footnote', type: 3 }] });
    expect(text).toBe(`Registered 2 commands in server ${h.guildId} (available there now):\n  /ask\n  Ask Footnote (message menu › Apps)`);
  });

  it('/ask answers publicly at once: bold question words, citation, sources and buttons', async () => {
    const user = h.newUser();
    const record = await ask(user, 'When does the on-call rota change?');
    expect(record.firstResponse?.type).toBe(4);
    const message = record.original;
    expect(message?.flags).toBe(0);
    expect(message?.allowed_mentions).toEqual({ parse: [], users: [] });
    const embed = embedOf(message);
    expect(embed.title).toBe('When does the on-call rota change?');
    expect(embed.description).toBe('> The on-**call** **rota** **changes** every Monday at 10:00. [1]');
    expect(embed.fields?.[0]).toEqual({ name: '[1] Team Handbook, ¶3', value: 'On-call\n`/source handbook#p3`' });
    const buttons = buttonsOf(message);
    expect(buttons.get('Show paragraph [1]')?.customId).toBe('para:handbook#p3');
    // The link scrolls to the quoted sentence and highlights it.
    expect(buttons.get('[1] Team Handbook')?.url).toBe('https://example.com/handbook#:~:text=The%20on%2Dcall%20rota%20changes%20every%20Monday%20at%2010%3A00.');
    expect(buttons.get('Delete')?.customId).toMatch(new RegExp(`^del:${user}:[0-9a-z]+$`, 'u'));
  });

  it('/ask pings only the mentioned user', async () => {
    const mentioned = h.newUser();
    const record = await ask(h.newUser(), 'Who approves refunds above 200 euros?', { mention: mentioned });
    expect(record.original?.content).toBe(`<@${mentioned}>`);
    expect(record.original?.allowed_mentions).toEqual({ parse: [], users: [mentioned] });
  });

  it('/ask says when the material does not answer, and offers topics', async () => {
    const record = await ask(h.newUser(), 'How do I bake sourdough bread?');
    const embed = embedOf(record.original);
    expect(embed.description).toMatch(/^The material does not answer this question\.\n\n\*\*Topics the material does cover\*\*\n• Team Handbook/u);
    expect(embed.description).toContain('Try `/search`');
  });

  it('/ask with @everyone and a role mention in the question pings nobody', async () => {
    const record = await ask(h.newUser(), '@everyone <@&123456789012345678> when does the rota change? @here');
    const message = record.original;
    expect(message?.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(embedOf(message).title).toBe('@\u200deveryone \\<@&123456789012345678\\> when does the rota change? @\u200dhere');
    expect(rawMassMentions(message)).toEqual([]);
    expect(unescapedMentions(message)).toEqual([]);
  });

  it('material with @everyone, mentions and markdown is shown escaped', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'source', userId: h.newUser(), options: { citation: 'notes#p1' } });
    const message = record.original;
    const text = embedOf(message).description ?? '';
    expect(text).toContain('@\u200deveryone the release train leaves on Friday; ping \\<@&123456789012345678\\> and \\<@987654321098765432\\>');
    expect(text).toContain('\\`\\`\\`js close the fence');
    expect(rawMassMentions(message)).toEqual([]);
    expect(unescapedMentions(message)).toEqual([]);
    expect(message?.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it('"Show paragraph" shows the whole paragraph privately, with "Send to channel"', async () => {
    const user = h.newUser();
    const answer = await ask(user, 'What happens when the on-call engineer cannot fix an incident?');
    const click = await h.run({ kind: 'button', userId: user, messageId: answer.original?.id ?? '', customId: customIdOf(answer.original, 'Show paragraph [1]') });
    expect(click.firstResponse?.type).toBe(4);
    expect(click.original?.flags).toBe(EPHEMERAL);
    const embed = embedOf(click.original);
    expect(embed.title).toBe('Team Handbook, ¶6');
    expect(embed.description).toBe(
      '*On-call › Escalation*\n\nWhen the on-call engineer cannot fix an incident within an hour, they escalate to the team lead. The team lead decides whether to wake the platform team.',
    );
    expect(buttonsOf(click.original).has('Send to channel')).toBe(true);
  });

  it('a private answer can be sent to the channel, mentioning the chosen user', async () => {
    const user = h.newUser();
    const mentioned = h.newUser();
    const answer = await ask(user, 'How many holiday days does a team member have?', { private: true, mention: mentioned });
    const privateMessage = answer.original;
    expect(privateMessage?.flags).toBe(EPHEMERAL);
    // A private reply does not ping (and cannot: only the asker sees it).
    expect(privateMessage?.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(buttonsOf(privateMessage).has('Delete')).toBe(false);

    const click = await h.run({ kind: 'button', userId: user, messageId: privateMessage?.id ?? '', customId: customIdOf(privateMessage, 'Send to channel') });
    await h.waitForHistory(click, 'followup');
    expect(click.firstResponse?.type).toBe(7);
    expect(buttonsOf(privateMessage).get('Sent to channel')?.disabled).toBe(true);
    const published = click.followups[0];
    expect(published?.flags).toBe(0);
    expect(published?.content).toBe(`<@${mentioned}>`);
    expect(published?.allowed_mentions).toEqual({ parse: [], users: [mentioned] });
    expect(published?.embeds).toEqual(privateMessage?.embeds);
    expect(buttonsOf(published).get('Delete')?.customId).toMatch(new RegExp(`^del:${user}:`, 'u'));
    expect(buttonsOf(published).has('Send to channel')).toBe(false);
  });

  it('only the asker can delete a public answer, and only for a while', async () => {
    const asker = h.newUser();
    const answer = await ask(asker, 'How often does the team meet?');
    const message = answer.original;
    const customId = customIdOf(message, 'Delete');

    const other = await h.run({ kind: 'button', userId: h.newUser(), messageId: message?.id ?? '', customId });
    expect(other.original?.flags).toBe(EPHEMERAL);
    expect(other.original?.content).toBe(`Only <@${asker}> can delete this reply.`);
    expect(other.original?.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(message?.deleted).toBe(false);

    h.clock.skewMs = (h.config.deleteWindowSeconds + 1) * 1000;
    try {
      const late = await h.run({ kind: 'button', userId: asker, messageId: message?.id ?? '', customId });
      expect(late.original?.content).toMatch(/can no longer be deleted/u);
    } finally {
      h.clock.skewMs = 0;
    }

    const own = await h.run({ kind: 'button', userId: asker, messageId: message?.id ?? '', customId });
    await h.waitForHistory(own, 'deleteOriginal');
    expect(own.firstResponse?.type).toBe(6);
    expect(message?.deleted).toBe(true);
    expect(h.s.messages.has(message?.id ?? '')).toBe(false);
  });

  it('/search pages forward for the asker only', async () => {
    const asker = h.newUser();
    const record = await h.run({ kind: 'chatInput', name: 'search', userId: asker, options: { query: 'team' } });
    const message = record.original;
    const first = embedOf(message);
    expect(first.description).toMatch(/^\d+ paragraphs match, best first \(showing 1–5\)\.$/u);
    expect(first.fields).toHaveLength(5);
    expect(first.footer?.text).toMatch(/^Page 1 of \d+$/u);
    expect(buttonsOf(message).get('◀ Previous')?.disabled).toBe(true);
    const next = customIdOf(message, 'Next ▶');

    const stranger = await h.run({ kind: 'button', userId: h.newUser(), messageId: message?.id ?? '', customId: next });
    expect(stranger.original?.flags).toBe(EPHEMERAL);
    expect(stranger.original?.content).toBe(`Only <@${asker}> can turn the pages of this search.`);
    expect(embedOf(message).footer?.text).toMatch(/^Page 1 of/u);

    const turned = await h.run({ kind: 'button', userId: asker, messageId: message?.id ?? '', customId: next });
    expect(turned.firstResponse?.type).toBe(7);
    expect(embedOf(message).description).toMatch(/\(showing 6–10\)/u);
    expect(embedOf(message).footer?.text).toMatch(/^Page 2 of/u);
    expect(buttonsOf(message).get('◀ Previous')?.disabled).toBeUndefined();
    // The reply keeps its own delete button through page turns.
    expect(buttonsOf(message).get('Delete')?.customId).toMatch(new RegExp(`^del:${asker}:`, 'u'));
  });

  it('/search with a query too long for a custom id still pages', async () => {
    const asker = h.newUser();
    const query = 'team members holiday calendar planning meetings incidents wiki notes rota escalation';
    const record = await h.run({ kind: 'chatInput', name: 'search', userId: asker, options: { query } });
    const next = customIdOf(record.original, 'Next ▶');
    expect(next).toMatch(new RegExp(`^page:${asker}:5:~[A-Za-z0-9_-]+$`, 'u'));
    const turned = await h.run({ kind: 'button', userId: asker, messageId: record.original?.id ?? '', customId: next });
    expect(turned.firstResponse?.type).toBe(7);
    expect(embedOf(record.original).footer?.text).toMatch(/^Page 2 of/u);
  });

  it('/search within a document, and a private notice for an unknown one', async () => {
    const inDoc = await h.run({ kind: 'chatInput', name: 'search', userId: h.newUser(), options: { query: 'team', document: 'handbook' } });
    expect(embedOf(inDoc.original).description).toMatch(/ in Team Handbook match/u);
    const unknown = await h.run({ kind: 'chatInput', name: 'search', userId: h.newUser(), options: { query: 'team', document: 'nope' } });
    expect(unknown.original?.flags).toBe(EPHEMERAL);
    expect(unknown.original?.content).toMatch(/^There is no document `nope`/u);
  });

  it('/summary quotes sentences with one citation each', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'summary', userId: h.newUser(), options: { document: 'handbook' } });
    const embed = embedOf(record.original);
    expect(embed.title).toBe('Summary in Team Handbook');
    const lines = embed.description?.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^• .+ \[\d+\]$/u);
    expect(embed.fields?.[0]?.name).toBe('Sources');
    const refusal = await h.run({ kind: 'chatInput', name: 'summary', userId: h.newUser(), options: { topic: 'sourdough baking' } });
    expect(embedOf(refusal.original).description).toMatch(/^The material says nothing about "sourdough baking"\.\n\n\*\*Topics the material does cover\*\*/u);
  });

  it('/summary of a document at a long path, picked by autocomplete', async () => {
    const user = h.newUser();
    const auto = await h.run({ kind: 'autocomplete', name: 'summary', userId: user, options: { document: 'planning' }, focused: 'document' });
    const choice = (auto.choices as { name: string; value: string }[])[0];
    expect(choice?.name).toMatch(/^Quarterly planning notes/u);
    const record = await h.run({ kind: 'chatInput', name: 'summary', userId: user, options: { document: choice?.value ?? '' } });
    expect(embedOf(record.original).title).toBe('Summary in Quarterly planning notes for the infrastructure and platform engineering teams');
  });

  it('/source shows a paragraph with its neighbours, and explains an unknown citation privately', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'source', userId: h.newUser(), options: { citation: 'handbook p2' } });
    const embed = embedOf(record.original);
    expect(embed.title).toBe('Team Handbook, ¶2');
    expect(embed.url).toBe('https://example.com/handbook');
    expect(embed.fields?.map((f) => f.name)).toEqual(['Before (¶1)', 'After (¶3)']);
    const unknown = await h.run({ kind: 'chatInput', name: 'source', userId: h.newUser(), options: { citation: 'handbook#p99' } });
    expect(unknown.original?.flags).toBe(EPHEMERAL);
    expect(unknown.original?.content).toMatch(/^There is no paragraph `handbook#p99`\. Nearby: `handbook#p1`/u);
  });

  it('a paragraph longer than an embed is cut at a sentence with a pointer', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'source', userId: h.newUser(), options: { citation: 'notes#p3' } });
    const description = embedOf(record.original).description ?? '';
    expect(description.length).toBeLessThanOrEqual(DiscordLimits.embedDescription);
    expect(description).toMatch(/\. … the rest is in the document `notes`$/u);
    const search = await h.run({ kind: 'chatInput', name: 'search', userId: h.newUser(), options: { query: 'deployment pipeline staging cluster' } });
    expect(embedOf(search.original).fields?.length).toBeGreaterThan(0);
  });

  it('/documents lists the documents with paragraph counts and when they were indexed', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'documents', userId: h.newUser() });
    const embed = embedOf(record.original);
    expect(embed.description).toMatch(/^Indexed <t:\d+:f> \(<t:\d+:R>\)\.\nQuestion log: SQLite, writing normally\.\n\n/u);
    expect(embed.description).toContain('**Team Handbook** — 10 paragraphs · `handbook`');
    expect(embed.footer?.text).toBe('3 documents · 16 citable paragraphs');
  });

  it('/help lists every command with an example, privately', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'help', userId: h.newUser() });
    expect(record.original?.flags).toBe(EPHEMERAL);
    const fields = embedOf(record.original).fields ?? [];
    expect(fields.map((f) => f.name.split(' ')[0])).toEqual(['/ask', '/search', '/summary', '/source', '/documents', '/reload', '/settings', '/questions', '/forget-me', 'Ask', '/help']);
    for (const f of fields) expect(f.value).toMatch(/\nExample: `.+`$/u);
  });

  it('"Ask Footnote" answers the selected message', async () => {
    const record = await h.run({ kind: 'messageCommand', name: 'Ask Footnote', userId: h.newUser(), target: { content: 'Who keeps the on-call rota?' } });
    expect(embedOf(record.original).description).toBe('> The team lead **keeps** the **rota** in the shared calendar. [1]');
    const empty = await h.run({ kind: 'messageCommand', name: 'Ask Footnote', userId: h.newUser(), target: { content: '' } });
    expect(empty.original?.flags).toBe(EPHEMERAL);
    expect(empty.original?.content).toBe('That message has no text to ask about.');
  });

  it('a person going too fast is told when to try again', async () => {
    const user = h.newUser();
    await ask(user, 'When does the rota change?');
    const again = await ask(user, 'When does the rota change?');
    expect(again.original?.flags).toBe(EPHEMERAL);
    expect(again.original?.content).toMatch(/^You're going a bit fast — try again in [1-3] s\.$/u);
  });
});

describe('autocomplete', () => {
  type Choice = { name: string; value: string };
  const complete = async (name: string, options: Record<string, string>, focused: string) =>
    (await h.run({ kind: 'autocomplete', name, userId: h.newUser(), options, focused })).choices as Choice[];

  it('/ask suggests matching sentences for a half-typed word', async () => {
    const choices = await complete('ask', { question: 'escal' }, 'question');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.some((c) => /escalate to the team lead/u.test(c.name))).toBe(true);
  });

  it('/ask echoes what was typed when nothing matches', async () => {
    expect(await complete('ask', { question: 'xyzzy plugh' }, 'question')).toEqual([{ name: 'xyzzy plugh', value: 'xyzzy plugh' }]);
  });

  it('/source suggests citations by id or by words', async () => {
    expect((await complete('source', { citation: 'handbook#p' }, 'citation')).map((c) => c.value)).toContain('handbook#p3');
    const byWords = await complete('source', { citation: 'holiday' }, 'citation');
    expect(byWords[0]?.name).toMatch(/^Team Handbook, ¶\d+ — /u);
  });

  it('/search suggests documents', async () => {
    expect(await complete('search', { query: 'x', document: 'hand' }, 'document')).toEqual([{ name: 'Team Handbook (handbook)', value: 'handbook' }]);
  });
});

describe('failures', () => {
  const failure = async (name: string) => {
    const record = await h.run({ kind: 'chatInput', name, userId: h.newUser() });
    const done = await h.s.waitFor(record.id, (r) => [r.original, ...r.followups].some((m) => m !== null && /reference `[0-9a-f]{8}`/u.test(m.content)));
    const message = [done.original, ...done.followups].find((m) => m !== null && /reference `/u.test(m.content));
    const ref = /reference `([0-9a-f]{8})`/u.exec(message?.content ?? '')?.[1];
    return { record: done, message, ref };
  };

  it.each(['fail-at-once', 'fail-after-private-defer', 'fail-after-reply'])('%s: the person gets a private error with a reference id the log also has', async (name) => {
    const { message, ref } = await failure(name);
    expect(message?.flags).toBe(EPHEMERAL);
    expect(ref).toBeDefined();
    const logged = h.log.lines().find((l) => l['ref'] === ref);
    expect(logged).toMatchObject({ level: 50, command: name });
    expect((logged?.['err'] as { stack?: string } | undefined)?.stack).toMatch(new RegExp(`${name} failed on purpose\\n\\s+at `, 'u'));
  });

  it('fail-after-defer: the public "thinking…" is removed and the error goes privately', async () => {
    const { record, message, ref } = await failure('fail-after-defer');
    expect(record.firstResponse?.type).toBe(5);
    await h.waitForHistory(record, 'deleteOriginal');
    expect(message?.flags).toBe(EPHEMERAL);
    expect(h.log.lines().some((l) => l['ref'] === ref)).toBe(true);
  });

  it('a button that no longer works says so', async () => {
    const answer = await ask(h.newUser(), 'When does the team meet?');
    const id = answer.original?.id ?? '';
    // Simulate an old message whose button prefix the bot no longer knows.
    answer.original?.components.push({ type: 1, components: [{ type: 2, style: 2, label: 'Old', custom_id: 'gone:1' }] });
    const click = await h.run({ kind: 'button', userId: h.newUser(), messageId: id, customId: 'gone:1' });
    expect(click.original?.content).toBe('This button no longer works; run the command again.');
  });
});
