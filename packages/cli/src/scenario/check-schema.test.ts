import { MODEL_LIBRARY } from '@synapticflow/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ScenarioError } from '../errors.js';
import { checkSchema, describeSchema, type Schema } from './check-schema.js';
import { ModelSpecSchema, ScenarioSchema } from './schema.js';

const SCENARIO = ScenarioSchema as Schema;
const SKIP_MODEL = new Set(['scenario.model']);

/** The message checkSchema throws, or null where the value passes. */
function messageOf(schema: Schema, value: unknown): string | null {
  try {
    checkSchema(schema, value, 'x', SKIP_MODEL);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
}

describe('checkSchema', () => {
  test('names the path, what the schema expects there and what it found', () => {
    const schema: Schema = {
      type: 'object',
      additionalProperties: false,
      required: ['n'],
      properties: {
        n: { type: 'integer', minimum: 1 },
        rate: { type: 'number', exclusiveMinimum: 0 },
        rows: { type: 'array', minItems: 1, items: { type: 'array', items: { type: 'number' } } },
        mode: { anyOf: [{ const: 'a' }, { const: 'b' }] },
      },
    };
    expect(messageOf(schema, { n: 1 })).toBeNull();
    expect(messageOf(schema, {})).toBe('x.n: required field is missing');
    expect(messageOf(schema, { n: 0 })).toBe('x.n: expected a positive integer, got 0');
    expect(messageOf(schema, { n: 1, rate: -1 })).toBe('x.rate: expected a finite number > 0, got -1');
    expect(messageOf(schema, { n: 1, rows: [[1], [2, 'y']] })).toBe(
      'x.rows[1][1]: expected a finite number, got "y"',
    );
    expect(messageOf(schema, { n: 1, rows: [] })).toBe(
      'x.rows: expected a non-empty array of items that are each an array of finite numbers, got an array of 0 items',
    );
    expect(messageOf(schema, { n: 1, mode: 'c' })).toBe('x.mode: expected one of "a", "b", got "c"');
    expect(messageOf(schema, { n: 1, mdoe: 'a' })).toBe(
      'x.mdoe: unknown field; expected one of n, rate, rows, mode; did you mean "mode"?',
    );
  });

  test('numbers must be finite, even where JSON Schema would take any number', () => {
    expect(messageOf({ type: 'number' }, Number.POSITIVE_INFINITY)).toBe(
      'x: expected a finite number, got Infinity',
    );
    expect(messageOf({ type: 'number' }, Number.NaN)).toBe('x: expected a finite number, got NaN');
  });

  test('a title words the expectation', () => {
    expect(describeSchema({ type: 'array', title: 'an array of names' })).toBe('an array of names');
  });
});

/** A valid scenario using every field, to mutate. */
const BASE = {
  model: 'elif',
  n: 2,
  batchSize: 1,
  dt: 0.1,
  steps: 3,
  dtype: 'float64',
  integrator: 'rk4',
  refractory: 'seed',
  sumInput: true,
  params: { tau: [10, 12], lowerBound: null },
  init: { v: -65 },
  traces: { enabled: true, additive: false, traceTau: 5, traceScale: [1, 2] },
  input: { constant: { linspace: [0, 1] } },
  record: { vars: ['v', 'traces'], vStride: 2 },
};

const PATHS: readonly (readonly (string | number)[])[] = [
  [],
  ['n'],
  ['batchSize'],
  ['dt'],
  ['steps'],
  ['dtype'],
  ['integrator'],
  ['refractory'],
  ['sumInput'],
  ['params'],
  ['params', 'tau'],
  ['params', 'tau', 1],
  ['params', 'x1'],
  ['init'],
  ['init', 'v'],
  ['traces'],
  ['traces', 'enabled'],
  ['traces', 'traceTau'],
  ['traces', 'traceScale', 0],
  ['input'],
  ['input', 'constant'],
  ['input', 'constant', 'linspace'],
  ['input', 'constant', 'linspace', 1],
  ['input', 'steps'],
  ['record'],
  ['record', 'vars'],
  ['record', 'vars', 1],
  ['record', 'vStride'],
  ['extra'],
];

/** `value` with the field at `path` replaced by `replacement` (deleted where that is undefined). */
function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  const copy = (
    Array.isArray(value) ? [...value] : typeof value === 'object' && value !== null ? { ...value } : {}
  ) as Record<string | number, unknown>;
  const next = replaced(copy[key!], rest, replacement);
  if (next === undefined) delete copy[key!];
  else copy[key!] = next;
  return copy;
}

describe('checkSchema agrees with a standard JSON Schema validator on the scenario definition', () => {
  // The model is core's to check; here it may be anything, as checkSchema skips it.
  const definition = JSON.parse(JSON.stringify(ScenarioSchema));
  definition.properties.model = {};
  const validate = new Ajv2020({ strict: true, strictRequired: false }).compile(definition);

  test('on scenarios with one field replaced by any JSON value, or removed', () => {
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant(undefined),
      fc.constantFrom(0, 1, -1, 2.5, 'v', 'euler', [], [1], [[1, 2]], { linspace: [0, 1] }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), replacement, (path, value) => {
        const scenario = replaced(BASE, path, value);
        let passes = true;
        try {
          checkSchema(SCENARIO, scenario, 'scenario', SKIP_MODEL);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          passes = false;
        }
        expect(passes, JSON.stringify(scenario)).toBe(validate(scenario));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the inline model schema', () => {
  test.each(Object.values(MODEL_LIBRARY).map((model) => [model.name, model] as const))(
    'takes the library model %s as written, every field of it',
    (_name, model) => {
      expect(messageOf(ModelSpecSchema as Schema, JSON.parse(JSON.stringify(model)))).toBeNull();
    },
  );

  test('takes an input range and refuses one without max', () => {
    const model = { name: 'm', parameters: {}, state: { v: { initial: 0 } }, equations: { v: '-v' } };
    expect(messageOf(ModelSpecSchema as Schema, { ...model, inputRange: { min: 0, max: 2 } })).toBeNull();
    expect(messageOf(ModelSpecSchema as Schema, { ...model, inputRange: { min: 0 } })).toBe(
      'x.inputRange.max: required field is missing',
    );
  });
});
