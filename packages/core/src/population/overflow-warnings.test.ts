import { describe, expect, test } from 'vitest';
import type { ParameterValue } from '../backend.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import { validateModel } from '../model/validate.js';
import { overflowWarnings } from './overflow-warnings.js';

const model = validateModel(ELIF_MODEL);
const defaults = (): Map<string, ParameterValue | null> =>
  new Map([...model.parameters].map(([name, spec]) => [name, spec.default]));

describe('overflowWarnings scans distinct parameter values, not neurons', () => {
  test('scalar parameters: one evaluation covers every neuron, even n = 2^53 - 1', () => {
    const values = defaults().set('threshold', 1e30);
    const [warning] = overflowWarnings(model, values, Number.MAX_SAFE_INTEGER, 'float32', 0.1);
    expect(warning).toContain(
      `(${Number.MAX_SAFE_INTEGER} of ${Number.MAX_SAFE_INTEGER} neurons, first neuron 0)`,
    );
    expect(overflowWarnings(model, defaults(), Number.MAX_SAFE_INTEGER, 'float32', 0.1)).toEqual([]);
  });

  test('per-neuron parameters: counts and the first neuron stay exact', () => {
    const n = 10_000;
    const threshold = new Float64Array(n).fill(-52);
    for (let j = 3; j < n; j += 4) threshold[j] = 1e30;
    const [warning] = overflowWarnings(model, defaults().set('threshold', threshold), n, 'float32', 0.1);
    expect(warning).toContain(`(${n / 4} of ${n} neurons, first neuron 3)`);
  });
});
