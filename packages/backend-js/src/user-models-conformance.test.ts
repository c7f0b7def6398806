import { describeConformance, runConformance } from '@synapticflow/conformance';
import type { ModelSpec } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

/**
 * FitzHugh–Nagumo (FitzHugh 1961, Biophys. J. 1:445; Nagumo, Arimoto & Yoshizawa 1962, Proc. IRE 50:2061),
 * dimensionless, with FitzHugh's a = 0.7, b = 0.8, tau = 12.5. Its cubic overflows float32 for inputs far
 * beyond the few units it is meant for.
 */
const FITZHUGH_NAGUMO: ModelSpec = {
  name: 'fitzhugh-nagumo',
  parameters: {
    a: { default: 0.7 },
    b: { default: 0.8 },
    tauW: { default: 12.5, constraint: 'positive' },
  },
  state: { v: { initial: -1.2 }, w: { initial: -0.6 } },
  equations: { v: 'v - v*v*v/3 - w + I', w: '(v + a - b*w) / tauW' },
  threshold: 'v >= 1',
  inputRange: { min: -1, max: 2 },
};

/**
 * Morris–Lecar (Morris & Lecar 1981, Biophys. J. 35:193) with the parameters of Rinzel & Ermentrout's Hopf
 * case (Methods in Neuronal Modeling, 2nd ed., 1998): mV, ms, µA/cm². cosh is written out with exp.
 */
const MORRIS_LECAR: ModelSpec = {
  name: 'morris-lecar',
  inputUnit: 'µA/cm²',
  parameters: {
    C: { default: 20, constraint: 'positive' },
    gL: { default: 2 },
    eL: { default: -60 },
    gCa: { default: 4.4 },
    eCa: { default: 120 },
    gK: { default: 8 },
    eK: { default: -84 },
    v1: { default: -1.2 },
    v2: { default: 18, constraint: 'positive' },
    v3: { default: 2 },
    v4: { default: 30, constraint: 'positive' },
    phi: { default: 0.04, constraint: 'positive' },
  },
  state: { v: { initial: -60 }, w: { initial: 0 } },
  definitions: {
    mInf: '0.5*(1 + tanh((v - v1)/v2))',
    wInf: '0.5*(1 + tanh((v - v3)/v4))',
    coshW: '(exp((v - v3)/(2*v4)) + exp(-(v - v3)/(2*v4)))/2',
  },
  equations: {
    v: '(I - gL*(v - eL) - gCa*mInf*(v - eCa) - gK*w*(v - eK)) / C',
    w: 'phi*(wInf - w)*coshW',
  },
  threshold: 'v >= 10',
  inputRange: { min: -100, max: 400 },
};

const MODELS = [FITZHUGH_NAGUMO, MORRIS_LECAR];

// With their input ranges declared, both models pass every check that applies, in both dtypes.
for (const dtype of ['float32', 'float64'] as const) {
  describeConformance(
    { describe, test },
    { label: `js ${dtype}`, createBackend: () => jsBackend(), dtype },
    { suite: false, models: MODELS, effort: 0.5 },
  );
}

describe('robustness drives a model with the inputs it is meant for', () => {
  const columns = (['float32', 'float64'] as const).map((dtype) => ({
    label: `js ${dtype}`,
    createBackend: () => jsBackend(),
    dtype,
  }));
  const withoutRange = MODELS.map(({ inputRange: _, ...model }) => model);

  test('without a declared range, inputs up to 1e6 put NaN in state, and the message says how to declare one', async () => {
    const report = await runConformance({ backends: columns, models: withoutRange, checks: ['robustness'] });
    for (const row of report.rows) {
      for (const cell of row.cells) {
        expect(cell.status).toBe('FAIL');
        expect(cell.detail).toContain('|input| up to 1000000 (no inputRange declared)');
        expect(cell.detail).toContain("declare the ones it is with the spec's inputRange");
      }
    }
  });

  test("the spec's inputRange, or one the caller gives, is what the check uses and names", async () => {
    const declared = await runConformance({ backends: columns, models: MODELS, checks: ['robustness'] });
    expect(declared.rows.flatMap((row) => row.cells.map((cell) => cell.status))).toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
    ]);
    expect(declared.rows[1]!.cells[0]!.detail).toContain("input in [-100, 400] (the model's inputRange)");
    const given = await runConformance({
      backends: columns,
      models: [withoutRange[0]!],
      checks: ['robustness'],
      inputRange: { min: 0, max: 1.5 },
    });
    expect(given.rows[0]!.cells.map((cell) => cell.status)).toEqual(['OK', 'OK']);
    expect(given.rows[0]!.cells[0]!.detail).toContain('input in [0, 1.5] (the given input range)');
  });
});
