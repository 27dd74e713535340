import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/present/discord/index.ts';
import { finalizeMessage } from '../../src/discord/finalize.ts';
import type { ReplyBody } from '../../src/discord/reply-body.ts';
import { limitProblems } from '../helpers/discord/limits.ts';

const USER = '123456789012345678';

const button = (custom_id: string, label = 'x') => ({ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, custom_id, label });

describe('finalizeMessage (the reply gate)', () => {
  it('always sets allowed mentions: nobody by parsing, only the chosen user', () => {
    const body: ReplyBody = { content: 'hi @everyone <@&1>', embeds: [], components: [] };
    expect(finalizeMessage(body).allowed_mentions).toEqual({ parse: [], users: [] });
    const mentioned = finalizeMessage(body, { mentionUserId: USER });
    expect(mentioned.allowed_mentions).toEqual({ parse: [], users: [USER] });
    expect(mentioned.content).toBe(`<@${USER}> hi @\u200deveryone <@&1>`);
    // Anything that is not a user id is not a mention.
    expect(finalizeMessage(body, { mentionUserId: '@everyone' }).allowed_mentions.users).toEqual([]);
  });

  it('cuts instead of refusing: content, embeds beyond ten, fields beyond 25, rows beyond five', () => {
    const body: ReplyBody = {
      content: 'Sentence. '.repeat(500),
      embeds: Array.from({ length: 12 }, () => ({ title: 't'.repeat(300), description: 'Word. '.repeat(1000), fields: Array.from({ length: 30 }, () => ({ name: '', value: 'v'.repeat(2000) })) })),
      components: Array.from({ length: 7 }, (_, r) => ({ type: ComponentType.ActionRow as const, components: Array.from({ length: 7 }, (_, b) => button(`b${r}-${b}`, 'l'.repeat(100))) })),
    };
    const wire = finalizeMessage(body);
    expect(limitProblems(wire)).toEqual([]);
    expect(wire.content.length).toBeLessThanOrEqual(DiscordLimits.messageContent);
    expect(wire.content.endsWith('Sentence. …')).toBe(true);
  });

  it('drops buttons Discord would refuse: duplicate or long custom ids, bad URLs', () => {
    const body: ReplyBody = {
      embeds: [],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            button('same'),
            button('same'),
            button('x'.repeat(101)),
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'bad', url: 'javascript:alert(1)' },
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'good', url: 'https://example.com' },
          ],
        },
      ],
    };
    const wire = finalizeMessage(body);
    expect(wire.components[0]?.components.map((b) => ('label' in b ? b.label : null))).toEqual(['x', 'good']);
  });

  it('never sends an empty message', () => {
    expect(finalizeMessage({ embeds: [], components: [] }).content).not.toBe('');
  });
});
