import { ELIF_MODEL, MODEL_LIBRARY, type ModelSpec, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { kernelOf } from '../test/kernel-of.js';
import { SIMD_PREFIX } from './encoder/opcodes.js';
import { wasmBackend, wasmSimdSupported } from './index.js';

/** Scalar float arithmetic the step would use if it were not vectorised. */
const SCALAR_FLOAT_ARITHMETIC = /^f(32|64)\.(add|sub|mul|div|min|max|sqrt|abs|neg|ceil|eq|ne|lt|le|gt|ge)$/;

describe('the generated code is SIMD', () => {
  test('this engine supports wasm SIMD', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  for (const [dtype, shape, other] of [
    ['float32', 'f32x4', 'f64x2'],
    ['float64', 'f64x2', 'f32x4'],
  ] as const) {
    test(`ELIF ${dtype}: every float operation of the step is ${shape}, and the module validates`, () => {
      const population = new Population(ELIF_MODEL, { n: 10, dtype, backend: wasmBackend() });
      const kernel = kernelOf(population);
      expect(kernel.description).toContain(shape);
      for (const layout of ['scalar', 'neuron', 'full'] as const) {
        const { bytes, instructions } = kernel.inspect(layout);
        expect(WebAssembly.validate(bytes)).toBe(true);
        expect(bytes.includes(SIMD_PREFIX)).toBe(true);
        expect(instructions.filter((name) => SCALAR_FLOAT_ARITHMETIC.test(name))).toEqual([]);
        expect(instructions.filter((name) => name.startsWith(`${other}.`))).toEqual([]);
        for (const name of [
          `${shape}.mul`,
          `${shape}.div`,
          `${shape}.ge`,
          'v128.bitselect',
          'v128.load',
          'v128.store',
        ]) {
          expect(instructions).toContain(name);
        }
        // Nearly all of the step is vector code.
        expect(
          instructions.filter(
            (name) => name.includes('x4.') || name.includes('x2.') || name.startsWith('v128.'),
          ).length,
        ).toBeGreaterThan(50);
      }
      population.dispose();
    });
  }

  test('`a and not b` is one v128.andnot, and a negation moves onto a literal divisor', () => {
    const model: ModelSpec = {
      name: 'gated',
      parameters: { tau: { default: 10 } },
      state: { v: { initial: 0 }, w: { initial: 3 } },
      equations: { v: '(I - v) / tau', w: '-w / tau' },
      threshold: 'v > 1 and not (w > 2)',
      reset: { v: '0' },
    };
    const population = new Population(model, { n: 8, backend: wasmBackend() });
    const { instructions } = kernelOf(population).inspect('neuron');
    population.dispose();
    expect(instructions).toContain('v128.andnot');
    expect(instructions).not.toContain('v128.not');
    expect(instructions).not.toContain('f32x4.neg');
  });

  test('exact identities are dropped: ELIF divides once per vector at deltaT = 1 (by tau), twice otherwise', () => {
    const count = (deltaT: number) => {
      const population = new Population(ELIF_MODEL, { n: 8, params: { deltaT }, backend: wasmBackend() });
      const { instructions } = kernelOf(population).inspect('neuron');
      population.dispose();
      return {
        divisions: instructions.filter((name) => name === 'f32x4.div').length,
        // The threshold test, once per vector the loop body updates.
        vectors: instructions.filter((name) => name === 'f32x4.ge').length,
      };
    };
    const [one, two] = [count(1), count(2)];
    expect(one.vectors).toBeGreaterThan(0);
    expect(one.divisions).toBe(one.vectors);
    expect(two.divisions).toBe(2 * two.vectors);
  });

  test('every library model compiles to a valid SIMD module in both dtypes', () => {
    for (const model of Object.values(MODEL_LIBRARY)) {
      for (const dtype of ['float32', 'float64'] as const) {
        const population = new Population(model, { n: 5, batchSize: 2, dtype, backend: wasmBackend() });
        const { bytes } = kernelOf(population).inspect('full');
        expect(WebAssembly.validate(bytes), `${model.name} ${dtype}`).toBe(true);
        population.dispose();
      }
    }
  });
});
