import { describe, expect, test } from 'vitest';
import { linspace, runInput } from './input-current.js';

function stepValues(input: ReturnType<typeof runInput>, step: number, n: number): number[] {
  const buffer = new Float64Array(n);
  (input as (step: number, buffer: Float64Array) => void)(step, buffer);
  return Array.from(buffer);
}

describe('input current', () => {
  test('linspace ends exactly at both ends, as numpy does', () => {
    expect(Array.from(linspace(0, 1.5, 4))).toEqual([0, 0.5, 1, 1.5]);
    expect(linspace(0.1, 0.7, 7)[6]).toBe(0.7);
  });

  test('constant input is the sweep itself', () => {
    expect(runInput({ kind: 'constant', from: 0, to: 1, onset: 0 }, 3, 0.1, 10)).toEqual({
      constant: linspace(0, 1, 3),
    });
  });

  test('step input is 0 before the onset and the sweep from the onset step on', () => {
    const input = runInput({ kind: 'step', from: 1, to: 2, onset: 2 }, 2, 0.5, 10);
    expect(stepValues(input, 3, 2)).toEqual([0, 0]);
    expect(stepValues(input, 4, 2)).toEqual([1, 2]);
  });

  test('ramp input rises from 0 at the first step to the sweep at the last', () => {
    const input = runInput({ kind: 'ramp', from: 2, to: 4, onset: 0 }, 2, 0.1, 5);
    expect(stepValues(input, 0, 2)).toEqual([0, 0]);
    expect(stepValues(input, 2, 2)).toEqual([1, 2]);
    expect(stepValues(input, 4, 2)).toEqual([2, 4]);
  });
});
