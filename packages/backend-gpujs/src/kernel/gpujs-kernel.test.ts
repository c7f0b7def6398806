import { jsBackend } from '@synapticflow/backend-js';
import {
  BackendError,
  ELIFPopulation,
  type ModelSpec,
  Population,
  type RunInput,
  StateError,
} from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { compareModel, EVERY_FUNCTION, IZHIKEVICH } from '../../test/custom-models.js';
import { gpujsBackend } from '../index.js';
import type { GpujsKernel } from './gpujs-kernel.js';

const n = 5;
const batchSize = 3;
const steps = 40;
const inputs: Record<string, RunInput> = {
  'scalar, constant': 0.7,
  'neuron, constant': [0.02, 0.06, 0.3, 1, 5],
  'full, constant': Array.from({ length: n * batchSize }, (_, i) => i / 4),
  'scalar, per step': { steps: Array.from({ length: steps }, (_, k) => k / 10) },
  'neuron, per step': { steps: Array.from({ length: steps * n }, (_, i) => (i % 7) / 3) },
  'full, per step': { steps: Array.from({ length: steps * n * batchSize }, (_, i) => (i % 11) / 4) },
  callback: (step: number, buffer: Float32Array | Float64Array) => buffer.fill(step / 8),
};

for (const mode of ['gpu', 'cpu'] as const) {
  describe(`gpujs ${mode} mode`, () => {
    test.each(Object.entries(inputs))(
      'input %s: run and recordings equal backend-js float32 bit for bit',
      (_, input) => {
        const options = {
          n,
          batchSize,
          sumInput: true,
          tau: [8, 9, 10, 11, 12],
          refractory: 'seed' as const,
        };
        const mine = new ELIFPopulation({ ...options, backend: gpujsBackend({ mode }) });
        const js = new ELIFPopulation({ ...options, backend: jsBackend() });
        const record = ['v', 'traces', 'refractory', 'summedInput', 's'];
        const a = mine.run(steps, { input, record, stride: 3 });
        const b = js.run(steps, { input, record, stride: 3 });
        expect(a.spikes).toEqual(b.spikes);
        for (const name of record) expect(a.recorded[name], name).toEqual(b.recorded[name]);
        mine.dispose();
        js.dispose();
      },
    );

    test('custom models: Izhikevich bit for bit, every function within 1e-6 (relative)', async () => {
      const izhikevich = await compareModel(IZHIKEVICH, gpujsBackend({ mode }), jsBackend(), {
        perNeuron: 'a',
      });
      expect(izhikevich.maxDifference).toEqual({ v: 0, u: 0 });
      expect(izhikevich.spikeMismatches).toBe(0);
      const every = await compareModel(EVERY_FUNCTION, gpujsBackend({ mode }), jsBackend(), {
        perNeuron: 'k',
      });
      // `(x - 1)^3` is two rounded products here, one rounded Math.pow in backend-js.
      for (const error of Object.values(every.maxRelativeDifference)) expect(error).toBeLessThan(1e-6);
      expect(every.spikeMismatches).toBe(0);
      expect(every.firstNaN).toBeNull();
    });

    test('state round trip, reads, and errors', async () => {
      const population = new ELIFPopulation({ n: 2, batchSize: 2, backend: gpujsBackend({ mode }) });
      const kernel = (population as unknown as { kernel: GpujsKernel }).kernel;
      kernel.writeState('v', [-70, -65, -60, -55]);
      expect(Array.from(population.v)).toEqual([-70, -65, -60, -55]);
      expect(Array.from(await population.read('v'))).toEqual([-70, -65, -60, -55]);
      expect(population.s).toBeInstanceOf(Uint8Array);
      expect(() => kernel.writeState('v', [1, 2])).toThrow(/needs 4 values, got 2/);
      expect(() => kernel.readState('w')).toThrow(BackendError);
      expect(kernel.sources('neuron').length).toBeGreaterThan(0);
      population.dispose();
      expect(() => kernel.readState('v')).toThrow(/after dispose/);
      kernel.dispose(); // a second dispose does nothing
    });

    test('a NaN in state becomes a StateError (state is in arrays, so the check is cheap)', () => {
      const model: ModelSpec = {
        name: 'root',
        parameters: {},
        state: { x: { initial: 0 } },
        equations: { x: 'sqrt(x - 1)' },
      };
      const population = new Population(model, { n: 2, backend: gpujsBackend({ mode }) });
      expect(() => population.forward(0)).toThrow(StateError);
      population.dispose();
    });
  });
}

test('the description names the kernel class the mode selects before the first step', () => {
  const population = new ELIFPopulation({ n: 2, backend: gpujsBackend({ mode: 'cpu' }) });
  expect(population.kernelDescription).toBe('gpujs float32 (mode cpu → CPUKernel, kernel map)');
  population.dispose();
});
