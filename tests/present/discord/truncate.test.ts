import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitLines, repairMarkdown, truncate, truncatePlain } from '../../../src/present/discord/truncate.ts';

const TEXT = 'The rota changes on Monday. Each member is on call for a week. Pages are answered within 15 minutes.';

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate(TEXT, TEXT.length)).toBe(TEXT);
  });

  it('cuts at the last sentence boundary and points to the rest', () => {
    const out = truncate(TEXT, 80, 'more: `/source handbook#p3`');
    expect(out).toBe('The rota changes on Monday. … more: `/source handbook#p3`');
    expect(out.length).toBeLessThanOrEqual(80);
  });

  it('falls back to a word boundary when no sentence ends near the limit', () => {
    const long = 'word '.repeat(40).trim();
    const out = truncate(long, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith(` ${ELLIPSIS}`)).toBe(true);
    expect(out).not.toMatch(/wor …|wo …/u);
  });

  it('closes a bold span the cut left open and drops a dangling escape', () => {
    expect(repairMarkdown('the **on-call rota')).toBe('the **on-call rota**');
    expect(repairMarkdown('a trailing \\')).toBe('a trailing');
    expect(repairMarkdown('escaped \\*\\* stars')).toBe('escaped \\*\\* stars');
    expect(repairMarkdown('opens at the end **')).toBe('opens at the end');
    const out = truncate(`**${'bold '.repeat(30)}** plain.`, 60);
    expect(out.match(/\*\*/gu)?.length ?? 0).toBe(2);
  });

  it('never splits an emoji', () => {
    const out = truncate('😀'.repeat(50), 21);
    expect(out.length).toBeLessThanOrEqual(21);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/u);
  });

  it('stays within the limit for any text and limit (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 0, max: 300 }), fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), (text, max, more) => {
        expect(truncate(text, max, more).length).toBeLessThanOrEqual(max);
        expect(truncatePlain(text, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('fitLines', () => {
  const lines = ['• first line', '• second line', '• third line', '• fourth line'];

  it('keeps whole lines and says how many did not fit', () => {
    const { text, shown } = fitLines(lines, 45, { more: (n) => `${lines.length - n} more` });
    expect(shown).toBe(2);
    expect(text).toBe('• first line\n• second line\n… 2 more');
  });

  it('cuts the first line itself when nothing whole fits', () => {
    const { text, shown } = fitLines(['One sentence here. Another sentence follows it.'], 35, { more: () => 'see /search' });
    expect(shown).toBe(0);
    expect(text.length).toBeLessThanOrEqual(35);
    expect(text).toContain('One sentence here.');
  });
});
