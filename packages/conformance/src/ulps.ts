import type { Dtype } from '@synapticflow/core';

const FLOAT32_EPSILON = 2 ** -23;
const FLOAT64_EPSILON = Number.EPSILON;
const MIN_NORMAL = { float32: 2 ** -126, float64: 2 ** -1022 };

/** The spacing of `dtype` numbers at the magnitude of `x` (one unit in the last place). */
export function ulpOf(x: number, dtype: Dtype): number {
  const magnitude = Math.max(Math.abs(x), MIN_NORMAL[dtype]);
  const exponent = Math.floor(Math.log2(magnitude));
  return 2 ** exponent * (dtype === 'float32' ? FLOAT32_EPSILON : FLOAT64_EPSILON);
}

/** |actual - expected| in ulps of `dtype` at the expected value; equal infinities are 0, NaN on either side is Infinity. */
export function ulpDistance(actual: number, expected: number, dtype: Dtype): number {
  if (Object.is(actual, expected) || actual === expected) return 0;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / ulpOf(expected, dtype);
}
