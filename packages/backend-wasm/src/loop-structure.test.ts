import { jsBackend } from '@synapticflow/backend-js';
import { ELIF_MODEL, LIF_MODEL, Population } from '@synapticflow/core';
import type { Backend, Dtype } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { kernelOf } from '../test/kernel-of.js';
import { wasmBackend } from './index.js';

const STEPS = 30;

function run(backend: Backend, dtype: Dtype, n: number, batchSize: number) {
  const population = new Population(LIF_MODEL, { n, batchSize, dtype, backend });
  const input = Float64Array.from({ length: STEPS * n * batchSize }, (_, i) => ((i * 7) % 13) * 5);
  const { spikes } = population.run(STEPS, { input: { steps: input } });
  const v = population.state('v');
  population.dispose();
  return { spikes, v };
}

describe('the loop updates two vectors per iteration, then the one left over', () => {
  test('ELIF float32: three copies of the step, two in the main loop and one in the remainder loop', () => {
    const population = new Population(ELIF_MODEL, { n: 12, backend: wasmBackend() });
    const { instructions } = kernelOf(population).inspect('neuron');
    population.dispose();
    expect(instructions.filter((name) => name === 'f32x4.ge')).toHaveLength(3);
  });

  // Rows of 1 to 5 vectors in both dtypes: even and odd counts, so both loops run, alone and together.
  for (const dtype of ['float32', 'float64'] as const) {
    for (const batchSize of [1, 3]) {
      test(`LIF ${dtype}, batch ${batchSize}: every row length gives backend-js results bit for bit`, () => {
        const lanes = dtype === 'float32' ? 4 : 2;
        for (let vectors = 1; vectors <= 5; vectors++) {
          const n = vectors * lanes - (vectors % 2);
          const expected = run(jsBackend(), dtype, n, batchSize);
          const got = run(wasmBackend(), dtype, n, batchSize);
          expect(got.v, `n = ${n}`).toEqual(expected.v);
          expect(got.spikes, `n = ${n}`).toEqual(expected.spikes);
          expect(expected.spikes!.some((s) => s === 1)).toBe(true);
        }
      });
    }
  }

  test('threads whose column ranges hold odd numbers of vectors give one thread results bit for bit', async () => {
    const n = 4 * 11 - 1;
    const batchSize = 2;
    const input = Float64Array.from({ length: STEPS * n * batchSize }, (_, i) => ((i * 7) % 13) * 5);
    const outcome = async (backend: Backend) => {
      const population = new Population(LIF_MODEL, { n, batchSize, dtype: 'float32', backend });
      // Until the workers have started, runs stay on this thread.
      const threads = (kernelOf(population) as unknown as { threads?: { ready: boolean } }).threads;
      for (let waited = 0; threads && !threads.ready && waited < 200; waited++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { spikes } = population.run(STEPS, { input: { steps: input } });
      const result = { spikes, v: population.state('v'), description: population.kernelDescription };
      population.dispose();
      return result;
    };
    const one = await outcome(wasmBackend());
    const three = await outcome(wasmBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 4 }));
    expect(three.description).toContain('3 threads');
    expect(three.v).toEqual(one.v);
    expect(three.spikes).toEqual(one.spikes);
  });
});
