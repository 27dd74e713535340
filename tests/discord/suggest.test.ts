import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/discord/limits.ts';
import { citationChoices, documentChoices, questionChoices, topicChoices } from '../../src/discord/suggest.ts';
import { resolveChunkRef, toChoices } from '../../src/present/discord/index.ts';
import { fixtureKb } from './helpers/fixtures.ts';

const later = () => Date.now() + 10_000;
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
    const choices = toChoices(questionChoices(kb, 'on-call ro', later(), Date.now));
    withinLimits(choices);
    expect(choices.some((c) => c.name.startsWith('The on-call rota changes every Monday'))).toBe(true);
  });

  it('/ask: echoes the input when the deadline has passed and nothing else matched', async () => {
    const kb = await fixtureKb();
    expect(questionChoices(kb, 'zzzz qqqq', 0, Date.now)).toEqual([{ name: 'zzzz qqqq', value: 'zzzz qqqq' }]);
  });

  it('caps at 25 choices of at most 100 characters', async () => {
    const kb = await fixtureKb();
    withinLimits(toChoices(questionChoices(kb, 'the', later(), Date.now)));
    withinLimits(toChoices(citationChoices(kb, '', later(), Date.now)));
    withinLimits(toChoices(Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${'long '.repeat(40)}`, value: `${i} ${'v'.repeat(200)}` }))));
  });

  it('documents and citations resolve back, long ids through their short ref', async () => {
    const kb = await fixtureKb();
    const docs = documentChoices(kb, 'planning');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.value).toMatch(/^archive\/2024\/quarterly/u);
    const citations = toChoices(citationChoices(kb, 'infrastructure quart', later(), Date.now));
    withinLimits(citations);
    const first = citations[0];
    expect(first && resolveChunkRef(kb, first.value)?.document).toMatch(/^archive\/2024\//u);
    expect(citationChoices(kb, 'handbook#p1', later(), Date.now).map((c) => c.value)).toEqual(['handbook#p1', 'handbook#p10']);
  });

  it('/summary topics come from the material', async () => {
    const kb = await fixtureKb();
    const topics = topicChoices(kb, '');
    expect(topics.length).toBeGreaterThan(0);
    withinLimits(toChoices(topics));
  });
});
