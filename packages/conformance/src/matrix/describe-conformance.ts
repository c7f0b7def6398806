import { ELIF_MODEL, type ModelSpec } from '@synapticflow/core';
import type { SuiteRunner } from '../suite-types.js';
import { CHECKS } from './run-conformance.js';
import type { Cell, CheckOptions, ConformanceColumn } from './types.js';

/**
 * Registers the conformance checks with a test runner: one test per check, model and backend column, failing
 * on a FAIL cell (POOR passes, with its detail in the test name's log). For a backend package's own tests:
 *
 *   describeConformance({ describe, test }, { backends: [{ label: 'mine float32', createBackend, dtype: 'float32' }] });
 */
export function describeConformance(
  runner: SuiteRunner,
  request: {
    backends: readonly ConformanceColumn[];
    models?: readonly ModelSpec[];
    seed?: number;
    effort?: number;
  },
): void {
  const options: CheckOptions = { seed: request.seed ?? 20261125, effort: request.effort ?? 1 };
  for (const model of request.models ?? [ELIF_MODEL]) {
    runner.describe(`conformance: ${model.name}`, () => {
      for (const check of CHECKS) {
        if (check.appliesTo && !check.appliesTo(model)) continue;
        for (const column of request.backends) {
          runner.test(`${check.title} on ${column.label}`, async () => {
            const cell: Cell = await check.run(model, column, options);
            if (cell.status === 'FAIL')
              throw new Error(`${check.title} on ${column.label}: FAIL — ${cell.detail}`);
          });
        }
      }
    });
  }
}
