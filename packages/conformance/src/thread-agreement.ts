import { type Backend, type Dtype, ELIFPopulation, MODEL_LIBRARY, Population } from '@synapticflow/core';
import { check, checkEqual, checkIdentical } from './assert.js';
import { differingRunKinds, exerciseRunKinds } from './run-kinds.js';
import type { SuiteRunner } from './target.js';

/** A backend with a `threads` option, as the thread-agreement tests need it. */
export interface ThreadedTarget {
  readonly label: string;
  /** The backend on `threads` threads, splitting every run however small. */
  createBackend(threads: number): Backend;
  /** The same on 2 threads where the calling thread may not block: runs return Promises (`runAsync`). */
  createAsyncBackend(): Backend;
}

/**
 * 12,345 neurons per row: several of backend-js's 4096-neuron sweeps and not a whole number of them or of
 * 64-neuron blocks, so each thread's share spans block boundaries and three threads get uneven shares.
 */
const N = 12_345;
const BATCH = 2;

function elif(backend: Backend, dtype: Dtype): ELIFPopulation {
  const resetPot = Float64Array.from({ length: N }, (_, j) => -70 + (j % 7)); // a per-neuron parameter
  return new ELIFPopulation({ n: N, batchSize: BATCH, backend, dtype, resetPot });
}

/**
 * Registers tests that a threaded backend gives, value for value, what it gives on one thread: ELIF in each of
 * `dtypes` on 2 and 3 threads over every kind of run and, with float32, a library model with two state
 * variables and runs that go through `runAsync` where the calling thread may not block.
 */
export function describeThreadAgreement(
  runner: SuiteRunner,
  target: ThreadedTarget,
  dtypes: readonly Dtype[] = ['float32', 'float64'],
): void {
  const { describe, test } = runner;
  describe(`threads agree with one thread: ${target.label}`, () => {
    for (const dtype of dtypes) {
      for (const threads of [2, 3]) {
        test(`ELIF ${dtype} on ${threads} threads is bit-identical to one thread`, async () => {
          const one = exerciseRunKinds(elif(target.createBackend(1), dtype));
          const population = elif(target.createBackend(threads), dtype);
          const description = population.kernelDescription;
          check(
            description.includes(`${threads} threads`),
            `kernel "${description}" runs on ${threads} threads`,
          );
          checkEqual(
            differingRunKinds(one, exerciseRunKinds(population)).join(', '),
            '',
            'values that differ',
          );
          population.dispose();
        });
      }
    }

    if (!dtypes.includes('float32')) return;

    test('a library model (AdEx, two state variables) agrees bit for bit', async () => {
      const make = (backend: Backend) =>
        new Population(MODEL_LIBRARY.adex!, { n: N, batchSize: BATCH, backend, dtype: 'float32' });
      const one = exerciseRunKinds(make(target.createBackend(1)));
      const many = exerciseRunKinds(make(target.createBackend(2)));
      checkEqual(differingRunKinds(one, many).join(', '), '', 'values that differ');
    });

    test('asynchronous runs (a browser main thread) give the same results', async () => {
      const population = elif(target.createBackend(1), 'float32');
      const expected = population.run(30, { input: 1.2 });
      const threaded = elif(target.createAsyncBackend(), 'float32');
      const result = await threaded.runAsync(30, { input: 1.2 });
      checkIdentical(result.spikes!, expected.spikes!, 'spikes');
      checkIdentical(threaded.state('v'), population.state('v'), 'v');
      threaded.dispose();
    });
  });
}
