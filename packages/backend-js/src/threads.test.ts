import { differingRunKinds, exerciseRunKinds } from '@synapticflow/conformance';
import { type Backend, BackendError, ELIFPopulation, MODEL_LIBRARY, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';
import { JsKernel } from './js-kernel.js';

const N = 1000; // 16 blocks of 64 neurons: three threads get uneven shares
const BATCH = 2;

function elif(backend: Backend, dtype: 'float32' | 'float64'): ELIFPopulation {
  const resetPot = Float64Array.from({ length: N }, (_, j) => -70 + (j % 7)); // a per-neuron parameter
  return new ELIFPopulation({ n: N, batchSize: BATCH, backend, dtype, resetPot });
}

describe('threads', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const threads of [2, 3]) {
      test(`ELIF ${dtype} on ${threads} threads is bit-identical to one thread`, () => {
        const one = exerciseRunKinds(elif(jsBackend(), dtype));
        const population = elif(jsBackend({ threads, minUpdatesForThreads: 1 }), dtype);
        expect(population.kernelDescription).toContain(`${threads} threads`);
        expect(differingRunKinds(one, exerciseRunKinds(population))).toEqual([]);
        population.dispose();
      });
    }
  }

  test('a library model (AdEx, two state variables) agrees bit for bit', () => {
    const make = (backend: Backend) =>
      new Population(MODEL_LIBRARY.adex!, { n: N, batchSize: BATCH, backend, dtype: 'float32' });
    const one = exerciseRunKinds(make(jsBackend()));
    const many = exerciseRunKinds(make(jsBackend({ threads: 2, minUpdatesForThreads: 1 })));
    expect(differingRunKinds(one, many)).toEqual([]);
  });

  test('asynchronous runs (a browser main thread) give the same results', async () => {
    const population = elif(jsBackend(), 'float32');
    const expected = population.run(30, { input: 1.2 });
    // What jsBackend builds where the thread may not block.
    const asyncBackend: Backend = {
      ...jsBackend(),
      synchronousRuns: false,
      createKernel: (request) =>
        new JsKernel(request, { threads: 2, minUpdatesForThreads: 1, blocking: false }),
    };
    const threaded = elif(asyncBackend, 'float32');
    const result = await threaded.runAsync(30, { input: 1.2 });
    expect(Array.from(result.spikes!)).toEqual(Array.from(expected.spikes!));
    expect(Array.from(threaded.state('v'))).toEqual(Array.from(population.state('v')));
  });

  test('populations too small to split get no workers', () => {
    const small = new ELIFPopulation({ n: 64, backend: jsBackend({ threads: 2 }) });
    expect(small.kernelDescription).toBe('js float32 (fused loop)');
  });

  test('threads must be a whole number of at least 1', () => {
    expect(() => jsBackend({ threads: 0 })).toThrow(BackendError);
    expect(() => jsBackend({ threads: 1.5 })).toThrow(/whole number of at least 1, got 1.5/);
  });
});
