import { describe, expect, test } from 'vitest';
import { ModelSpecError, ParameterError } from '../errors.js';
import { defineModel } from '../model/define.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import type { ModelSpec } from '../model/spec.js';
import { isValidatedModel, validateModel } from '../model/validate.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { ELIFPopulation } from './elif-population.js';
import { Population } from './population.js';

describe('only validateModel output skips validation', () => {
  test('a JSON look-alike of a validated model is validated, so its equations never reach a backend', () => {
    const validated = validateModel(ELIF_MODEL);
    const lookalike = JSON.parse(JSON.stringify({ ...validated, parameters: {}, definitions: {} }));
    lookalike.equations = [
      { target: 'v', field: 'x', expr: { kind: 'identifier', name: 'v;globalThis.pwned=1' } },
    ];
    expect(isValidatedModel(lookalike)).toBe(false);
    const backend = interpreterBackend();
    expect(() => new Population(lookalike, { n: 1, backend })).toThrow(ModelSpecError);
    expect(backend.kernels).toHaveLength(0);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  test('a model from validateModel is used as is', () => {
    const validated = validateModel(ELIF_MODEL);
    expect(isValidatedModel(validated)).toBe(true);
    const pop = new Population(validated, { n: 1, backend: interpreterBackend() });
    expect(pop.model).toBe(validated);
  });

  test('a copy of a validated model is not trusted', () => {
    const copy = { ...validateModel(ELIF_MODEL) };
    expect(isValidatedModel(copy)).toBe(false);
    expect(() => new Population(copy, { n: 1, backend: interpreterBackend() })).toThrow(ModelSpecError);
  });
});

describe('names every JavaScript object has are reserved', () => {
  const base: ModelSpec = {
    name: 'm',
    parameters: { tau: { default: 1 } },
    state: { x: { initial: 0 } },
    equations: { x: '-x/tau' },
  };

  test.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
    'a parameter, state variable or definition named %s is a ModelSpecError',
    (name) => {
      const asParameter = { ...base, parameters: { ...base.parameters, [name]: { default: 1 } } };
      const error = thrown(() => defineModel(asParameter), ModelSpecError);
      expect(error.message).toContain(`"${name}" is reserved (every JavaScript object has a "${name}")`);
      const asState = { ...base, state: { ...base.state, [name]: { initial: 0 } } };
      expect(() => defineModel(asState)).toThrow(`"${name}" is reserved`);
      const asDefinition = { ...base, definitions: { [name]: 'x' } };
      expect(() => defineModel(asDefinition)).toThrow(`"${name}" is reserved`);
    },
  );

  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s(v) in an equation is an unknown function',
    (name) => {
      const spec = { ...base, equations: { x: `${name}(x)` } };
      expect(() => defineModel(spec)).toThrow(`unknown function "${name}" (available: exp,`);
    },
  );

  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'integrator %j is an unknown integrator, not a crash later',
    (integrator) => {
      const error = thrown(
        () => new ELIFPopulation({ n: 1, backend: interpreterBackend(), integrator }),
        ParameterError,
      );
      expect(error.message).toContain(`unknown integrator "${integrator}" (available: euler`);
    },
  );

  test.each(['constructor', 'toString', 'valueOf'])('params { %s: 1 } is an unknown parameter', (name) => {
    const params = JSON.parse(`{ "${name}": 1 }`);
    expect(() => new ELIFPopulation({ n: 1, backend: interpreterBackend(), params })).toThrow(
      `unknown parameter "${name}"`,
    );
  });
});
