import { differingRunKinds, exerciseRunKinds } from '@synapticflow/conformance';
import { type Backend, BackendError, ELIFPopulation, MODEL_LIBRARY, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from './index.js';
import { WasmKernel } from './wasm-kernel.js';

const N = 1000; // not a whole number of 64-neuron blocks: the last thread's range ends in row padding
const BATCH = 2;

function elif(backend: Backend, dtype: 'float32' | 'float64'): ELIFPopulation {
  const resetPot = Float64Array.from({ length: N }, (_, j) => -70 + (j % 7)); // a per-neuron parameter
  return new ELIFPopulation({ n: N, batchSize: BATCH, backend, dtype, resetPot });
}

describe('threads', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const threads of [2, 3]) {
      test(`ELIF ${dtype} on ${threads} threads is bit-identical to one thread`, () => {
        const one = exerciseRunKinds(elif(wasmBackend(), dtype));
        const population = elif(wasmBackend({ threads, minUpdatesForThreads: 1 }), dtype);
        expect(population.kernelDescription).toContain(`${threads} threads`);
        expect(differingRunKinds(one, exerciseRunKinds(population))).toEqual([]);
        population.dispose();
      });
    }
  }

  test('a library model (AdEx, two state variables) agrees bit for bit', () => {
    const make = (backend: Backend) =>
      new Population(MODEL_LIBRARY.adex!, { n: N, batchSize: BATCH, backend, dtype: 'float32' });
    const one = exerciseRunKinds(make(wasmBackend()));
    const many = exerciseRunKinds(make(wasmBackend({ threads: 2, minUpdatesForThreads: 1 })));
    expect(differingRunKinds(one, many)).toEqual([]);
  });

  test('asynchronous runs (a browser main thread) give the same results', async () => {
    const population = elif(wasmBackend(), 'float32');
    const expected = population.run(30, { input: 1.2 });
    const asyncBackend: Backend = {
      ...wasmBackend(),
      synchronousRuns: false,
      createKernel: (request) =>
        new WasmKernel(request, {}, { threads: 2, minUpdatesForThreads: 1, blocking: false }),
    };
    const threaded = elif(asyncBackend, 'float32');
    const result = await threaded.runAsync(30, { input: 1.2 });
    expect(Array.from(result.spikes!)).toEqual(Array.from(expected.spikes!));
    expect(Array.from(threaded.state('v'))).toEqual(Array.from(population.state('v')));
  });

  test('populations too small to split get no workers', () => {
    const small = new ELIFPopulation({ n: 64, backend: wasmBackend({ threads: 2 }) });
    expect(small.kernelDescription).toBe('wasm float32 (f32x4 SIMD, fused loop)');
  });

  test('threads must be a whole number of at least 1', () => {
    expect(() => wasmBackend({ threads: -1 })).toThrow(BackendError);
    expect(() => wasmBackend({ threads: 2.5 })).toThrow(/whole number of at least 1, got 2.5/);
  });
});
