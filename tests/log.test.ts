import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/log.ts';
import { captureLog } from './helpers/discord/log.ts';

const SECRET = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

/** `value` wrapped `depth` levels deep, alternating objects, arrays and errors' causes. */
function nest(value: unknown, depth: number): unknown {
  let out = value;
  for (let i = 0; i < depth; i++) {
    if (i % 3 === 0) out = { inner: out };
    else if (i % 3 === 1) out = [out];
    else out = Object.assign(new Error('wrapper'), { cause: out });
  }
  return out;
}

describe('scrubSecrets', () => {
  it.each([1, 5, 12, 40])('finds the secret %i levels deep', (depth) => {
    const scrubbed = scrubSecrets(nest(`token ${SECRET} here`, depth), [SECRET]);
    expect(JSON.stringify(scrubbed, (_k, v: unknown) => (v instanceof Error ? { message: v.message, cause: v.cause } : v))).not.toContain(SECRET);
  });

  it('ends on a cycle and keeps its shape, the secret gone', () => {
    const a: Record<string, unknown> = { note: SECRET };
    a['self'] = a;
    const error = new Error(`failed with ${SECRET}`);
    error.cause = error;
    const out = scrubSecrets({ a, error }, [SECRET]) as { a: Record<string, unknown>; error: Error };
    expect(out.a['note']).toBe('[redacted]');
    expect(out.a['self']).toBe(out.a);
    expect(out.error.message).toBe('failed with [redacted]');
    expect(out.error.cause).toBe(out.error);
  });

  it('leaves the original untouched', () => {
    const original = { deep: { token: SECRET } };
    scrubSecrets(original, [SECRET]);
    expect(original.deep.token).toBe(SECRET);
  });
});

describe('the logger', () => {
  it('writes no secret nested ten levels deep in what it is given', () => {
    const log = captureLog();
    const logger = createLogger({ format: 'json', secrets: [SECRET], destination: log.stream });
    logger.warn({ request: nest({ header: `Bot ${SECRET}` }, 10) }, 'a deep request');
    logger.error({ err: nest(new Error(`refused ${SECRET}`), 7) }, 'a deep error');
    logger.flush();
    expect(log.lines()).toHaveLength(2);
    expect(log.text()).not.toContain(SECRET);
    expect(log.text()).toContain('[redacted]');
  });
});
