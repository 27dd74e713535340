import { describe, expect, it } from 'vitest';
import { ACRONYM_DEFAULTS, acronymTable, spellAcronyms } from '../../src/search/acronyms.ts';
import { planQuery } from '../../src/search/index.ts';
import { ask } from '../../src/answer/ask.ts';
import { articleKb, kbFrom } from '../helpers/folders.ts';

const HARBOUR = `# Harbour news

The Northern Harbour Rowing Club meets every Sunday at the old pier.
Members of the club repaint the boats in spring.
`;

describe('acronymTable', () => {
  it('learns acronyms of the whole capitalised names the material writes, capitals giving all their letters', async () => {
    const kb = await articleKb();
    const table = acronymTable(kb);
    expect(table.get('waic')).toEqual(['world', 'ai', 'confer']);
    // Part of a name is no name: "AI Conference" alone makes no acronym.
    expect(table.has('aic')).toBe(false);
  });

  it('reads no names in material with more chunks than it may read', async () => {
    const kb = await kbFrom({ 'harbour.md': HARBOUR });
    expect(acronymTable(kb).get('nhrc')).toEqual(['northern', 'harbour', 'row', 'club']);
    const other = await kbFrom({ 'harbour.md': HARBOUR });
    expect(acronymTable(other, { ...ACRONYM_DEFAULTS, maxChunks: 0 }).size).toBe(0);
  });
});

describe('spellAcronyms', () => {
  it('searches a lower-case acronym the material never writes as the name it spells out', async () => {
    const kb = await articleKb();
    const plan = spellAcronyms(planQuery('waic dates', kb.vocabulary), kb);
    expect(plan.planned[0]).toMatchObject({ word: 'waic', match: 'exact' });
    expect([...plan.terms.keys()]).toEqual(expect.arrayContaining(['world', 'ai', 'confer']));
    expect(ask(kb, 'waic dates').answered).toBe(true);
    // A word that is no acronym of the material's names stays unknown.
    expect(spellAcronyms(planQuery('gym dates', kb.vocabulary), kb).planned[0]!.match).toBe('none');
  });
});
