import { jsBackend } from '@synapticflow/backend-js';
import { type ModelSpec, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { type TfjsBackendOptions, tfjsBackend } from './index.js';
import '../test/backends.js';
import { ADAPTIVE_LIF, EVERY_OPERATION, LEAKY_INTEGRATOR } from '../test/models.js';
import { CPU_PATHS } from '../test/paths.js';

const N = 5;
const BATCH = 3;
const STEPS = 2000;
const INPUT = Array.from({ length: BATCH * N }, (_, i) => 0.2 + 0.13 * i - (i % 4) * 0.21);

function simulate(
  model: ModelSpec,
  backend: 'js' | TfjsBackendOptions,
  params: Record<string, number | number[]>,
) {
  const population = new Population(model, {
    n: N,
    batchSize: BATCH,
    backend: backend === 'js' ? jsBackend() : tfjsBackend(backend),
    params,
  });
  const record = population.stateNames.filter((name) => name !== 's');
  const result = population.run(STEPS, { input: INPUT, record, stride: 7 });
  const final = Object.fromEntries(
    population.stateNames.map((name) => [name, Array.from(population.state(name))]),
  );
  population.dispose();
  return { result, final };
}

describe.each(CPU_PATHS)(
  'user models run on tfjs ($label), bit-identical to backend-js float32',
  ({ options }) => {
    const cases: [string, ModelSpec, Record<string, number | number[]>][] = [
      [
        'two state variables (adaptive LIF), per-neuron parameters',
        ADAPTIVE_LIF,
        { tau: [8, 9, 10, 11, 12], b: 0.3 },
      ],
      ['every operator and function, and t', EVERY_OPERATION, { gain: [1, 1.5, 2, 2.5, 3] }],
      ['no threshold (no spikes)', LEAKY_INTEGRATOR, { tau: [5, 10, 20, 40, 80] }],
    ];
    for (const [title, model, params] of cases) {
      test(title, () => {
        const js = simulate(model, 'js', params);
        const tfjs = simulate(model, options, params);
        expect(tfjs.final).toEqual(js.final);
        expect(tfjs.result.spikes).toEqual(js.result.spikes);
        for (const [name, values] of Object.entries(js.result.recorded))
          expect(Array.from(tfjs.result.recorded[name]!), name).toEqual(Array.from(values));
        if (model !== LEAKY_INTEGRATOR) expect(js.result.spikes!.some((s) => s === 1)).toBe(true);
      });
    }

    test('the adaptive model adapts: w grows with each spike and stays below its bound', () => {
      const { final } = simulate(ADAPTIVE_LIF, options, {});
      expect(Math.max(...final.w!)).toBeGreaterThan(0);
      expect(Math.max(...final.w!)).toBeLessThanOrEqual(5);
    });
  },
);
