import { ulpDistance } from '@synapticflow/conformance';
import { describe, expect, test } from 'vitest';
import { float32Range } from '../test/float32-range.js';
import { vectorExp } from '../test/vector-map-module.js';
import { FAST_EXP_F32_ACCURATE, FAST_EXP_F32_DOMAIN, FAST_EXP_F32_MAX_ULPS } from './fast-exp-f32x4.js';

function worstUlps(inputs: Float32Array, got: Float32Array) {
  let worst = 0;
  let at = Number.NaN;
  for (let i = 0; i < inputs.length; i++) {
    const distance = ulpDistance(got[i]!, Math.fround(Math.exp(inputs[i]!)), 'float32');
    if (distance > worst) [worst, at] = [distance, inputs[i]!];
  }
  return { worst, at };
}

describe('fast f32x4 exp', () => {
  const exp = vectorExp('float32', 'fast');

  test(`is within ${FAST_EXP_F32_MAX_ULPS} ulps of Math.exp rounded to float32 over its accurate range, every 127th float`, () => {
    const { low, high } = FAST_EXP_F32_ACCURATE;
    const inputs = float32Range(low, high, 127);
    expect(inputs.length).toBeGreaterThan(1.5e7);
    const { worst, at } = worstUlps(inputs, exp(inputs) as Float32Array);
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(FAST_EXP_F32_MAX_ULPS);
    // The bound is tight: a looser polynomial or a dropped correction shows here.
    expect(worst).toBeGreaterThan(FAST_EXP_F32_MAX_ULPS - 1);
  }, 60_000);

  test('is within the bound for every float32 at both ends of the range, and around ±ln2/2 (where the polynomial is fitted to)', () => {
    for (const [from, to] of [
      [-0.4, -0.3],
      [0.3, 0.4],
      [FAST_EXP_F32_ACCURATE.low, -86],
      [88, FAST_EXP_F32_ACCURATE.high],
    ] as const) {
      const inputs = float32Range(from, to);
      const { worst, at } = worstUlps(inputs, exp(inputs) as Float32Array);
      expect(worst, `worst at x = ${at} in [${from}, ${to}]`).toBeLessThanOrEqual(FAST_EXP_F32_MAX_ULPS);
    }
  }, 60_000);

  test('keeps NaN, gives Infinity above its accurate range and a tiny normal number below it', () => {
    const [nan, inf, high, past, low, minusInf] = exp([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      88.5,
      FAST_EXP_F32_DOMAIN.high + 10,
      -100,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(nan).toBeNaN();
    expect([inf, high, past]).toEqual([Infinity, Infinity, Infinity]);
    const floor = Math.fround(Math.exp(Math.fround(FAST_EXP_F32_DOMAIN.low)));
    for (const tiny of [low!, minusInf!]) {
      expect(tiny).toBeGreaterThan(0);
      expect(Math.abs(tiny - floor)).toBeLessThanOrEqual(floor * 1e-6);
    }
  });
});
