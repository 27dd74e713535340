import { describe, expect, it } from 'vitest';
import { groupQuestions, likeness, questionFeatures } from '../../src/answer/index.ts';
import { articleKb } from '../helpers/folders.ts';

/** The groups as wordings, for readable failures. */
function grouped(texts: readonly string[]): string[][] {
  return groupQuestions(texts).map((g) => g.map((i) => texts[i]!));
}

const together = (texts: readonly string[], a: string, b: string) => grouped(texts).some((g) => g.includes(a) && g.includes(b));

describe('groupQuestions', () => {
  const TEXTS = [
    'population of Shanghai?',
    'how many people live in Shanghai',
    'population of Beijing',
    'How do I reset my password',
    'how can i reset my password?',
    'password reset',
    'What is the population of Shanghai?',
    'Shanghai weather',
    'When is the conference?',
    'conference venue',
  ];

  it('joins questions that mean the same and keeps the others apart', () => {
    expect(grouped(TEXTS)).toEqual([
      ['population of Shanghai?', 'how many people live in Shanghai', 'What is the population of Shanghai?'],
      ['population of Beijing'],
      ['How do I reset my password', 'how can i reset my password?', 'password reset'],
      ['Shanghai weather'],
      ['When is the conference?'],
      ['conference venue'],
    ]);
  });

  it('never joins questions that name different things', () => {
    const texts = ['What is the population of Shanghai?', 'What is the population of Beijing?', 'population of Beijing', 'Population of Shanghai in 2020', 'What did the US unveil?', 'What did China unveil?'];
    for (const [a, b] of [[0, 1], [0, 2], [0, 3], [4, 5]] as const) expect(together(texts, texts[a]!, texts[b]!), `${texts[a]} / ${texts[b]}`).toBe(false);
    expect(together(texts, texts[1]!, texts[2]!)).toBe(true);
  });

  it('joins a one-letter slip to the spelling the others use', () => {
    const texts = ['population of shanghai', 'Population of Shanghai?', 'poplation of shanghai'];
    expect(grouped(texts)).toEqual([texts]);
  });

  it('keeps questions for different kinds of answer apart', () => {
    expect(together(['When is the conference held?', 'Where is the conference held?'], 'When is the conference held?', 'Where is the conference held?')).toBe(false);
  });

  it('is deterministic and in index order', () => {
    const shuffled = [...TEXTS].reverse();
    const groups = groupQuestions(shuffled);
    expect(groupQuestions(shuffled)).toEqual(groups);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(shuffled.map((_, i) => i));
    for (const g of groups) expect(g).toEqual([...g].sort((a, b) => a - b));
    expect(groups.map((g) => g[0])).toEqual(groups.map((g) => g[0]).sort((a, b) => a! - b!));
    expect(grouped(shuffled).map((g) => [...g].sort())).toEqual(expect.arrayContaining(grouped(TEXTS).map((g) => [...g].sort())));
  });

  it('handles empty input and questions with no content words', () => {
    expect(groupQuestions([])).toEqual([]);
    expect(groupQuestions(['?', 'the of and', 'hello'])).toEqual([[0], [1], [2]]);
  });

  // Its speed is not asserted here (no timing in tests): only that a log-sized set comes out whole.
  it('groups a few thousand questions, keeping one wording asked a thousand times together', async () => {
    const kb = await articleKb();
    // Word salads from the whole article: a log's questions share some words, not all.
    const words = Array.from({ length: kb.chunks.size }, (_, i) => kb.chunks.at(i).text.split(/\s+/)).flat();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const texts = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? `How do I reset my password${'?'.repeat(i % 2)}` : Array.from({ length: 3 + Math.floor(random() * 8) }, () => words[Math.floor(random() * words.length)]).join(' '),
    );
    const groups = groupQuestions(texts);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(texts.map((_, i) => i));
    expect(groups.find((g) => g.includes(0))?.length).toBeGreaterThanOrEqual(1000);
  });
});

describe('likeness', () => {
  const weight = () => 1;
  it('is 1 for the same wording and 0 when the names differ', () => {
    expect(likeness(questionFeatures('Reset my password?'), questionFeatures('reset my password'), weight)).toBe(1);
    expect(likeness(questionFeatures('What is the capital of France?'), questionFeatures('What is the capital of Spain?'), weight)).toBe(0);
  });
});
