import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test } from 'vitest';
import { describeConformance } from './describe-conformance.js';
import { FAULTS, type Fault, faultyBackend } from './mutants.js';
import { runCase, SUITE_CASES } from './suite.js';
import type { ConformanceTarget } from './target.js';

// The reference interpreter (core's oracle) must pass the suite in both dtypes. It evaluates the AST element
// by element, too slowly for populations widened across blocks, and has no blocks to slip on.
for (const dtype of ['float32', 'float64'] as const) {
  describeConformance(
    { describe, test },
    { label: `interpreter ${dtype}`, createBackend: () => interpreterBackend(), dtype },
    { models: false, span: false },
  );
}

/** Each fault, with suite cases that must catch it. */
const CATCHERS: Partial<Record<Fault, string[]>> = {
  'exp-sign': ['elif.integrate'],
  'refractory-off-by-one': ['elif.refractory-steps'],
  'skipped-reset': ['elif.reset'],
  'float64-arithmetic': ['reference.elif-const-8.seed-pytorch-float32'],
  'shared-batch-state': ['invariance.batch-rows'],
};

describe('the suite catches broken backends', () => {
  for (const [fault, catchers] of Object.entries(CATCHERS) as [Fault, string[]][]) {
    test(`reports a failure for ${FAULTS[fault]}`, async () => {
      const backend = faultyBackend(interpreterBackend(), fault);
      const target: ConformanceTarget = { label: fault, createBackend: () => backend, dtype: 'float32' };
      const failed: string[] = [];
      for (const testCase of SUITE_CASES) {
        if (testCase.appliesTo && !testCase.appliesTo(target)) continue;
        await runCase(testCase, target).catch(() => failed.push(testCase.id));
      }
      expect(failed).toEqual(expect.arrayContaining(catchers));
    });
  }
});
