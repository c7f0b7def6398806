import { describe, expect, test } from 'vitest';
import { parseScenario } from './scenario/parse-scenario.js';
import { REFERENCE_FILES, readReference, schemaValidators } from './testing/fixtures.js';

const validators = schemaValidators();

describe('checked-in JSON schemas', () => {
  test('the fixtures hold all eight reference traces', () => {
    expect(REFERENCE_FILES).toHaveLength(8);
  });

  test.each(REFERENCE_FILES)(
    '%s validates against trace.schema.json, its scenario against both checks',
    (name) => {
      const reference = readReference(name);
      expect(validators.trace(reference), JSON.stringify(validators.trace.errors)).toBe(true);
      expect(validators.scenario(reference.scenario), JSON.stringify(validators.scenario.errors)).toBe(true);
      expect(() => parseScenario(reference.scenario)).not.toThrow();
    },
  );

  test('a trace must say who made it: backend and dtype, or reference', () => {
    const { scenario, spikes } = readReference(REFERENCE_FILES[0]!);
    expect(validators.trace({ scenario, spikes, backend: 'js', dtype: 'float32' })).toBe(true);
    expect(validators.trace({ scenario, spikes })).toBe(false);
    expect(validators.trace({ scenario, spikes, backend: 'js' })).toBe(false);
    expect(validators.trace({ scenario, spikes, backend: 'js', dtype: 'float32', reference: 'x' })).toBe(
      false,
    );
  });

  test('recorded rows need vStride, and only numbers or the non-finite strings', () => {
    const { scenario } = readReference(REFERENCE_FILES[0]!);
    const trace = { scenario, spikes: [], backend: 'js', dtype: 'float64' };
    expect(validators.trace({ ...trace, vStride: 1, v: [[[1, 'NaN', 'Infinity', '-Infinity']]] })).toBe(true);
    expect(validators.trace({ ...trace, v: [[[1]]] })).toBe(false);
    expect(validators.trace({ ...trace, vStride: 1, v: [[['nan']]] })).toBe(false);
  });

  test('the scenario schema rejects unknown fields at any level', () => {
    const base = { model: 'elif', n: 2, steps: 10 };
    expect(validators.scenario(base)).toBe(true);
    expect(validators.scenario({ ...base, extra: 1 })).toBe(false);
    expect(validators.scenario({ ...base, params: { tau: 10, tauu: 1 } })).toBe(false);
    expect(validators.scenario({ ...base, input: { constant: { linspace: [0, 1], step: 1 } } })).toBe(false);
    expect(validators.scenario({ ...base, input: { constant: { linspace: [0, 1] } } })).toBe(true);
  });
});
