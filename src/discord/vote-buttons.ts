import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord.js';
import { CustomIdPrefix, encodeCustomId } from './custom-id.ts';
import type { ButtonRow } from './reply-body.ts';

/** Which way a vote button points, as its custom id says it. */
export type VoteDirection = 'up' | 'down';

function voteButton(answerId: string, direction: VoteDirection): APIButtonComponent | null {
  const customId = encodeCustomId(CustomIdPrefix.vote, [answerId, direction]);
  if (customId === null) return null;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    emoji: { name: direction === 'up' ? '👍' : '👎' },
    label: direction === 'up' ? 'Helpful' : 'Not helpful',
    custom_id: customId,
  };
}

/** 👍 and 👎 under an answer, carrying the id its question was logged under. */
export function voteRow(answerId: string): ButtonRow[] {
  const buttons = [voteButton(answerId, 'up'), voteButton(answerId, 'down')].filter((b): b is APIButtonComponent => b !== null);
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

/** The answer id and direction a vote button's parts carry, or null when they are not a vote's. */
export function parseVote(parts: readonly string[]): { answerId: string; direction: VoteDirection } | null {
  const [answerId = '', direction = ''] = parts;
  if (!/^[0-9a-z]{1,40}$/u.test(answerId) || (direction !== 'up' && direction !== 'down')) return null;
  return { answerId, direction };
}
