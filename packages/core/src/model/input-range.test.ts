import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import type { ModelSpec } from './spec.js';
import { validateModel } from './validate.js';

const LIF: ModelSpec = {
  name: 'lif',
  parameters: { tau: { default: 10 } },
  state: { v: { initial: 0 } },
  equations: { v: '(I - v) / tau' },
};

function problem(inputRange: unknown): [string, string] | null {
  try {
    validateModel({ ...LIF, inputRange } as ModelSpec);
    return null;
  } catch (error) {
    if (!(error instanceof ModelSpecError)) throw error;
    return [error.field, error.message];
  }
}

describe('validateModel: inputRange', () => {
  test('a finite { min, max } with min below max is accepted', () => {
    expect(problem({ min: -1, max: 2 })).toBeNull();
    expect(problem(undefined)).toBeNull();
  });

  test('anything else is a ModelSpecError naming inputRange and what is wrong', () => {
    expect(problem({ min: 2, max: 1 })).toEqual([
      'inputRange',
      expect.stringContaining('min (2) must be below max (1)'),
    ]);
    expect(problem({ min: 0, max: Number.POSITIVE_INFINITY })).toEqual([
      'inputRange',
      expect.stringContaining('finite numbers'),
    ]);
    expect(problem([0, 1])).toEqual(['inputRange', expect.stringContaining('expected { min, max }')]);
    expect(problem({ min: 0, maximum: 1 })?.[0]).toBe('inputRange.maximum');
  });
});
