import { describe, expect, it } from 'vitest';
import { fitsInline, pageCustomId, pageRows, parsePageParts } from '../../commands/search.ts';
import { decodeCustomId } from '../../src/discord/custom-id.ts';
import { DiscordLimits } from '../../src/present/discord/index.ts';

const USER = '987654321098765432';

describe('search page ids', () => {
  it('carry short queries inline and say when a long one must be stored', () => {
    const inline = { askerId: USER, target: { kind: 'inline' as const, query: 'on-call: rota', document: 'handbook' } };
    const id = pageCustomId(inline, 5);
    expect(id).not.toBeNull();
    expect(parsePageParts(decodeCustomId(id ?? '').parts)).toEqual({ askerId: USER, offset: 5, target: inline.target });
    expect(fitsInline(USER, 'x'.repeat(80), null, 100)).toBe(false);
    const stored = pageCustomId({ askerId: USER, target: { kind: 'stored', key: 'abcdEFGH1234' } }, 10_000);
    expect(stored?.length).toBeLessThanOrEqual(DiscordLimits.customId);
    expect(parsePageParts(decodeCustomId(stored ?? '').parts)).toEqual({ askerId: USER, offset: 10_000, target: { kind: 'stored', key: 'abcdEFGH1234' } });
  });

  it('tells an inline document reference from a stored key', () => {
    expect(parsePageParts([USER, '0', '~abc123', 'query'])?.target).toEqual({ kind: 'inline', document: '~abc123', query: 'query' });
    expect(parsePageParts([USER, 'x', '', 'q'])).toBeNull();
  });
});

describe('page buttons', () => {
  const state = { askerId: USER, target: { kind: 'inline' as const, query: 'q', document: null } };
  it('are absent on a single page, and disabled at either end', () => {
    expect(pageRows({ offset: 0, limit: 5, total: 5, hits: [] }, state)).toEqual([]);
    const first = pageRows({ offset: 0, limit: 5, total: 12, hits: new Array(5) }, state)[0]?.components ?? [];
    expect(first.map((b) => ['label' in b ? b.label : '', 'disabled' in b && b.disabled === true])).toEqual([['◀ Previous', true], ['Next ▶', false]]);
    const last = pageRows({ offset: 10, limit: 5, total: 12, hits: new Array(2) }, state)[0]?.components ?? [];
    expect(last.map((b) => ['label' in b ? b.label : '', 'disabled' in b && b.disabled === true])).toEqual([['◀ Previous', false], ['Next ▶', true]]);
  });
});
