import type { Dtype } from '@synapticflow/core';

/** A number as trace files hold it: JSON has no NaN or infinities, so those travel as strings. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** Writes non-finite values as strings and float32 values with the fewest digits that read back exactly. */
export function toJsonNumber(value: number, dtype: Dtype = 'float64'): JsonNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return dtype === 'float32' ? shortestFloat32(value) : value;
}

/** Reads a trace number back; throws on anything else so a malformed file is not silently zero. */
export function fromJsonNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw new TypeError(`expected a number or "NaN", "Infinity", "-Infinity", got ${JSON.stringify(value)}`);
}

/**
 * The double with the shortest decimal form that rounds to the same float32: -61.990646 rather than
 * -61.99064636230469, as the float32 reference files print them. Nine significant digits always suffice.
 */
function shortestFloat32(value: number): number {
  if (Number.isInteger(value)) return value;
  for (let digits = 6; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return Number(value.toPrecision(9));
}
