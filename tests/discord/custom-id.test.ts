import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomIdPrefix, decodeCustomId, decodeTime, encodeCustomId, encodeTime } from '../../src/discord/custom-id.ts';
import { DiscordLimits } from '../../src/present/discord/index.ts';

describe('custom ids', () => {
  it('round-trips any parts, colons and percent signs included (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(CustomIdPrefix)), fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }), (prefix, parts) => {
        const id = encodeCustomId(prefix, parts);
        if (id === null) return;
        expect(id.length).toBeLessThanOrEqual(DiscordLimits.customId);
        expect(decodeCustomId(id)).toEqual({ prefix, parts });
      }),
    );
  });

  it('refuses (null) rather than exceed 100 characters', () => {
    expect(encodeCustomId('page', ['x'.repeat(100)])).toBeNull();
    expect(encodeCustomId('page', ['x'.repeat(95)])).toHaveLength(100);
  });

  it('encodes an expiry in a few characters', () => {
    const at = Date.UTC(2030, 0, 1, 12, 0, 0);
    expect(encodeTime(at).length).toBeLessThanOrEqual(7);
    expect(decodeTime(encodeTime(at))).toBe(at);
    expect(decodeTime('not valid!')).toBeNull();
  });
});
