import { describe, expect, test } from 'vitest';
import type { KernelRequest, ParameterValue } from '../backend.js';
import { BackendError } from '../errors.js';
import type { StepProgram } from '../program/program.js';
import { kernelParameters } from './kernel-parameters.js';

function request(dtype: 'float32' | 'float64', values: [string, ParameterValue][]): KernelRequest {
  const program = { parameters: ['tau', 'gain'] } as unknown as StepProgram;
  return { program, dtype, n: 2, batchSize: 1, parameters: new Map(values) };
}

describe('kernelParameters', () => {
  test("gives every program parameter in the program's order, scalars rounded to float32", () => {
    const gain = new Float64Array([0.1, 0.2]);
    const values = kernelParameters(
      'test',
      request('float32', [
        ['gain', gain],
        ['tau', 0.1],
      ]),
    );
    expect([...values.keys()]).toEqual(['tau', 'gain']);
    expect(values.get('tau')).toBe(Math.fround(0.1));
    expect(values.get('gain')).toBe(gain);
    expect(
      kernelParameters(
        'test',
        request('float64', [
          ['gain', 1],
          ['tau', 0.1],
        ]),
      ).get('tau'),
    ).toBe(0.1);
  });

  test('a missing value is a BackendError naming the owner and the parameter', () => {
    expect(() => kernelParameters('test backend', request('float32', [['tau', 1]]))).toThrow(BackendError);
    expect(() => kernelParameters('test backend', request('float32', [['tau', 1]]))).toThrow(
      'test backend: no value for parameter "gain"',
    );
  });
});
