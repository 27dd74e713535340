import { describe, expect, it } from 'vitest';
import { renderMarks } from '../../src/present/marks.ts';
import { formatAsk } from '../../src/present/terminal.ts';
import { ask } from '../../src/answer/index.ts';
import { articleKb } from '../helpers/folders.ts';

describe('renderMarks', () => {
  it.each([
    ['no marks', 'a b c', [], 'a b c'],
    ['one mark', 'the cat sat', [[4, 7]], 'the **cat** sat'],
    ['unsorted marks', 'a b c', [[4, 5], [0, 1]], '**a** b **c**'],
    ['overlapping marks keep the first', 'abcdef', [[0, 3], [2, 4]], '**abc**def'],
  ] as const)('%s', (_name, text, marks, expected) => {
    expect(renderMarks(text, marks.map((m) => [...m] as [number, number]), '**', '**')).toBe(expected);
  });

  it('escapes the text between marks but not the markers', () => {
    expect(renderMarks('a*b c', [[4, 5]], '**', '**', (s) => s.replace(/\*/g, '\\*'))).toBe('a\\*b **c**');
  });
});

describe('terminal presenter', () => {
  it('shows the answer with numbered citations, and plain text without colour codes', async () => {
    const text = formatAsk(ask(await articleKb(), 'Where is the World AI Conference held?'));
    expect(text).toMatch(/Shanghai.*\[1\]/);
    expect(text).toMatch(/Sources\n {2}\[1\] China's open approach.*¶2 {2}https:\/\/www\.globaltimes\.cn/);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('lists covered topics when declining', async () => {
    const text = formatAsk(ask(await articleKb(), 'How do I bake sourdough bread?'));
    expect(text).toMatch(/does not answer this question\.\n\nTopics it does cover:\n {2}• /);
  });
});
