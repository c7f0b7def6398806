import { ELIFPopulation, type ELIFPopulationOptions } from '@synapticflow/core';
import { ELIF_INVARIANCE_CASES } from './cases/elif-invariances.js';
import { ELIF_SEMANTICS_CASES } from './cases/elif-semantics.js';
import { ERROR_CASES } from './cases/errors.js';
import { REFERENCE_CASES } from './cases/reference.js';
import type { BackendTarget, CaseContext, SuiteCase, SuiteRunner } from './suite-types.js';

/** Every case of the shared behavioural suite, in the order they are registered. */
export const SUITE_CASES: readonly SuiteCase[] = [
  ...ELIF_SEMANTICS_CASES,
  ...ELIF_INVARIANCE_CASES,
  ...ERROR_CASES,
  ...REFERENCE_CASES,
];

/** Runs one case against a target, disposing every population it made. Throws on failure. */
export async function runCase(testCase: SuiteCase, target: BackendTarget): Promise<void> {
  const backend = target.createBackend();
  const populations: ELIFPopulation[] = [];
  const context: CaseContext = {
    target,
    dtype: target.dtype,
    elif(options: Omit<ELIFPopulationOptions, 'backend'>) {
      const population = new ELIFPopulation({ dtype: target.dtype, ...options, backend });
      populations.push(population);
      return population;
    },
    async read(population, name) {
      return Array.from(await population.read(name));
    },
  };
  try {
    await testCase.run(context);
  } finally {
    for (const population of populations) population.dispose();
  }
}

/**
 * Registers the shared suite with a test runner, once per backend target — the pattern of a test-suite
 * package that takes the runner's `describe`/`test` (keyv's), so third-party backends run the same cases:
 *
 *   import { describe, test } from 'vitest';
 *   describeBackendSuite({ describe, test }, { label: 'js float32', createBackend: () => jsBackend(), dtype: 'float32' });
 */
export function describeBackendSuite(
  runner: SuiteRunner,
  target: BackendTarget,
  cases: readonly SuiteCase[] = SUITE_CASES,
): void {
  runner.describe(`behavioural suite: ${target.label}`, () => {
    const groups = [...new Set(cases.map((c) => c.group))];
    for (const group of groups) {
      runner.describe(group, () => {
        for (const testCase of cases.filter((c) => c.group === group)) {
          if (testCase.appliesTo && !testCase.appliesTo(target)) continue;
          const reason = target.exclude?.[testCase.id];
          const name = `${testCase.title} [${testCase.id}]`;
          if (reason !== undefined) {
            runner.test.skip?.(`${name} — excluded: ${reason}`, async () => {});
            continue;
          }
          runner.test(name, () => runCase(testCase, target));
        }
      });
    }
  });
}
