import { MODEL_LIBRARY } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { ScenarioError } from '../errors.js';
import { INLINE_LIF } from '../testing/fixtures.js';
import { MODEL_NAMES, resolveModel } from './models.js';

function errorOf(value: unknown, path?: string): string {
  try {
    resolveModel(value, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected resolveModel to throw');
}

describe('resolveModel', () => {
  test('knows every model of the library by name, with its input unit', () => {
    expect(MODEL_NAMES).toEqual(Object.keys(MODEL_LIBRARY));
    for (const name of MODEL_NAMES) {
      const model = resolveModel(name);
      expect(model).toMatchObject({ name, spec: MODEL_LIBRARY[name], library: true });
      expect(model.inputUnit).toBe(MODEL_LIBRARY[name]!.inputUnit ?? 'a.u.');
    }
    expect(resolveModel('adex').inputUnit).toBe('pA');
    expect(resolveModel('elif').inputUnit).toBe('nA');
  });

  test('takes an inline spec, definitions included; without an inputUnit the unit is "a.u."', () => {
    const model = resolveModel(INLINE_LIF);
    expect(model).toMatchObject({ name: 'tiny-lif', spec: INLINE_LIF, library: false, inputUnit: 'a.u.' });
    expect(model.validated.definitions.has('drive')).toBe(true);
    expect(resolveModel({ ...INLINE_LIF, inputUnit: 'nA' }).inputUnit).toBe('nA');
  });

  test('an invalid inline spec keeps core’s message (model, field, column, caret) after the path', () => {
    const typo = { ...INLINE_LIF, equations: { v: 'drive / tua' } };
    const message = errorOf(typo);
    expect(message).toMatch(/^scenario\.model: model "tiny-lif", equation for v: unknown symbol "tua"/);
    expect(message).toContain(' at column 9\n  drive / tua\n          ^');
    expect(errorOf({ ...INLINE_LIF, threshold: 'v + 1' }, 'scenario.model')).toBe(
      'scenario.model: model "tiny-lif", threshold: expected a boolean expression, got a number at column 1\n  v + 1\n  ^',
    );
    expect(errorOf({ parameters: {}, state: {} })).toBe(
      'scenario.model: model "?", name: expected a non-empty string, got nothing',
    );
  });

  test('fields core does not know are errors at every level of an inline spec', () => {
    expect(errorOf({ ...INLINE_LIF, equation: {} })).toMatch(
      /^scenario\.model: model "tiny-lif", equation: unknown field; did you mean "equations"\?/,
    );
    const parameters = { ...INLINE_LIF.parameters, tau: { default: 10, constriant: 'positive' } };
    expect(errorOf({ ...INLINE_LIF, parameters })).toMatch(
      /^scenario\.model: model "tiny-lif", parameters\.tau\.constriant: unknown field; did you mean "constraint"\?/,
    );
    expect(errorOf({ ...INLINE_LIF, state: { v: { initial: 0, init: 1 } } })).toMatch(
      /state\.v\.init: unknown field/,
    );
    expect(errorOf({ ...INLINE_LIF, refractory: { period: 1, freeze: ['v'], hold: [] } })).toMatch(
      /refractory\.hold: unknown field/,
    );
  });

  test('anything else names the library', () => {
    expect(errorOf('adx')).toBe(
      'scenario.model: expected a model library name (if, lif, qif, elif, adex, adaptive-lif, izhikevich, lif-exp-synapse, cuba-lif) or a model spec object, got "adx"',
    );
    expect(errorOf(3, 'scenario.x')).toMatch(/^scenario\.x: expected a model library name .*, got 3$/);
    expect(errorOf(null)).toMatch(/got null$/);
  });
});
