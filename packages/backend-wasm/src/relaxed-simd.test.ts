import { setFlagsFromString } from 'node:v8';
import { describeConformance, describeFastModeAgreement, ulpDistance } from '@synapticflow/conformance';
import { ELIF_MODEL, MODEL_LIBRARY, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { float32Range } from '../test/float32-range.js';
import { kernelOf } from '../test/kernel-of.js';
import { vectorExp } from '../test/vector-map-module.js';
import { FAST_EXP_F32_ACCURATE, FAST_EXP_F32_MAX_ULPS } from './fast-exp-f32x4.js';
import { wasmBackend, wasmRelaxedSimdSupported } from './index.js';

// Node 20 has relaxed SIMD behind this flag (Chrome ≥ 114 and Node ≥ 22 without it). This file runs in a
// process of its own, and the flag is set before anything here asks whether the engine has it.
setFlagsFromString('--experimental-wasm-relaxed-simd');

const _tauPerNeuron = (n: number) => Float64Array.from({ length: n }, (_, i) => 5 + (25 * i) / n);

describe("precision: 'fast' with relaxed SIMD", () => {
  test('is detected, and the fast kernel uses fused multiply-adds and lane selects', () => {
    expect(wasmRelaxedSimdSupported()).toBe(true);
    const fast = new Population(ELIF_MODEL, { n: 16, backend: wasmBackend({ precision: 'fast' }) });
    const exact = new Population(ELIF_MODEL, { n: 16, backend: wasmBackend() });
    expect(fast.kernelDescription).toContain('fast arithmetic, relaxed SIMD');
    const { bytes, instructions } = kernelOf(fast).inspect('neuron');
    expect(WebAssembly.validate(bytes)).toBe(true);
    for (const name of ['f32x4.relaxed_madd', 'f32x4.relaxed_nmadd', 'i32x4.relaxed_laneselect']) {
      expect(instructions).toContain(name);
    }
    expect(instructions).not.toContain('v128.bitselect');
    // The exact mode stays bit-identical to backend-js: no relaxed instruction.
    expect(exact.kernelDescription).not.toContain('relaxed');
    expect(
      kernelOf(exact)
        .inspect('neuron')
        .instructions.filter((name) => name.includes('relaxed')),
    ).toEqual([]);
    fast.dispose();
    exact.dispose();
  });

  test(`the fused fast exp stays within ${FAST_EXP_F32_MAX_ULPS} ulps of Math.exp rounded to float32, every 127th float`, () => {
    const exp = vectorExp('float32', 'fast', true);
    const inputs = float32Range(FAST_EXP_F32_ACCURATE.low, FAST_EXP_F32_ACCURATE.high, 127);
    const got = exp(inputs) as Float32Array;
    let worst = 0;
    for (let i = 0; i < inputs.length; i++) {
      worst = Math.max(worst, ulpDistance(got[i]!, Math.fround(Math.exp(inputs[i]!)), 'float32'));
    }
    expect(worst).toBeLessThanOrEqual(FAST_EXP_F32_MAX_ULPS);
    // Fused or not, it is the same polynomial: not a different function.
    expect(worst).toBeGreaterThan(0);
  }, 60_000);
});

// The fused column gets no looser bound than the exact ones, on every library model.
const COLUMN = {
  label: 'wasm float32, fast, relaxed SIMD',
  createBackend: () => wasmBackend({ precision: 'fast' }),
  dtype: 'float32' as const,
};
describeConformance({ describe, test }, COLUMN, { suite: false });
describeConformance({ describe, test }, COLUMN, {
  suite: false,
  models: Object.values(MODEL_LIBRARY).filter((m) => m.name !== 'elif'),
  effort: 0.5,
});

describeFastModeAgreement(
  { describe, test },
  {
    label: 'wasm, relaxed SIMD',
    createBackend: (precision) => wasmBackend({ precision }),
  },
);
