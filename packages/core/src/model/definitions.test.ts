import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { formatExpression } from '../expr/format.js';
import type { ModelSpec } from './spec.js';
import { validateModel } from './validate.js';

const SYNAPTIC: ModelSpec = {
  name: 'conductance',
  parameters: { g: { default: 1 }, E: { default: 0 }, tau: { default: 10 }, gain: { default: 2 } },
  state: { v: { initial: -65 } },
  definitions: { drive: 'gain * Isyn', Isyn: 'g * (E - v) + I', above: 'v > 0' },
  equations: { v: '(drive - v) / tau' },
  threshold: 'above',
  reset: { v: '-65' },
};

describe('definitions', () => {
  test('are expanded, in dependency order, into the expressions that use them', () => {
    const model = validateModel(SYNAPTIC);
    expect(formatExpression(model.equations[0]!.expr)).toBe('(gain * (g * (E - v) + I) - v) / tau');
    expect(formatExpression(model.threshold!)).toBe('v > 0');
    expect(formatExpression(model.definitions.get('drive')!)).toBe('gain * (g * (E - v) + I)');
  });

  test('a cycle is an error naming it', () => {
    const error = (() => {
      try {
        validateModel({ ...SYNAPTIC, definitions: { a: 'b + 1', b: 'c * 2', c: 'a - v' } });
      } catch (e) {
        return e as ModelSpecError;
      }
    })();
    expect(error).toBeInstanceOf(ModelSpecError);
    expect(error!.field).toBe('definition of a');
    expect(error!.message).toContain('cyclic definitions: a → b → c → a');
  });

  test('types carry through: a boolean definition cannot be added to a number', () => {
    expect(() => validateModel({ ...SYNAPTIC, equations: { v: 'above + 1' } })).toThrow(
      '"+" needs a number, got a boolean',
    );
  });

  test('names may not clash with parameters or state, and bad expressions point at their column', () => {
    expect(() => validateModel({ ...SYNAPTIC, definitions: { g: 'v' } })).toThrow(
      '"g" is already a parameter',
    );
    expect(() => validateModel({ ...SYNAPTIC, definitions: { x: 'v +* 2' } })).toThrow(
      'model "conductance", definition of x: unexpected "*" at column 4',
    );
  });

  test('definitions may not be used in initial values, which see parameters only', () => {
    expect(() => validateModel({ ...SYNAPTIC, state: { v: { initial: 'Isyn' } } })).toThrow(
      'unknown symbol "Isyn"',
    );
  });
});
