import { describe, expect, it } from 'vitest';
import { holdsFocus, missingFocus } from '../../src/answer/held-words.ts';
import { readQuestion } from '../../src/answer/question.ts';
import { planQuery } from '../../src/search/index.ts';
import { articleKb } from '../helpers/folders.ts';

describe('missingFocus and holdsFocus', () => {
  it('finds the focus words a paragraph lacks', async () => {
    const kb = await articleKb();
    const chunk = kb.chunks.get('china-ai-governance#p2')!;
    const plan = planQuery('What is the population of Shanghai?', kb.vocabulary);
    expect(missingFocus(readQuestion('What is the population of Shanghai?').focus.flat(), plan, chunk)).toEqual(['population']);
  });

  it('holds a phrase whose head is held and at most half of whose words are missing', () => {
    expect(holdsFocus(['southeast', 'asian', 'nations'], ['southeast'])).toBe(true);
    expect(holdsFocus(['regional', 'ai', 'hubs'], ['hubs'])).toBe(false);
    expect(holdsFocus(['good', 'exercise', 'plan'], ['good', 'exercise'])).toBe(false);
    expect(holdsFocus([], [])).toBe(true);
  });

});
