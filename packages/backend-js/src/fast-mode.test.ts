import { describeFastModeAgreement } from '@synapticflow/conformance';
import { ELIF_MODEL, MODEL_LIBRARY, type ModelSpec, Population } from '@synapticflow/core';
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
});

describeFastModeAgreement(
  { describe, test },
  {
    label: 'js',
    createBackend: (precision) => jsBackend({ precision }),
  },
);
