import { type Backend, ELIF_MODEL, type ModelSpec } from '@synapticflow/core';
import { CHECKS, checkOptions, runCell, spanning } from './matrix/run-conformance.js';
import type { MatrixOptions } from './matrix/types.js';
import { runCase, SUITE_CASES } from './suite.js';
import type { SuiteCase } from './suite-types.js';
import type { ConformanceTarget, SuiteRunner } from './target.js';
import { describeThreadAgreement } from './thread-agreement.js';

export interface DescribeConformanceOptions extends MatrixOptions {
  /** The behavioural suite's cases to run (default: all); `false` runs none. */
  suite?: readonly SuiteCase[] | false;
  /** Models for the matrix checks (default: the built-in ELIF); `false` runs no check. */
  models?: readonly ModelSpec[] | false;
  /** For a backend with threads: registers the thread-agreement tests in the target's dtype. */
  threads?: {
    /** The backend on `threads` threads, splitting every run however small. */
    createBackend(threads: number): Backend;
    /** The same on 2 threads where the calling thread may not block: runs return Promises (`runAsync`). */
    createAsyncBackend(): Backend;
  };
}

/**
 * Registers everything a backend must pass with a test runner, for one target: the behavioural suite's cases,
 * the matrix checks on each model (failing on a FAIL cell; POOR passes) and, given `threads`, the
 * thread-agreement tests. The runner's `describe`/`test` are taken as arguments (keyv's test-suite pattern), so
 * third-party backends and browser pages run the same tests:
 *
 *   import { describe, test } from 'vitest';
 *   describeConformance({ describe, test }, { label: 'mine float32', createBackend: () => mine(), dtype: 'float32' });
 */
export function describeConformance(
  runner: SuiteRunner,
  target: ConformanceTarget,
  options: DescribeConformanceOptions = {},
): void {
  if (options.suite !== false) describeSuite(runner, target, options.suite ?? SUITE_CASES, options.span);
  if (options.models !== false) {
    const checks = options.checks ? CHECKS.filter((c) => options.checks!.includes(c.id)) : CHECKS;
    const check = checkOptions(options);
    for (const model of options.models ?? [ELIF_MODEL]) {
      runner.describe(`conformance: ${model.name}`, () => {
        for (const c of checks) {
          if (c.appliesTo && !c.appliesTo(model)) continue;
          runner.test(`${c.title} on ${target.label}`, async () => {
            // A fresh spanning column per cell, so that each check widens its own first population.
            const cell = await runCell(c, model, spanning(target, options.span), check);
            if (cell.status === 'FAIL')
              throw new Error(`${c.title} on ${target.label}: FAIL — ${cell.detail}`);
          });
        }
      });
    }
  }
  if (options.threads)
    describeThreadAgreement(runner, { label: target.label, ...options.threads }, [target.dtype]);
}

function describeSuite(
  runner: SuiteRunner,
  target: ConformanceTarget,
  cases: readonly SuiteCase[],
  span: number | false | undefined,
): void {
  runner.describe(`behavioural suite: ${target.label}`, () => {
    for (const group of new Set(cases.map((c) => c.group))) {
      runner.describe(group, () => {
        for (const testCase of cases.filter((c) => c.group === group)) {
          if (testCase.appliesTo && !testCase.appliesTo(target)) continue;
          const reason = target.exclude?.[testCase.id];
          const name = `${testCase.title} [${testCase.id}]`;
          if (reason !== undefined) {
            runner.test.skip?.(`${name} — excluded: ${reason}`, async () => {});
            continue;
          }
          runner.test(name, () => runCase(testCase, spanning(target, span)));
        }
      });
    }
  });
}
