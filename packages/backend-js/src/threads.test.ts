import { type Backend, BackendError, ELIFPopulation, MODEL_LIBRARY, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';
import { JsKernel } from './js-kernel.js';

const N = 1000; // 16 blocks of 64 neurons: three threads get uneven shares
const BATCH = 2;

function elif(backend: Backend, dtype: 'float32' | 'float64'): ELIFPopulation {
  const population = new ELIFPopulation({
    n: N,
    batchSize: BATCH,
    backend,
    dtype,
    resetPot: Float64Array.from({ length: N }, (_, j) => -70 + (j % 7)), // per-neuron parameter
  });
  return population;
}

/** Every kind of run the threaded path serves differently: per-step full input, a callback, recordings. */
function exercise(population: Population): Record<string, ArrayLike<number>> {
  const steps = 40;
  const full = Float32Array.from({ length: steps * BATCH * N }, (_, i) => 0.4 + ((i * 7919) % 1000) / 700);
  const stepped = population.run(steps, { input: { steps: full }, record: ['v'], stride: 3 });
  const perNeuron = Float32Array.from({ length: N }, (_, j) => 0.2 + (j % 13) / 10);
  population.run(25, { input: perNeuron });
  const called = population.run(10, {
    input: (step, buffer) => buffer.fill(0.5 + step / 10),
    record: ['v'],
  });
  population.forward(0.9);
  return {
    spikes: stepped.spikes!,
    recordedV: stepped.recorded.v!,
    calledSpikes: called.spikes!,
    calledV: called.recorded.v!,
    ...Object.fromEntries(population.stateNames.map((name) => [name, population.state(name)])),
  };
}

describe('threads', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const threads of [2, 3]) {
      test(`ELIF ${dtype} on ${threads} threads is bit-identical to one thread`, () => {
        const one = exercise(elif(jsBackend(), dtype));
        const population = elif(jsBackend({ threads, minUpdatesForThreads: 1 }), dtype);
        expect(population.kernelDescription).toContain(`${threads} threads`);
        const many = exercise(population);
        for (const [name, values] of Object.entries(one)) {
          expect(Array.from(many[name]!), name).toEqual(Array.from(values));
        }
        population.dispose();
      });
    }
  }

  test('a library model (AdEx, two state variables) agrees bit for bit', () => {
    const make = (backend: Backend) =>
      new Population(MODEL_LIBRARY.adex!, { n: N, batchSize: BATCH, backend, dtype: 'float32' });
    const one = exercise(make(jsBackend()));
    const many = exercise(make(jsBackend({ threads: 2, minUpdatesForThreads: 1 })));
    for (const [name, values] of Object.entries(one))
      expect(Array.from(many[name]!), name).toEqual(Array.from(values));
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

  test('small runs stay on the calling thread; tiny populations get no workers', () => {
    const small = new ELIFPopulation({ n: 10, backend: jsBackend({ threads: 2 }) });
    expect(small.kernelDescription).not.toContain('threads');
  });

  test('threads must be a whole number of at least 1', () => {
    expect(() => jsBackend({ threads: 0 })).toThrow(BackendError);
    expect(() => jsBackend({ threads: 1.5 })).toThrow(/whole number of at least 1, got 1.5/);
  });
});
