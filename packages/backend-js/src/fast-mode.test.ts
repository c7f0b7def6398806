import {
  compareWithReference,
  problemsOf,
  REFERENCE_IMPLEMENTATIONS,
  REFERENCE_SCENARIOS,
} from '@synapticflow/conformance';
import { ELIF_MODEL, ELIFPopulation, MODEL_LIBRARY, type ModelSpec, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';
import type { JsKernel } from './js-kernel.js';

const tauPerNeuron = (n: number) => Float64Array.from({ length: n }, (_, i) => 5 + (25 * i) / n);

function sourceOf(population: Population): string {
  const kernel = (population as unknown as { kernel: JsKernel }).kernel;
  return kernel.source({ layout: 'neuron', perStep: false });
}

/** The neuron loop of `sweep`: the lines between its `for` and the end of the function. */
function loopOf(source: string): string {
  return source.slice(source.indexOf('for (let j = j0'), source.indexOf('function run('));
}

describe("jsBackend({ precision: 'fast' })", () => {
  test('ELIF float32 divides nowhere, by scalar tau and by per-neuron tau alike', () => {
    for (const tau of [10, tauPerNeuron(16)]) {
      const fast = new Population(ELIF_MODEL, {
        n: 16,
        params: { tau, deltaT: 2 },
        backend: jsBackend({ precision: 'fast' }),
      });
      const exact = new Population(ELIF_MODEL, { n: 16, params: { tau, deltaT: 2 }, backend: jsBackend() });
      expect(fast.kernelDescription).toContain('fast arithmetic');
      expect(exact.kernelDescription).not.toContain('fast');
      expect(loopOf(sourceOf(fast))).not.toContain(' / ');
      expect(loopOf(sourceOf(exact))).toContain(' / ');
      fast.dispose();
      exact.dispose();
    }
  });

  test('rounds sums and each statement, not every product: fewer Math.fround calls than the exact mode', () => {
    const count = (precision: 'exact' | 'fast') => {
      const population = new Population(ELIF_MODEL, { n: 4, backend: jsBackend({ precision }) });
      const calls = loopOf(sourceOf(population)).match(/\bf\(/g)?.length ?? 0;
      population.dispose();
      return calls;
    };
    expect(count('fast')).toBeGreaterThan(0);
    expect(count('fast')).toBeLessThan(count('exact'));
  });

  test('float64 kernels stay exact', () => {
    const run = (precision: 'exact' | 'fast') => {
      const population = new Population(ELIF_MODEL, {
        n: 50,
        dtype: 'float64',
        backend: jsBackend({ precision }),
      });
      const description = population.kernelDescription;
      population.run(200, { input: 3 });
      const v = population.state('v');
      population.dispose();
      return { description, v };
    };
    const [exact, fast] = [run('exact'), run('fast')];
    expect(fast.description).toBe(exact.description);
    expect(fast.v).toEqual(exact.v);
  });

  test('a parameter named like a hoisted reciprocal keeps its own value', () => {
    const model: ModelSpec = {
      name: 'reciprocal-names',
      parameters: { tau: { default: 10, constraint: 'positive' }, reciprocal_tau: { default: 3 } },
      state: { v: { initial: 0 } },
      equations: { v: '(reciprocal_tau + I - v) / tau' },
    };
    const run = (precision: 'exact' | 'fast') => {
      const population = new Population(model, {
        n: 8,
        params: { tau: tauPerNeuron(8), reciprocal_tau: tauPerNeuron(8) },
        backend: jsBackend({ precision }),
      });
      population.run(100, { input: 1 });
      const v = population.state('v');
      population.dispose();
      return v;
    };
    const [exact, fast] = [run('exact'), run('fast')];
    for (let i = 0; i < exact.length; i++) expect(fast[i]).toBeCloseTo(exact[i]!, 4);
  });

  test('every library model runs in the fast mode on 2 threads as on one, bit for bit', async () => {
    for (const model of Object.values(MODEL_LIBRARY)) {
      const run = async (threads: number) => {
        const population = new Population(model, {
          n: 300,
          batchSize: 2,
          backend: jsBackend({ precision: 'fast', threads, minUpdatesForThreads: 0, columnAlign: 1 }),
        });
        // Until its workers have started, a blocking kernel runs on this thread alone.
        const team = (population as unknown as { kernel: { threads?: { ready: boolean } } }).kernel.threads;
        expect(team !== undefined).toBe(threads > 1);
        for (let waited = 0; team && !team.ready && waited < 200; waited++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        population.run(50, { input: 2 });
        const state = population.stateNames.map((name) => population.state(name));
        population.dispose();
        return state;
      };
      expect(await run(2), model.name).toEqual(await run(1));
    }
  });

  test("against the reference traces: the seed's float32 spikes on the same step, the float64 ones within ±1 step", async () => {
    for (const scenario of REFERENCE_SCENARIOS) {
      for (const implementation of REFERENCE_IMPLEMENTATIONS) {
        const populations: ELIFPopulation[] = [];
        const backend = jsBackend({ precision: 'fast' });
        const comparison = await compareWithReference(
          `${scenario}.${implementation}`,
          'float32',
          (options) => {
            const population = new ELIFPopulation({ ...options, backend });
            populations.push(population);
            return population;
          },
        );
        for (const population of populations) population.dispose();
        const { spikes } = comparison;
        // Within the project's tolerances: same spikes as the seed, v within its float32 tolerance.
        expect(problemsOf(comparison), comparison.name).toEqual([]);
        expect(spikes.expected, comparison.name).toBeGreaterThan(0);
        if (implementation === 'seed-pytorch-float32')
          expect(spikes.exact, comparison.name).toBe(spikes.expected);
        else expect(spikes.withinOne, comparison.name).toBe(spikes.expected);
      }
    }
  });

  test('ELIF spikes on the same step as the exact mode, or one step apart, with per-neuron tau', () => {
    const n = 2000;
    const steps = 400;
    const run = (precision: 'exact' | 'fast') => {
      const population = new Population(ELIF_MODEL, {
        n,
        params: { tau: tauPerNeuron(n) },
        backend: jsBackend({ precision }),
      });
      const { spikes } = population.run(steps, { input: 3 });
      population.dispose();
      return spikes!;
    };
    const exact = run('exact');
    const fast = run('fast');
    let total = 0;
    let sameStep = 0;
    for (let neuron = 0; neuron < n; neuron++) {
      const spikeSteps = (spikes: Uint8Array) =>
        Array.from({ length: steps }, (_, k) => k).filter((k) => spikes[k * n + neuron] === 1);
      const [a, b] = [spikeSteps(exact), spikeSteps(fast)];
      expect(b.length, `neuron ${neuron}`).toBe(a.length);
      a.forEach((k, i) => {
        expect(Math.abs(b[i]! - k), `neuron ${neuron}, spike ${i}`).toBeLessThanOrEqual(1);
        if (b[i] === k) sameStep++;
      });
      total += a.length;
    }
    expect(total).toBeGreaterThan(n);
    // A step apart only where a crossing is marginal.
    expect(sameStep / total).toBeGreaterThan(0.99);
  });
});
