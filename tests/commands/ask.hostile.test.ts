// Hostile questions through /ask, as Discord delivers them (the stand-in does not enforce the
// option's max_length, so 6,000 characters arrive as they would from a modified client). Each one
// gets an answer or a clear private message, accepted by Discord; none pings anyone, none breaks
// out of its embed (no live markdown, mention or link of its own), none leaves invalid text.
import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/present/discord/limits.ts';
import { questionTitle } from '../../src/present/discord/index.ts';
import { answered } from '../helpers/discord/faults.ts';
import { EPHEMERAL, embedOf, type Harness } from '../helpers/discord/harness.ts';
import { sharedHarness } from '../helpers/discord/shared-harness.ts';
import { allStrings, rawMassMentions, unescapedMentions } from '../helpers/discord/limits.ts';

let h: Harness;
sharedHarness((started) => (h = started));

const SENTENCE = 'When does the on-call rota change, and who keeps the calendar for the team? ';

const HOSTILE: [name: string, question: string][] = [
  ['empty', ''],
  ['only whitespace', ' \t\n \u00a0 '],
  ['6,000 characters of words', SENTENCE.repeat(Math.ceil(6_000 / SENTENCE.length)).slice(0, 6_000)],
  ['one 6,000-letter word', 'rota'.repeat(1_500)],
  ['only punctuation', '?!.,;:…—–-()[]{}"\'«»¿¡*&^%$#@!~`|\\/'],
  ['regex metacharacters', '(a+)+$ ^.*?[rota]{2,}(?<x>\\d)|\\b(?=on-call)\\1 $& $1 \\'],
  ['markdown metacharacters', '**bold** __under__ ~~strike~~ ||spoiler|| `code` ```js\nfence``` > quote\n# Heading\n- list [masked](https://evil.example/x_y) <https://evil.example> rota?'],
  ['zero-width and right-to-left characters', 'ro\u200bta\u200c on\u200d-call \u202eegnahc\u202c \u2066rota\u2069 \u200f\u061cwhen\ufeff?'],
  ['emoji', '🙂🔥 When does the 👨‍👩‍👧‍👦 on-call rota change? 🏳️‍🌈🇫🇷 👍🏽'],
  ['emoji past the title limit', '👨‍👩‍👧‍👦🔥'.repeat(120)],
  ['@everyone, @here, role, user and channel mentions', '@everyone @here <@&123456789012345678> <@987654321098765432> <@!987654321098765432> <#123456789012345678> @EVERYONE ＠here when does the rota change?'],
  ['a script tag', '<script>alert("rota")</script><img src=x onerror=alert(1)> rota'],
  ['a Discord invite link', 'discord.gg/abcdef https://discord.gg/abcdef https://discord.com/invite/abcdef who keeps the rota?'],
  ['thousands of repeated words', 'rota '.repeat(3_000)],
  ['thousands of different words', Array.from({ length: 2_000 }, (_, i) => `w${i.toString(36)}x`).join(' ')],
];

/** Markdown that would be live in Discord's renderer: a special character not escaped with a backslash (URLs aside). */
function unescapedMarkdown(text: string): string[] {
  const withoutUrls = text.replace(/https?:\/\/[^\s<>\\]*[^\s<>\\.,;:!?'")\]]/giu, 'URL');
  return [...withoutUrls.matchAll(/(?<!\\)(?:\\\\)*([*_~`|[\]<>#])/gu)].map((m) => m[1] ?? '');
}

/** A UTF-16 surrogate without its pair: an emoji cut in half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

describe('hostile questions to /ask', () => {
  it.each(HOSTILE)('%s: answered or told privately, pinging nobody, inside its embed', async (_name, question) => {
    const record = await h.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question } });
    const done = await h.s.waitFor(record.id, answered);
    const message = done.original;
    // The stand-in refuses a first response past Discord's deadline: none refused means in time.
    expect(done.firstResponse?.type).toBe(4);
    expect(done.errors).toEqual([]);
    expect(done.followups).toEqual([]);

    // Nobody is pinged, and nothing even looks like a ping.
    expect(message?.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(rawMassMentions(message)).toEqual([]);
    expect(unescapedMentions(message)).toEqual([]);
    for (const s of allStrings(message)) expect(LONE_SURROGATE.test(s.text), s.path).toBe(false);

    if (message?.flags === EPHEMERAL) {
      // A clear private message about the input.
      expect(message.content.length).toBeGreaterThan(10);
      expect(unescapedMarkdown(message.content)).toEqual([]);
      return;
    }
    // An answer: the question shows only as the embed title, escaped; the message content, where
    // links unfurl and invites show a card, stays empty.
    expect(message?.flags).toBe(0);
    expect(message?.content).toBe('');
    const embed = embedOf(message);
    expect(embed.title).toBe(questionTitle(question));
    expect((embed.title ?? '').length).toBeLessThanOrEqual(DiscordLimits.embedTitle);
    expect(unescapedMarkdown(embed.title ?? '')).toEqual([]);
    expect(embed.description ?? '').not.toMatch(/discord\.gg|<script/iu);
  });

  it.each([
    ['', /^The question is empty\./u],
    [' \t\n ', /^The question is empty\./u],
    ['?!.,;:…', /^The question has no words to look for/u],
  ])('%j is told what is wrong with it, and what the material covers', async (question, says) => {
    const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question } });
    const embed = embedOf(record.original);
    expect(embed.description).toMatch(says);
    expect(embed.description).toContain('**Topics the material does cover**');
  });

  it('the answers are still answers: a question buried in noise is found', async () => {
    const record = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: `${'@everyone '.repeat(50)}<script>x</script> when does the on-call rota change? ${'🔥'.repeat(100)}` } });
    expect(embedOf(record.original).description).toContain('every Monday');
  });
});
