import { jsBackend } from '@synapticflow/backend-js';
import { BackendError, ELIFPopulation } from '@synapticflow/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { capturing } from '../test/backends.js';
import { CPU_PATHS } from '../test/paths.js';
import { tfjsBackend } from './index.js';

describe('tfjsBackend', () => {
  test('declares float32 only: asking for float64 is a BackendError naming the supported dtype', () => {
    const backend = tfjsBackend();
    expect(backend).toMatchObject({ specificationVersion: 'v1', name: 'tfjs', dtypes: ['float32'] });
    const create = () => new ELIFPopulation({ n: 2, backend, dtype: 'float64' });
    expect(create).toThrow(BackendError);
    expect(create).toThrow('backend "tfjs" does not support dtype float64; it supports float32');
  });

  test('runs on tfjs-cpu by default in Node, fused, with synchronous reads and runs', () => {
    const { backend, kernels } = capturing(tfjsBackend());
    const population = new ELIFPopulation({ n: 2, backend });
    expect(tf.getBackend()).toBe('cpu');
    expect(backend.synchronousReads).toBe(true);
    expect(backend.synchronousRuns).toBe(true);
    const { name } = kernels[0]!.fusedKernel()!;
    expect(name).toMatch(/^SynapticFlowStep_[0-9a-f]{14}$/);
    expect(population.kernelDescription).toBe(
      `tfjs ${tf.version_core} float32 on cpu (one fused kernel per run or recorded step, registered as ${name})`,
    );
    expect(
      kernels[0]!.run({ steps: 1, firstStep: 0, input: scalarInput(1), recordings: [] }),
    ).toBeUndefined();
    population.dispose();
  });

  test('fused: false runs one tfjs kernel per operation and says so', () => {
    const { backend, kernels } = capturing(tfjsBackend({ fused: false }));
    const population = new ELIFPopulation({ n: 2, backend });
    expect(kernels[0]!.fusedKernel()).toBeNull();
    expect(population.kernelDescription).toBe(
      `tfjs ${tf.version_core} float32 on cpu (one kernel per operation)`,
    );
    population.dispose();
  });

  test.each(CPU_PATHS)('uses the tf namespace it is given ($label)', ({ options }) => {
    const engine = tf.engine();
    const launches: string[] = [];
    const counting = { ...tf, engine: () => engine } as typeof tf;
    const original = engine.runKernel.bind(engine);
    engine.runKernel = ((...args: Parameters<typeof original>) => {
      launches.push(args[0]);
      return original(...args);
    }) as typeof engine.runKernel;
    try {
      const population = new ELIFPopulation({ n: 2, backend: tfjsBackend({ ...options, tf: counting }) });
      population.forward(1);
      if (options.fused) expect(launches).toEqual([expect.stringMatching(/^SynapticFlowStep_/)]);
      else expect(launches.length).toBeGreaterThan(10);
      population.dispose();
    } finally {
      engine.runKernel = original;
    }
  });

  test('names an unregistered tfjs backend and how to register it', () => {
    const create = () => new ELIFPopulation({ n: 2, backend: tfjsBackend({ backendName: 'webgpu' }) });
    expect(create).toThrow(BackendError);
    expect(create).toThrow(/tfjs backend "webgpu" is not registered \(registered: cpu\); import its package/);
  });

  test('synchronous and asynchronous reads agree, and reads are copies', async () => {
    const population = new ELIFPopulation({ n: 3, batchSize: 2, backend: tfjsBackend() });
    population.run(40, { input: [0.2, 1, 10] });
    for (const name of population.stateNames) {
      const now = population.state(name);
      expect(await population.read(name)).toEqual(now);
      expect(now).toBeInstanceOf(name === 's' ? Uint8Array : Float32Array);
    }
    const v = population.v;
    v[0] = 123;
    expect(population.v[0]).not.toBe(123);
    population.dispose();
  });

  test.each(CPU_PATHS)(
    'writeState and per-neuron parameters in a batch match backend-js bit for bit ($label)',
    ({ options: pathOptions }) => {
      const options = {
        n: 4,
        batchSize: 3,
        tau: [5, 10, 15, 20],
        resetPot: [-62, -65, -70, -60],
        traceTau: [2, 4, 8, 16],
        lowerBound: -66,
        additiveSpikeTrace: true,
      };
      const run = (backend: 'js' | 'tfjs') => {
        const population = new ELIFPopulation({
          ...options,
          backend: backend === 'js' ? jsBackend() : tfjsBackend(pathOptions),
        });
        population.writeState('v', [-60, -55, -70, -52, -61, -59, -58, -57, -63, -64, -65, -50]);
        const input = Array.from({ length: 12 }, (_, i) => (i % 5) * 0.3 - 0.2);
        const result = population.run(1500, { input, record: ['v', 'traces', 'refractory'], stride: 5 });
        const v = population.v;
        population.dispose();
        return { result, v };
      };
      const js = run('js');
      const tfjs = run('tfjs');
      expect(tfjs.v).toEqual(js.v);
      expect(tfjs.result).toEqual(js.result);
      expect(js.result.spikes!.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    },
  );

  test.each(CPU_PATHS)(
    'finds NaN and Infinity in state, so the population raises a StateError ($label)',
    ({ options }) => {
      const { backend, kernels } = capturing(tfjsBackend(options));
      const population = new ELIFPopulation({ n: 3, backend, sumInput: true });
      const kernel = kernels[0]!;
      // +Infinity in one variable and -Infinity in another sum to NaN: the exact search then finds no NaN,
      // but both are non-finite.
      kernel.writeState('traces', [0, Number.POSITIVE_INFINITY, 0]);
      kernel.writeState('summedInput', [0, Number.NEGATIVE_INFINITY, 0]);
      expect(kernel.findNaN()).toBeNull();
      expect(kernel.findNonFinite()).toEqual({ state: 'traces', index: 1 });
      population.reset();
      expect(kernel.findNonFinite()).toBeNull();
      // R*I overflows float32 to -Infinity on the first step.
      expect(() => population.forward(-1e38)).toThrow(
        /state "v" became -Infinity \(batch row 0, neuron 0\) at step 0/,
      );
      population.dispose();
    },
  );
});

function scalarInput(value: number) {
  return { layout: 'scalar' as const, perStep: false, data: Float32Array.of(value) };
}
