import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldown.ts';

describe('Cooldowns', () => {
  it('lets a person go once per window and says how long to wait', () => {
    let now = 1_000_000;
    const cooldowns = new Cooldowns(3, () => now);
    expect(cooldowns.take('a')).toEqual({ ok: true });
    now += 500;
    expect(cooldowns.take('a')).toEqual({ ok: false, retryAfterSeconds: 3 });
    // Other people are not affected.
    expect(cooldowns.take('b')).toEqual({ ok: true });
    now += 1_600;
    expect(cooldowns.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(cooldowns.take('a')).toEqual({ ok: true });
  });

  it('does not restart the wait on a refused attempt', () => {
    let now = 0;
    const cooldowns = new Cooldowns(3, () => now);
    cooldowns.take('a');
    now = 2_900;
    expect(cooldowns.take('a').ok).toBe(false);
    now = 3_000;
    expect(cooldowns.take('a').ok).toBe(true);
  });

  it('is off at 0 seconds', () => {
    const cooldowns = new Cooldowns(0);
    expect(cooldowns.take('a').ok).toBe(true);
    expect(cooldowns.take('a').ok).toBe(true);
    expect(cooldowns.size).toBe(0);
  });

  it('forgets finished waits so memory stays bounded', () => {
    let now = 0;
    const cooldowns = new Cooldowns(1, () => now);
    for (let i = 0; i < 1000; i++) cooldowns.take(`user-${i}`);
    now = 5_000;
    cooldowns.take('late');
    expect(cooldowns.size).toBe(1);
  });
});
