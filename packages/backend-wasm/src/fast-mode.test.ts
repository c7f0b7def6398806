import { describeFastModeAgreement } from '@synapticflow/conformance';
import { ELIF_MODEL, MODEL_LIBRARY, type ModelSpec, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { kernelOf } from '../test/kernel-of.js';
import { wasmBackend, wasmRelaxedSimdSupported } from './index.js';

const LAYOUTS = ['scalar', 'neuron', 'full'] as const;
const tauPerNeuron = (n: number) => Float64Array.from({ length: n }, (_, i) => 5 + (25 * i) / n);

function instructionsOf(population: Population, layout: (typeof LAYOUTS)[number]): readonly string[] {
  const { bytes, instructions } = kernelOf(population).inspect(layout);
  expect(WebAssembly.validate(bytes)).toBe(true);
  return instructions;
}

describe("precision: 'fast'", () => {
  test('ELIF float32 divides nowhere: by scalar tau and by per-neuron tau alike', () => {
    for (const tau of [10, tauPerNeuron(16)]) {
      const fast = new Population(ELIF_MODEL, {
        n: 16,
        params: { tau, deltaT: 2 },
        backend: wasmBackend({ precision: 'fast' }),
      });
      const exact = new Population(ELIF_MODEL, { n: 16, params: { tau, deltaT: 2 }, backend: wasmBackend() });
      expect(kernelOf(fast).description).toContain('fast arithmetic');
      expect(kernelOf(exact).description).not.toContain('fast');
      for (const layout of LAYOUTS) {
        expect(instructionsOf(fast, layout).filter((name) => name === 'f32x4.div')).toEqual([]);
        expect(instructionsOf(exact, layout)).toContain('f32x4.div');
      }
      fast.dispose();
      exact.dispose();
    }
  });

  test('uses relaxed SIMD exactly where the engine validates it, plain SIMD otherwise (Node 20 without its flag)', () => {
    const population = new Population(ELIF_MODEL, { n: 16, backend: wasmBackend({ precision: 'fast' }) });
    const relaxed = instructionsOf(population, 'neuron').filter((name) => name.includes('relaxed'));
    if (wasmRelaxedSimdSupported()) {
      expect(population.kernelDescription).toContain('relaxed SIMD');
      expect(relaxed).toContain('f32x4.relaxed_madd');
    } else {
      expect(population.kernelDescription).not.toContain('relaxed');
      expect(relaxed).toEqual([]);
      expect(instructionsOf(population, 'neuron')).toContain('v128.bitselect');
    }
    population.dispose();
  });

  test("ELIF float64 divides only inside the exact exp: by scalar tau and by per-neuron tau, it doesn't", () => {
    const divisions = (population: Population, layout: (typeof LAYOUTS)[number]) =>
      instructionsOf(population, layout).filter((name) => name === 'f64x2.div').length;
    for (const tau of [10, tauPerNeuron(16)]) {
      const [fast, exact] = (['fast', 'exact'] as const).map(
        (precision) =>
          new Population(ELIF_MODEL, {
            n: 16,
            dtype: 'float64',
            params: { tau, deltaT: 2 },
            backend: wasmBackend({ precision }),
          }),
      ) as [Population, Population];
      expect(kernelOf(fast).description).toContain('fast arithmetic');
      for (const layout of LAYOUTS) {
        // ELIF's one exp keeps its rational approximation's division (exp-f64x2.ts), in each of the loop's
        // three copies of the step (two in the main loop, one in the remainder loop).
        expect(divisions(fast, layout)).toBe(3);
        expect(divisions(exact, layout)).toBeGreaterThan(3);
      }
      fast.dispose();
      exact.dispose();
    }
  });

  test('float64 keeps the exact exp: with power-of-two divisors (exact reciprocals) fast is bit for bit exact', () => {
    // 1/2 and 1/16 are exact, so x * (1/c) = x / c: what is left to differ is the exp.
    const model: ModelSpec = {
      name: 'exp-drift',
      parameters: { tau: { default: 16 }, deltaT: { default: 2 } },
      state: { v: { initial: -1 } },
      equations: { v: '(exp((v - 1) / deltaT) - v + I) / tau' },
    };
    const run = (dtype: 'float32' | 'float64', precision: 'exact' | 'fast') => {
      const population = new Population(model, {
        n: 64,
        dtype,
        dt: 0.125,
        backend: wasmBackend({ precision }),
      });
      const input = Float64Array.from({ length: 64 }, (_, i) => i / 16 - 1);
      population.run(200, { input, spikes: false });
      const v = population.state('v');
      population.dispose();
      return v;
    };
    expect(Array.from(run('float64', 'fast'))).toEqual(Array.from(run('float64', 'exact')));
    // The same run in float32 shows the fast exp, so the comparison above can see an exp that changed.
    expect(Array.from(run('float32', 'fast'))).not.toEqual(Array.from(run('float32', 'exact')));
  });

  test('every library model compiles to a valid module in the fast mode', () => {
    for (const model of Object.values(MODEL_LIBRARY)) {
      for (const dtype of ['float32', 'float64'] as const) {
        const population = new Population(model, {
          n: 5,
          batchSize: 2,
          dtype,
          backend: wasmBackend({ precision: 'fast' }),
        });
        for (const layout of LAYOUTS) instructionsOf(population, layout);
        population.dispose();
      }
    }
  });
});

describeFastModeAgreement(
  { describe, test },
  {
    label: 'wasm',
    createBackend: (precision) => wasmBackend({ precision }),
  },
);
