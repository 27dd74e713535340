// Every kind of button Footnote puts on a message (para, pub, sent, del, page), clicked by someone
// other than the person it is for: refused privately, nothing changes for anyone else. (Show
// paragraph is for everyone and answers privately.) A private reply's buttons are only ever shown
// to its asker; the bot still refuses a click from anyone else (a forged or replayed request).
import { describe, expect, it } from 'vitest';
import { CustomIdPrefix, decodeCustomId } from '../../src/discord/custom-id.ts';
import type { InteractionRecord, MessageState } from '../support/discord-standin/server.ts';
import { ANSWERABLE } from '../helpers/discord/faults.ts';
import { buttonsOf, customIdOf, embedOf, EPHEMERAL, type Harness } from '../helpers/discord/harness.ts';
import { sharedHarness } from '../helpers/discord/shared-harness.ts';

let h: Harness;
sharedHarness((started) => (h = started));

const snapshot = (m: MessageState | null | undefined) => JSON.stringify({ content: m?.content, embeds: m?.embeds, components: m?.components, deleted: m?.deleted });

/** What clicking did outside the clicker's own private reply: follow-ups, public messages, edits. */
function publicEffects(click: InteractionRecord): unknown[] {
  return [...click.followups.filter((m) => (m.flags & EPHEMERAL) === 0), ...click.history.filter((e) => e.kind !== 'callback' && e.kind !== 'getOriginal')];
}

const click = (userId: string, message: MessageState | null | undefined, customId: string) =>
  h.run({ kind: 'button', userId, messageId: message?.id ?? '', customId });

interface Case {
  prefix: string;
  /** Makes the message with the button; returns it and the person it is for. */
  setup: () => Promise<{ message: MessageState | null; owner: string; customId: string }>;
  /** What the person it is not for is told. */
  refusal: RegExp;
}

const cases: Case[] = [
  {
    prefix: CustomIdPrefix.remove,
    setup: async () => {
      const owner = h.newUser();
      const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: owner, options: { question: ANSWERABLE } });
      return { message: answer.original, owner, customId: customIdOf(answer.original, 'Delete') };
    },
    refusal: /^Only <@\d+> can delete this reply\.$/u,
  },
  {
    prefix: CustomIdPrefix.page,
    setup: async () => {
      const owner = h.newUser();
      const search = await h.run({ kind: 'chatInput', name: 'search', userId: owner, options: { query: 'team' } });
      return { message: search.original, owner, customId: customIdOf(search.original, 'Next ▶') };
    },
    refusal: /^Only <@\d+> can turn the pages of this search\.$/u,
  },
  {
    prefix: CustomIdPrefix.publish,
    setup: async () => {
      const owner = h.newUser();
      const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: owner, options: { question: ANSWERABLE, private: true } });
      return { message: answer.original, owner, customId: customIdOf(answer.original, 'Send to channel') };
    },
    refusal: /^This button belongs to a private reply shown to someone else\.$/u,
  },
  {
    prefix: CustomIdPrefix.sent,
    setup: async () => {
      const owner = h.newUser();
      const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: owner, options: { question: ANSWERABLE, private: true } });
      await click(owner, answer.original, customIdOf(answer.original, 'Send to channel'));
      // Discord's client cannot click a disabled button; a forged request can. Enable it in the
      // stand-in's copy so the click can be made at all.
      for (const row of answer.original?.components ?? []) {
        for (const b of (row as { components: { custom_id?: string; disabled?: boolean }[] }).components) if (b.custom_id === CustomIdPrefix.sent) b.disabled = false;
      }
      return { message: answer.original, owner, customId: CustomIdPrefix.sent };
    },
    refusal: /^This button belongs to a private reply shown to someone else\.$/u,
  },
];

describe('buttons act only for the person they are for', () => {
  it.each(cases.map((c) => [c.prefix, c] as const))('%s: someone else is refused privately and nothing changes', async (prefix, c) => {
    const { message, customId } = await c.setup();
    expect(decodeCustomId(customId).prefix).toBe(prefix);
    const before = snapshot(message);
    const stranger = await click(h.newUser(), message, customId);
    expect(stranger.firstResponse?.type).toBe(4);
    expect(stranger.original?.flags).toBe(EPHEMERAL);
    expect(stranger.original?.content).toMatch(c.refusal);
    expect(stranger.original?.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(publicEffects(stranger)).toEqual([]);
    expect(snapshot(message)).toBe(before);
  });

  it.each(cases.map((c) => [c.prefix, c] as const))('%s: the person it is for can use it', async (prefix, c) => {
    const { message, owner, customId } = await c.setup();
    const own = await click(owner, message, customId);
    switch (prefix) {
      case CustomIdPrefix.remove:
        await h.waitForHistory(own, 'deleteOriginal');
        expect(message?.deleted).toBe(true);
        break;
      case CustomIdPrefix.page:
        expect(own.firstResponse?.type).toBe(7);
        expect(embedOf(message).footer?.text).toMatch(/^Page 2 of/u);
        break;
      case CustomIdPrefix.publish:
        await h.waitForHistory(own, 'followup');
        expect(own.followups[0]?.flags).toBe(0);
        expect(buttonsOf(message).get('Sent to channel')?.disabled).toBe(true);
        break;
      case CustomIdPrefix.sent:
        // Already sent: said so privately, nothing posted again.
        expect(own.original?.flags).toBe(EPHEMERAL);
        expect(own.original?.content).toBe('This reply was already sent to the channel.');
        expect(publicEffects(own)).toEqual([]);
        break;
      default:
        throw new Error(`no check for ${prefix}`);
    }
  });

  it(`${CustomIdPrefix.paragraph}: "Show paragraph" is for anyone, answers only the clicker, and changes nothing`, async () => {
    const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: ANSWERABLE } });
    const customId = customIdOf(answer.original, 'Show paragraph [1]');
    expect(decodeCustomId(customId).prefix).toBe(CustomIdPrefix.paragraph);
    const before = snapshot(answer.original);
    const stranger = await click(h.newUser(), answer.original, customId);
    expect(stranger.original?.flags).toBe(EPHEMERAL);
    expect(embedOf(stranger.original).title).toBe('Team Handbook, ¶3');
    expect(publicEffects(stranger)).toEqual([]);
    expect(snapshot(answer.original)).toBe(before);
  });

  it('a Show paragraph click on someone else\'s private reply is refused too', async () => {
    const owner = h.newUser();
    const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: owner, options: { question: ANSWERABLE, private: true } });
    const stranger = await click(h.newUser(), answer.original, customIdOf(answer.original, 'Show paragraph [1]'));
    expect(stranger.original?.content).toBe('This button belongs to a private reply shown to someone else.');
    const own = await click(owner, answer.original, customIdOf(answer.original, 'Show paragraph [1]'));
    expect(embedOf(own.original).title).toBe('Team Handbook, ¶3');
  });
});
