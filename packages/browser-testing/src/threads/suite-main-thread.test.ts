import { SUITE_CASES } from '@synapticflow/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeInChromium } from '../vitest.js';
import { openThreadsPage, type ThreadsPage } from './open-threads-page.js';
import { suiteTarget } from './suite-case.js';

/**
 * Cases that call forward() (or run()) synchronously, which a backend with `synchronousRuns: false` refuses:
 * on a browser's main thread a threaded kernel cannot wait for its workers. In a dedicated worker they would
 * run synchronously but on the calling thread alone until the worker's event loop has started the team (see
 * blocking-worker.test.ts), so Node's suite run covers them on threads; here each must fail for that reason.
 */
const SYNCHRONOUS_CASES = [
  'elif.integrate',
  'elif.refractory-freeze',
  'elif.spike-at-threshold',
  'elif.spike-while-refractory',
  'elif.reset',
  'elif.lower-bound',
  'elif.traces-set',
  'elif.traces-additive',
  'elif.sum-input',
  'elif.exp-overflow',
  'invariance.batch-rows',
  'invariance.per-neuron-parameters',
  'invariance.run-equals-forward',
  'invariance.deterministic',
  'invariance.set-batch-size',
  'errors.input',
];

describeInChromium('shared suite on 3 threads from the main thread of a cross-origin isolated page', () => {
  let page: ThreadsPage;
  beforeAll(async () => {
    page = await openThreadsPage(true);
  }, 120_000);
  afterAll(async () => {
    await page?.close();
  });

  for (const backend of ['js', 'wasm'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      const target = suiteTarget(backend, dtype);
      const cases = SUITE_CASES.filter((c) => !c.appliesTo || c.appliesTo(target));
      describe(`behavioural suite: ${target.label}`, () => {
        for (const testCase of cases) {
          if (SYNCHRONOUS_CASES.includes(testCase.id)) continue;
          const name = `${testCase.group}: ${testCase.title} [${testCase.id}]`;
          test(name, async () => {
            expect(await page.call('runSuiteCase', backend, testCase.id, dtype)).toBeNull();
          });
        }

        // Keeps the list honest: each excluded case fails for that reason and no other.
        test('every excluded case stops at a synchronous run on the main thread', async () => {
          const failures: Record<string, string | null> = {};
          for (const id of SYNCHRONOUS_CASES)
            failures[id] = await page.call('runSuiteCase', backend, id, dtype);
          for (const [id, failure] of Object.entries(failures)) {
            expect(failure, id).toMatch(
              new RegExp(
                `backend "${backend}" runs asynchronously; use runAsync\\(\\) instead of (forward|run)\\(\\)$`,
              ),
            );
          }
        });
      });
    }
  }
});
