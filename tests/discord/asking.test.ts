import { describe, expect, it } from 'vitest';
import { askMayBeSlow, SLOW_ASK_CHUNKS } from '../../src/discord/asking.ts';

describe('/ask on a large folder', () => {
  it('defers first past SLOW_ASK_CHUNKS paragraphs, and answers in one request below', () => {
    expect(askMayBeSlow({ chunks: { size: SLOW_ASK_CHUNKS } })).toBe(false);
    expect(askMayBeSlow({ chunks: { size: SLOW_ASK_CHUNKS + 1 } })).toBe(true);
    // Large folders are the ones measured in the README (the Debian docs: 260,000 paragraphs).
    expect(SLOW_ASK_CHUNKS).toBeLessThan(260_000);
  });
});
