import type { Dtype } from '@synapticflow/core';
import { interpreterBackend } from '@synapticflow/core/reference';
import type { ConformanceTarget, SuiteRunner } from '../target.js';
import { createNetwork, missingNetworkSupport } from './network-api.js';
import { NETWORK_CASES, type NetworkCase } from './network-cases.js';
import { differences } from './recorded.js';

const REFERENCE = (dtype: Dtype): ConformanceTarget => ({
  label: `reference ${dtype}`,
  createBackend: () => interpreterBackend(),
  dtype,
});

/** Runs one case on a target: hand-computed values, the reference backend's run, and the case's own checks. */
export async function runNetworkCase(testCase: NetworkCase, target: ConformanceTarget): Promise<void> {
  const make = (options: { dt: number; batchSize?: number }) => createNetwork(target, options);
  const mine = await testCase.record(make, target.dtype);
  const problems: string[] = [];
  if (testCase.expected) {
    // Rates are counts over n*dt, whose rounding depends on how that quotient is written.
    const byHand = differences(mine, testCase.expected(target.dtype), (name) =>
      name === 'rates' ? 1e-9 : 0,
    );
    for (const p of byHand) problems.push(`by hand: ${p}`);
  }
  const reference = REFERENCE(target.dtype);
  const theirs = await testCase.record((options) => createNetwork(reference, options), target.dtype);
  const tolerance = testCase.stateTolerance?.(target.dtype) ?? 0;
  for (const p of differences(mine, theirs, () => tolerance))
    problems.push(`against the reference backend: ${p}`);
  if (problems.length > 0) throw new Error(`${testCase.id} on ${target.label}:\n${problems.join('\n')}`);
  await testCase.selfCheck?.(make, target.dtype, mine);
}

/**
 * Registers the network cases of the behavioural suite for one target: each runs on the target, on the
 * reference backend (interpreterBackend, same dtype) and against hand-computed values.
 */
export function describeNetworkConformance(
  runner: SuiteRunner,
  target: ConformanceTarget,
  cases: readonly NetworkCase[] = NETWORK_CASES,
): void {
  runner.describe(`network suite: ${target.label}`, () => {
    const missing = missingNetworkSupport(target);
    for (const testCase of cases) {
      const name = `${testCase.title} [${testCase.id}]`;
      const reason = target.exclude?.[testCase.id];
      if (missing || reason !== undefined) {
        runner.test.skip?.(
          `${name} — ${missing ? `not run: ${missing}` : `excluded: ${reason}`}`,
          async () => {},
        );
        continue;
      }
      runner.test(name, () => runNetworkCase(testCase, target));
    }
  });
}
