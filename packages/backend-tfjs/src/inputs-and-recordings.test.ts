import { jsBackend } from '@synapticflow/backend-js';
import { ELIFPopulation, type RunOptions } from '@synapticflow/core';
import type { Backend } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { type TfjsBackendOptions, tfjsBackend } from './index.js';
import '../test/backends.js';
import { CPU_PATHS } from '../test/paths.js';

const N = 3;
const BATCH = 2;

function both(options: TfjsBackendOptions, body: (population: ELIFPopulation) => unknown) {
  const run = (backend: Backend) => {
    const population = new ELIFPopulation({ n: N, batchSize: BATCH, backend, additiveSpikeTrace: true });
    const out = body(population);
    const state = Object.fromEntries(population.stateNames.map((name) => [name, population.state(name)]));
    population.dispose();
    return { out, state };
  };
  return { js: run(jsBackend()), tfjs: run(tfjsBackend(options)) };
}

describe.each(CPU_PATHS)(
  'inputs and recordings match backend-js bit for bit ($label)',
  ({ options: backendOptions }) => {
    const cases: [string, RunOptions][] = [
      ['a constant per-neuron input', { input: [0.1, 0.6, 3] }],
      ['a constant full input, spikes every step over many read blocks', { input: [0.2, 0.5, 1, 2, 5, 20] }],
      [
        'per-step data (steps x batchSize x n)',
        { input: { steps: Array.from({ length: 5000 * 6 }, (_, i) => (i % 17) * 0.3) } },
      ],
      ['per-step scalar data', { input: { steps: Array.from({ length: 5000 }, (_, i) => (i % 40) * 0.05) } }],
      ['a callback that refills the buffer', { input: (step, buffer) => buffer.fill((step % 50) * 0.04) }],
      // Without spikes only every third step is recorded: the fused kernel advances three steps per call.
      ['a constant full input, spikes not recorded', { input: [0.2, 0.5, 1, 2, 5, 20], spikes: false }],
      [
        'per-step per-neuron data, spikes not recorded',
        { input: { steps: Array.from({ length: 5000 * 3 }, (_, i) => (i % 23) * 0.2) }, spikes: false },
      ],
    ];
    for (const [title, options] of cases) {
      test(title, () => {
        const run = (p: ELIFPopulation) =>
          p.run(5000, { ...options, record: ['v', 'traces', 'refractory'], stride: 3 });
        const { js, tfjs } = both(backendOptions, run);
        expect(tfjs.out).toEqual(js.out);
        expect(tfjs.state).toEqual(js.state);
      });
    }

    test('forward sees an input array changed in place between calls', () => {
      const { js, tfjs } = both(backendOptions, (population) => {
        const x = new Float32Array(N).fill(0.5);
        const v: number[] = [];
        for (let step = 0; step < 300; step++) {
          x[step % N] = (step % 11) * 0.2;
          population.forward(x);
          v.push(...population.v);
        }
        return v;
      });
      expect(tfjs.out).toEqual(js.out);
    });

    test('changing the input array after a run does not change the state it left', () => {
      const population = new ELIFPopulation({ n: N, backend: tfjsBackend(backendOptions), sumInput: true });
      const input = new Float32Array([1, 2, 3]);
      population.run(2, { input });
      input.fill(100);
      expect(Array.from(population.state('summedInput'))).toEqual([2, 4, 6]);
      population.dispose();
    });
  },
);
