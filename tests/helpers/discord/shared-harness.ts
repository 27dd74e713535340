import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startHarness, TEST_TOKEN, type Harness, type HarnessOptions } from './harness.ts';

// Kept apart from harness.ts, which the benchmark also imports outside the test runner.
/**
 * One bot for a whole test file, with the checks every such suite makes: no limit violations after
 * each test, and the token nowhere in the log at the end. `assign` receives the started harness.
 */
export function sharedHarness(assign: (h: Harness) => void, options: HarnessOptions = {}): void {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(options);
    assign(current);
  });
  afterAll(async () => {
    await current?.close();
    expect(current?.log.text()).not.toContain(TEST_TOKEN);
  });
  afterEach(() => {
    expect(current?.s.violations).toEqual([]);
  });
}
