import type { Scenario } from './scenario.js';

/** A scenario's input as flat row-major values: `perStep` blocks of batchSize*n when it varies per step. */
export interface FlatInput {
  perStep: boolean;
  values: Float64Array;
}

/** Flattens `constant` (any form, broadcast to [batch][n]) or `steps` ([T][batch][n]); no input is 0. */
export function flattenInput(scenario: Scenario): FlatInput {
  const n = scenario.n;
  const batchSize = scenario.batchSize ?? 1;
  const input = scenario.input ?? { constant: 0 };
  if ('steps' in input) return { perStep: true, values: Float64Array.from(input.steps.flat(2)) };
  const { constant } = input;
  if (typeof constant === 'number')
    return { perStep: false, values: new Float64Array(n * batchSize).fill(constant) };
  if ('linspace' in constant) {
    const [from, to] = constant.linspace as [number, number];
    return { perStep: false, values: repeat(linspace(from, to, n), batchSize) };
  }
  if (isRows(constant)) return { perStep: false, values: Float64Array.from(constant.flat()) };
  return { perStep: false, values: repeat(constant, batchSize) };
}

function isRows(constant: number[] | number[][]): constant is number[][] {
  return Array.isArray(constant[0]);
}

/** `count` values from..to inclusive, computed as numpy.linspace does so shared scenarios agree bit for bit. */
export function linspace(from: number, to: number, count: number): Float64Array {
  const values = new Float64Array(count);
  const step = count > 1 ? (to - from) / (count - 1) : 0;
  for (let i = 0; i < count; i++) values[i] = from + i * step;
  if (count > 1) values[count - 1] = to;
  return values;
}

function repeat(row: ArrayLike<number>, times: number): Float64Array {
  const values = new Float64Array(row.length * times);
  for (let b = 0; b < times; b++) values.set(row, b * row.length);
  return values;
}
