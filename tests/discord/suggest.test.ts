import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/present/discord/index.ts';
import { citationChoices, documentChoices, questionChoices, topicChoices } from '../../src/discord/suggest.ts';
import { toChoices } from '../../src/discord/choices.ts';
import { resolveChunkRef } from '../../src/discord/refs.ts';
import { fixtureKb } from '../helpers/discord/fixtures.ts';

/** A clock that moves one tick each time it is read: the deadline is `n` reads away. */
function ticking(): () => number {
  let t = 0;
  return () => ++t;
}
const NEVER = Number.POSITIVE_INFINITY;
const later = () => NEVER;
const sentencesOf = (choices: { name: string }[]) => choices.filter((c) => /\.$/u.test(c.name));
const withinLimits = (choices: { name: string; value: string }[]) => {
  expect(choices.length).toBeLessThanOrEqual(DiscordLimits.autocompleteChoices);
  for (const c of choices) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(DiscordLimits.choiceName);
    expect(c.value.length).toBeLessThanOrEqual(DiscordLimits.choiceValue);
  }
  expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
};

describe('autocomplete suggestions', () => {
  it('/ask: topics and matching sentences for a half-typed word', async () => {
    const kb = await fixtureKb();
    const choices = toChoices(questionChoices(kb, 'on-call ro', later(), ticking()));
    withinLimits(choices);
    expect(choices.some((c) => c.name.startsWith('The on-call rota changes every Monday'))).toBe(true);
  });

  it('/ask: echoes the input when the deadline has passed, though sentences would match', async () => {
    const kb = await fixtureKb();
    expect(sentencesOf(questionChoices(kb, 'escal', NEVER, ticking())).length).toBeGreaterThan(0);
    // The deadline is the clock's first reading: nothing may be searched.
    expect(questionChoices(kb, 'escal', 1, ticking())).toEqual([{ name: 'escal', value: 'escal' }]);
  });

  it('/ask: stops between steps when the deadline passes, keeping what it found in time', async () => {
    const kb = await fixtureKb();
    const all = sentencesOf(questionChoices(kb, 'team', NEVER, ticking()));
    expect(all.length).toBeGreaterThan(5);
    // One read before the first page of five, one before the second: the deadline falls between.
    const firstPage = sentencesOf(questionChoices(kb, 'team', 2, ticking()));
    expect(firstPage).toEqual(all.slice(0, 5));
  });

  it('/source: a deadline already passed offers only ids, no search', async () => {
    const kb = await fixtureKb();
    expect(citationChoices(kb, 'holiday', NEVER, ticking()).length).toBeGreaterThan(0);
    expect(citationChoices(kb, 'holiday', 1, ticking())).toEqual([{ name: 'holiday', value: 'holiday' }]);
  });

  it('caps at 25 choices of at most 100 characters', async () => {
    const kb = await fixtureKb();
    withinLimits(toChoices(questionChoices(kb, 'the', later(), ticking())));
    withinLimits(toChoices(citationChoices(kb, '', later(), ticking())));
    withinLimits(toChoices(Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${'long '.repeat(40)}`, value: `${i} ${'v'.repeat(200)}` }))));
  });

  it('documents and citations resolve back, long ids through their short ref', async () => {
    const kb = await fixtureKb();
    const docs = documentChoices(kb, 'planning');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.value).toMatch(/^archive\/2024\/quarterly/u);
    const citations = toChoices(citationChoices(kb, 'infrastructure quart', later(), ticking()));
    withinLimits(citations);
    const first = citations[0];
    expect(first && resolveChunkRef(kb, first.value)?.document).toMatch(/^archive\/2024\//u);
    expect(citationChoices(kb, 'handbook#p1', later(), ticking()).map((c) => c.value)).toEqual(['handbook#p1', 'handbook#p10']);
  });

  it('/summary topics come from the material', async () => {
    const kb = await fixtureKb();
    const topics = topicChoices(kb, '');
    expect(topics.length).toBeGreaterThan(0);
    withinLimits(toChoices(topics));
  });
});
