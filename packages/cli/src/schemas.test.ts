import { readFileSync } from 'node:fs';
import { MODEL_LIBRARY } from '@synapticflow/core';
import { INTEGRATORS } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { MODEL_NAMES } from './scenario/models.js';
import { parseScenario } from './scenario/parse-scenario.js';
import { INTEGRATOR_NAMES } from './scenario/scenario.js';
import { formatScenarioJsonSchema } from './scenario/schema-json.js';
import { SCENARIO_SCHEMA_PATH } from './schemas.js';
import { INLINE_LIF, REFERENCE_FILES, readReference, schemaValidators } from './testing/fixtures.js';

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

/** Whether parseScenario accepts the value: the schema and the parser must agree. */
function parses(value: unknown): boolean {
  try {
    parseScenario(value);
    return true;
  } catch {
    return false;
  }
}

describe('schemas for any model', () => {
  const schema = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8'));

  test('the checked-in scenario.schema.json is the one generated from the scenario definition', () => {
    // After changing src/scenario/schema.ts: pnpm --filter @synapticflow/cli write-schema
    expect(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')).toBe(formatScenarioJsonSchema());
  });

  test('the scenario schema names the whole model library and the core’s integrators', () => {
    const constants = (union: { anyOf: { const: string }[] }) => union.anyOf.map((variant) => variant.const);
    expect(constants(schema.$defs.population.properties.model.anyOf[0])).toEqual(MODEL_NAMES);
    expect(MODEL_NAMES).toEqual(Object.keys(MODEL_LIBRARY));
    expect(Object.keys(schema.$defs.libraryParams)).toEqual(MODEL_NAMES);
    expect(constants(schema.$defs.population.properties.integrator)).toEqual(INTEGRATOR_NAMES);
    expect(INTEGRATOR_NAMES).toEqual(Object.keys(INTEGRATORS));
    for (const integrator of INTEGRATOR_NAMES) {
      expect(validators.scenario({ model: 'adex', n: 1, steps: 1, integrator })).toBe(true);
    }
    expect(validators.scenario({ model: 'adex', n: 1, steps: 1, integrator: 'rk3' })).toBe(false);
    expect(validators.scenario({ model: 'adx', n: 1, steps: 1 })).toBe(false);
  });

  test('library params: the schema and the parser agree with every parameter spec', () => {
    for (const [model, spec] of Object.entries(MODEL_LIBRARY)) {
      for (const [name, parameter] of Object.entries(spec.parameters)) {
        const typical = parameter.default ?? 1;
        for (const value of [typical, null, [typical, typical], 0, -1, [typical]]) {
          const scenario = { model, n: 2, steps: 1, params: { [name]: value } };
          const valid = validators.scenario(scenario);
          // The schema cannot check lengths against n; the parser does.
          if (Array.isArray(value) && value.length !== 2) continue;
          expect(valid, `${model}.${name} = ${JSON.stringify(value)}`).toBe(parses(scenario));
        }
        expect(validators.scenario({ model, n: 2, steps: 1, params: { [`${name}X`]: 1 } })).toBe(false);
      }
    }
  });

  test('the scenario schema takes an inline model spec, whose params and state are free', () => {
    const scenario = {
      model: INLINE_LIF,
      n: 2,
      steps: 10,
      integrator: 'rk2',
      params: { tau: [5, 6], R: 10 },
      record: { vars: ['v', 'traces', 'refractory', 'w1'] },
    };
    expect(validators.scenario(scenario), JSON.stringify(validators.scenario.errors)).toBe(true);
    expect(parses({ ...scenario, record: { vars: ['v'] } })).toBe(true);
    const library = readFileSync(new URL('../fixtures/models/lif.json', import.meta.url), 'utf8');
    expect(validators.scenario({ ...scenario, model: JSON.parse(library) })).toBe(true);
    for (const model of Object.values(MODEL_LIBRARY)) {
      // Every library spec, written out inline, is a valid model object.
      expect(validators.scenario({ model, n: 1, steps: 1 }), model.name).toBe(true);
    }
    expect(validators.scenario({ ...scenario, model: { ...INLINE_LIF, equation: {} } })).toBe(false);
    expect(validators.scenario({ ...scenario, model: { ...INLINE_LIF, name: undefined } })).toBe(false);
    const typo = { ...INLINE_LIF, parameters: { tau: { default: 10, constriant: 'positive' } } };
    expect(validators.scenario({ ...scenario, model: typo, params: {} })).toBe(false);
    expect(validators.scenario({ ...scenario, record: { vars: ['1v'] } })).toBe(false);
    expect(validators.scenario({ ...scenario, record: { vars: ['v', 'v'] } })).toBe(false);
  });

  test('the trace schema takes other recorded state under "state", with vStride', () => {
    const { scenario } = readReference(REFERENCE_FILES[0]!);
    const trace = { scenario, spikes: [], backend: 'js', dtype: 'float64', vStride: 2 };
    expect(validators.trace({ ...trace, state: { w: [[[1, 'NaN']]], u: [] } })).toBe(true);
    expect(validators.trace({ ...trace, v: [[[1]]], state: { w: [[[1]]] } })).toBe(true);
    expect(validators.trace({ ...trace, vStride: undefined, state: { w: [[[1]]] } })).toBe(false);
    expect(validators.trace({ ...trace, state: { v: [[[1]]] } })).toBe(false);
    expect(validators.trace({ ...trace, state: { w: [[['x']]] } })).toBe(false);
    expect(validators.trace({ ...trace, state: { w: [1, 2] } })).toBe(false);
    const adex = { model: 'adex', n: 1, steps: 4, record: { vars: ['w'], vStride: 2 } };
    expect(validators.trace({ ...trace, scenario: adex, state: { w: [[[0]], [[1.5]]] } })).toBe(true);
  });
});
