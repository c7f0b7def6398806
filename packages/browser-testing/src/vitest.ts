import { describe, test } from 'vitest';
import { chromiumMissing } from './chromium.js';

/**
 * `describe` for tests that need headless Chromium: skipped with the reason where it is missing, and a failing
 * test instead where SYNAPTICFLOW_REQUIRE_ALL=1 (CI), so CI cannot pass by skipping.
 */
export function describeInChromium(title: string, body: () => void): void {
  const missing = chromiumMissing();
  if (missing !== null && process.env.SYNAPTICFLOW_REQUIRE_ALL === '1') {
    test(`headless Chromium for: ${title}`, () => {
      throw new Error(`${missing}; SYNAPTICFLOW_REQUIRE_ALL=1 makes this a failure instead of a skip`);
    });
  }
  describe.skipIf(missing !== null)(`${title}${missing === null ? '' : ` (skipped: ${missing})`}`, body);
}
