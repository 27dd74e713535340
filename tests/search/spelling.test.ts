import { describe, expect, it } from 'vitest';
import { spellingVariants } from '../../src/search/spelling.ts';
import { planQuery } from '../../src/search/index.ts';
import { kbFrom } from '../helpers/folders.ts';

describe('spellingVariants', () => {
  it.each([
    ['centres', 'centers'],
    ['organisation', 'organization'],
    ['characterise', 'characterize'],
    ['analysed', 'analyzed'],
    ['colour', 'color'],
    ['favourite', 'favorite'],
    ['dialogue', 'dialog'],
    ['defence', 'defense'],
    ['travelled', 'traveled'],
    ['programme', 'program'],
  ])('spells %j the other way as %j, and back', (british, american) => {
    expect(spellingVariants(british)).toContain(american);
    expect(spellingVariants(american)).toContain(british);
  });

  it('has no other spelling for words without one', () => {
    for (const w of ['rise', 'wise', 'paris', 'tour', 'four', 'data']) expect(spellingVariants(w), w).toEqual([]);
  });
});

describe('planQuery and spelling', () => {
  it('finds a word spelt the other way as the word itself, not as a synonym', async () => {
    const kb = await kbFrom({ 'notes.md': '# Notes\n\nThe data center keeps backups of every organization.\n\nThe office closes at noon.\n' });
    const plan = planQuery('data centres organisations', kb.vocabulary);
    expect(plan.planned.find((w) => w.word === 'centres')).toMatchObject({ match: 'exact', terms: [{ term: 'center', weight: 1 }] });
    expect(plan.planned.find((w) => w.word === 'organisations')?.match).toBe('exact');
  });
});
