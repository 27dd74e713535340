import { describe, expect, it } from 'vitest';
import { spellsOut } from '../../src/answer/known-names.ts';

describe('spellsOut', () => {
  it('finds an acronym in the initials of capitalised words, small words and whole acronyms included', () => {
    expect(spellsOut('UAE', 'assisted the United Arab Emirates in building')).toBe(true);
    expect(spellsOut('WAIC', 'as the 2025 World AI Conference convenes')).toBe(true);
    expect(spellsOut('BIS', 'the Bank for International Settlements')).toBe(true);
    expect(spellsOut('EU', 'the United Arab Emirates and Egypt')).toBe(false);
  });
});
