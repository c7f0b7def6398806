import { seededRandom, ulpDistance } from '@synapticflow/conformance';
import { describe, expect, test } from 'vitest';
import { float32Range } from '../test/float32-range.js';
import { vectorExp } from '../test/vector-map-module.js';
import { EXP_F32_MAX_ULPS } from './exp-f32x4.js';

function worstUlps(inputs: ArrayLike<number>, got: ArrayLike<number>, dtype: 'float32' | 'float64') {
  let worst = 0;
  let at = Number.NaN;
  for (let i = 0; i < inputs.length; i++) {
    const exact = dtype === 'float32' ? Math.fround(Math.exp(inputs[i]!)) : Math.exp(inputs[i]!);
    const distance = ulpDistance(got[i]!, exact, dtype);
    if (distance > worst) [worst, at] = [distance, inputs[i]!];
  }
  return { worst, at };
}

const SPECIAL = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  1,
  -1,
  1e-30,
  -1e-30,
  1e4,
  -1e4,
];

describe('f32x4 exp', () => {
  const exp = vectorExp('float32');

  test(`is within ${EXP_F32_MAX_ULPS} ulp of Math.exp rounded to float32 over [-104, 89.5], every 251st float`, () => {
    // From where exp rounds to 0 to past the overflow at 88.72: every argument a float32 model can reach.
    const inputs = float32Range(-104, 89.5, 251);
    expect(inputs.length).toBeGreaterThan(8e6);
    const { worst, at } = worstUlps(inputs, exp(inputs), 'float32');
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(EXP_F32_MAX_ULPS);
  });

  test('is within the bound for every float32 near overflow and in the subnormal range', () => {
    for (const [from, to] of [
      [88, 89.5],
      [-104, -86],
    ] as const) {
      const inputs = float32Range(from, to);
      const { worst, at } = worstUlps(inputs, exp(inputs), 'float32');
      expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(EXP_F32_MAX_ULPS);
    }
  });

  test('gives Infinity, 0, 1 and NaN where Math.exp does', () => {
    const got = exp(SPECIAL);
    for (const [i, x] of SPECIAL.entries()) {
      expect(Object.is(got[i], Math.fround(Math.exp(x))), `exp(${x})`).toBe(true);
    }
  });
});

describe('f64x2 exp', () => {
  const exp = vectorExp('float64');

  test('equals Math.exp bit for bit (fdlibm, as V8 computes it) from underflow to overflow', () => {
    const random = seededRandom(7);
    const samples = 2_000_000;
    const inputs = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      const kind = i % 4;
      if (kind === 0)
        inputs[i] = -746 + 1456 * random(); // the whole finite range
      else if (kind === 1)
        inputs[i] = (random() - 0.5) * 3; // around the reduction's branch points
      else if (kind === 2)
        inputs[i] = (random() - 0.5) * 2 ** (-60 + 62 * random()); // tiny arguments
      else inputs[i] = -100 + 190 * random(); // where models live
    }
    const got = exp(inputs);
    let mismatches = 0;
    let example = '';
    for (let i = 0; i < samples; i++) {
      if (!Object.is(got[i], Math.exp(inputs[i]!))) {
        mismatches++;
        example ||= `exp(${inputs[i]}) = ${got[i]}, Math.exp: ${Math.exp(inputs[i]!)}`;
      }
    }
    expect(mismatches, example).toBe(0);
  });

  test('handles fdlibm branch points, thresholds and non-finite arguments as Math.exp does', () => {
    const edges = [
      ...SPECIAL,
      2 ** -28,
      -(2 ** -28),
      2 ** -29,
      0.34657359027997264,
      0.3465735902799727,
      1.0397207708399179,
      709.782712893384,
      709.7827128933841,
      709.79,
      -708.3964185322641,
      -745.1332191019411,
      -745.1332191019412,
      -745.2,
    ];
    const got = exp(edges);
    for (const [i, x] of edges.entries()) expect(Object.is(got[i], Math.exp(x)), `exp(${x})`).toBe(true);
  });
});
