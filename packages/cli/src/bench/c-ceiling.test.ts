import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { buildCeiling, runCeiling } from './c-ceiling.js';

const hasCc = spawnSync('cc', ['--version']).status === 0;

describe.skipIf(!hasCc && process.env.SYNAPTICFLOW_REQUIRE_ALL !== '1')('the C ceiling', () => {
  test('builds with cc and reports a median within its range on 1 and 2 threads', () => {
    const binary = buildCeiling();
    expect(binary).not.toBeNull();
    for (const threads of binary!.openmp ? [1, 2] : [1]) {
      const result = runCeiling(binary!, { n: 1000, steps: 200, reps: 3, threads });
      if (!('rate' in result)) throw new Error(result.failure);
      const { median, min, max } = result.rate;
      expect(min).toBeGreaterThan(0);
      expect(median).toBeGreaterThanOrEqual(min);
      expect(max).toBeGreaterThanOrEqual(median);
    }
  }, 60_000);
});
