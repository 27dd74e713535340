import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/index.ts';
import { answerRows, openSourceRows } from '../../src/discord/source-buttons.ts';
import { presentAsk, type CitedSource } from '../../src/present/discord/index.ts';
import { fixtureKb } from '../helpers/discord/fixtures.ts';

const source = (n: number, url: string | null, chunkId = `doc#p${n}`, quote: string | null = null): CitedSource => ({ n, chunkId, citation: `Doc, ¶${n}`, title: 'Doc', url, quote });

describe('the buttons of an answer', () => {
  it('show each cited paragraph, and link each source once', async () => {
    const kb = await fixtureKb();
    const { sources } = presentAsk(ask(kb, 'Who approves refunds above 200 euros?'));
    const buttons = answerRows(sources, { paragraphs: true }).flatMap((r) => r.components);
    expect(buttons.filter((b) => 'custom_id' in b).map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(sources.map((s) => `para:${s.chunkId}`));
    const urls = buttons.flatMap((b) => ('url' in b ? [b.url] : []));
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('point each link at the sentence it quotes, so two paragraphs of one page get a button each', () => {
    const rows = answerRows([source(1, 'https://example.com/a', 'a#p1', 'Refunds need a manager.'), source(2, 'https://example.com/a', 'a#p2', 'The rota changes on Monday.')], { paragraphs: false });
    expect(rows.flatMap((r) => r.components)).toEqual([
      expect.objectContaining({ label: '[1] Doc', url: 'https://example.com/a#:~:text=Refunds%20need%20a%20manager.' }),
      expect.objectContaining({ label: '[2] Doc', url: 'https://example.com/a#:~:text=The%20rota%20changes%20on%20Monday.' }),
    ]);
  });

  it('group the sources of one URL on one button, and skip URLs Discord would refuse', () => {
    const rows = answerRows([source(1, 'https://example.com/a'), source(2, 'https://example.com/a'), source(3, 'javascript:alert(1)'), source(4, `https://example.com/${'x'.repeat(600)}`)], { paragraphs: false });
    expect(rows.flatMap((r) => r.components)).toEqual([expect.objectContaining({ label: '[1][2] Doc', url: 'https://example.com/a' })]);
  });

  it('leave the last row free for the reply controls: at most a row of each', () => {
    const many = Array.from({ length: 12 }, (_, i) => source(i + 1, `https://example.com/${i}`));
    expect(answerRows(many, { paragraphs: true }).map((r) => r.components.length)).toEqual([5, 5]);
  });

  it('"Open source" only for a URL a button can hold', () => {
    expect(openSourceRows('https://example.com/doc')[0]?.components[0]).toMatchObject({ label: 'Open source', url: 'https://example.com/doc' });
    expect(openSourceRows('not a url')).toEqual([]);
    expect(openSourceRows(null)).toEqual([]);
  });
});
