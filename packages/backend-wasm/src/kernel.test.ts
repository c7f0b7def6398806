import { jsBackend } from '@synapticflow/backend-js';
import {
  BackendError,
  LIF_MODEL,
  type ModelSpec,
  Population,
  type PopulationOptions,
  type RunOptions,
  StateError,
} from '@synapticflow/core';
import type { Backend, Dtype } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { kernelOf } from '../test/kernel-of.js';
import { wasmBackend } from './index.js';

/** Every function and operator of the expression language, `t` and boolean logic, in one model without exp. */
const EVERYTHING_BUT_EXP: ModelSpec = {
  name: 'everything-but-exp',
  parameters: {
    tau: { default: 10, constraint: 'positive' },
    a: { default: 0.3 },
    threshold: { default: 0.2 },
    resetTo: { default: 0 },
  },
  state: { v: { initial: 0 }, w: { initial: 1 } },
  equations: {
    v: '(log(1 + abs(v)) + tanh(v / 3) + pow(abs(w) + 1, a) + w^2 / 10 + sqrt(abs(v)) - v + I + t / 1000) / tau',
    w: '(min(v, 2) + max(w, -1) + max(v, 0) + min(-v, w) - w) / tau',
  },
  threshold: '(v >= threshold and not (w > 1000)) or v > 100',
  reset: { v: 'resetTo', w: 'w * 0.5' },
};

const N = 7;
const BATCH = 2;
const STEPS = 20;

function outcome(backend: Backend, model: ModelSpec, options: Partial<PopulationOptions>, run: RunOptions) {
  const population = new Population(model, { n: N, batchSize: BATCH, backend, ...options });
  const result = population.run(STEPS, { record: population.stateNames, stride: 3, ...run });
  const state = population.stateNames.map((name) => population.state(name));
  population.dispose();
  return { result, state };
}

const ramp = (length: number, scale: number) =>
  Float64Array.from({ length }, (_, i) => ((i * 7) % 11) * scale);

const INPUTS: Record<string, () => RunOptions['input']> = {
  'scalar constant': () => 0.9,
  'neuron constant': () => ramp(N, 0.2),
  'full constant': () => ({ constant: ramp(N * BATCH, 0.2) }),
  'scalar per step': () => ({ steps: ramp(STEPS, 0.2) }),
  'neuron per step': () => ({ steps: ramp(STEPS * N, 0.2) }),
  'full per step': () => ({ steps: ramp(STEPS * N * BATCH, 0.2) }),
  'a callback per step': () => (step: number, buffer: Float32Array | Float64Array) => {
    for (let i = 0; i < buffer.length; i++) buffer[i] = ((step + i) % 5) * 0.3;
  },
};

describe('input layouts, recordings and run splitting give backend-js results bit for bit', () => {
  for (const dtype of ['float32', 'float64'] as Dtype[]) {
    for (const [name, input] of Object.entries(INPUTS)) {
      test(`LIF ${dtype}, ${name}, recording every 3rd step, split into tiny calls and input chunks`, () => {
        const expected = outcome(jsBackend(), LIF_MODEL, { dtype }, { input: input() });
        for (const backend of [
          wasmBackend(),
          wasmBackend({ chunking: { updatesPerCall: 10, warmUpUpdates: 200, inputChunkBytes: 100 } }),
        ]) {
          const got = outcome(backend, LIF_MODEL, { dtype }, { input: input() });
          expect(got.state).toEqual(expected.state);
          expect(got.result.spikes).toEqual(expected.result.spikes);
          expect(got.result.recorded).toEqual(expected.result.recorded);
        }
      });
    }
  }

  test('memory grows for a large per-step input, and state survives the growth', () => {
    const n = 1000;
    const steps = 100;
    const input = { steps: ramp(steps * n * 2, 0.01) };
    const run = (backend: Backend) => {
      const population = new Population(LIF_MODEL, { n, batchSize: 2, dtype: 'float64', backend });
      const { spikes } = population.run(steps, { input });
      return [...spikes!, ...population.state('v')];
    };
    const [got, expected] = [run(wasmBackend()), run(jsBackend())];
    expect(got.some((x, i) => !Object.is(x, expected[i]))).toBe(false);
  });
});

describe('every function of the expression language', () => {
  for (const dtype of ['float32', 'float64'] as Dtype[]) {
    test(`matches backend-js bit for bit in ${dtype} (log, tanh, pow per lane; the rest in SIMD)`, () => {
      const options = { dtype, params: { a: Array.from({ length: N }, (_, j) => 0.1 + 0.1 * j) } };
      const run = { input: { steps: ramp(STEPS * N * BATCH, 0.4) } };
      const expected = outcome(jsBackend(), EVERYTHING_BUT_EXP, options, run);
      const got = outcome(wasmBackend(), EVERYTHING_BUT_EXP, options, run);
      expect(got.result.spikes!.some((s) => s === 1)).toBe(true);
      expect(got.state).toEqual(expected.state);
      expect(got.result.recorded).toEqual(expected.result.recorded);
    });
  }
});

describe('the kernel', () => {
  const SQRT_OF_A: ModelSpec = {
    name: 'sqrt-of-a',
    parameters: { a: { default: 1 } },
    state: { v: { initial: 0 } },
    equations: { v: 'sqrt(a)' },
  };

  test('findNaN reports the first NaN a real neuron holds, not a padding lane', () => {
    // Neuron 4 of 5 (the last before the padding, whose lanes repeat it) turns NaN in both batch rows.
    for (const backend of [wasmBackend(), jsBackend()]) {
      const population = new Population(SQRT_OF_A, {
        n: 5,
        batchSize: 2,
        backend,
        params: { a: [1, 1, 1, 1, -1] },
      });
      expect(() => population.run(1)).toThrow(StateError);
      expect(() => population.run(1)).toThrow(/batch row 0, neuron 4/);
    }
    const clean = new Population(SQRT_OF_A, { n: 5, batchSize: 2, backend: wasmBackend() });
    clean.run(3);
    expect(kernelOf(clean).findNaN()).toBeNull();
  });

  test('findNonFinite reports the first NaN or ±Infinity a real neuron holds, in both dtypes', () => {
    // 1/a is Infinity for a = 0 and -Infinity for a = -0: neuron 3 turns -Infinity in both batch rows.
    const reciprocal: ModelSpec = { ...SQRT_OF_A, name: 'reciprocal', equations: { v: '1/a' } };
    for (const dtype of ['float32', 'float64'] as const) {
      const population = new Population(reciprocal, {
        n: 5,
        batchSize: 2,
        backend: wasmBackend(),
        dtype,
        params: { a: [1, 1, 1, -0, 1] },
      });
      expect(() => population.run(1)).toThrow(
        /state "v" became -Infinity \(batch row 0, neuron 3\) at step 0/,
      );
      expect(kernelOf(population).findNaN()).toBeNull();
      expect(kernelOf(population).findNonFinite()).toEqual({ state: 'v', index: 3 });
    }
    const clean = new Population(reciprocal, { n: 5, batchSize: 2, backend: wasmBackend() });
    clean.run(3);
    expect(kernelOf(clean).findNonFinite()).toBeNull();
  });

  test('boolean state reads as a Uint8Array of 0 and 1', () => {
    const population = new Population(LIF_MODEL, {
      n: 6,
      batchSize: 2,
      dtype: 'float64',
      backend: wasmBackend(),
    });
    population.run(200, { input: [0, 1, 2, 0, 1, 2] });
    const spikes = population.state('s');
    expect(spikes).toBeInstanceOf(Uint8Array);
    expect([...spikes].every((s) => s === 0 || s === 1)).toBe(true);
    population.writeState('s', [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
    expect([...population.state('s')]).toEqual([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
  });

  test('says what runs, and refuses use after dispose()', () => {
    const population = new Population(LIF_MODEL, { n: 3, backend: wasmBackend() });
    expect(population.kernelDescription).toBe('wasm float32 (f32x4 SIMD, fused loop)');
    const kernel = kernelOf(population);
    population.dispose();
    expect(() => kernel.readState('v')).toThrow(BackendError);
    expect(() =>
      kernel.run({
        steps: 1,
        firstStep: 0,
        input: { layout: 'scalar', perStep: false, data: new Float32Array(1) },
        recordings: [],
      }),
    ).toThrow(BackendError);
  });
});
