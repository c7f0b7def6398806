import { describe, expect, test } from 'vitest';
import { InputError, ParameterError } from '../errors.js';
import { hasSpikeTraces } from '../model/features.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import { LIF_MODEL } from '../model/library/lif.js';
import { validateModel } from '../model/validate.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { checkParameters } from './parameters.js';
import { Population } from './population.js';

const ELIF = validateModel(ELIF_MODEL);
const population = (options: object) =>
  new Population(ELIF, { n: 4, backend: interpreterBackend(), dtype: 'float64', ...options });

describe('errors name the value at fault as a path', () => {
  test('a per-neuron parameter element: params.tau[3]', () => {
    const error = thrown(() => population({ params: { tau: [10, 10, 10, 0] } }), ParameterError);
    expect(error.path).toEqual({ field: 'params', name: 'tau', index: 3 });
    expect(error.message).toBe('parameter "tau" of model "elif"[3] must be > 0, got 0');
  });

  test('a whole parameter: wrong length, null, non-finite, unknown name', () => {
    expect(thrown(() => population({ params: { tau: [10, 10] } }), ParameterError).path).toEqual({
      field: 'params',
      name: 'tau',
    });
    expect(thrown(() => population({ params: { tau: null } }), ParameterError).path).toEqual({
      field: 'params',
      name: 'tau',
    });
    expect(thrown(() => population({ traceTau: Number.NaN }), ParameterError).path).toEqual({
      field: 'params',
      name: 'traceTau',
    });
    const unknown = thrown(() => population({ params: { tauu: 1 } }), ParameterError);
    expect(unknown.path).toEqual({ field: 'params', name: 'tauu' });
    expect(unknown.message).toContain('; did you mean "tau"?');
  });

  test('init values and state writes', () => {
    expect(
      thrown(() => population({ init: { v: [-65, -65, Number.NaN, -65] } }), ParameterError).path,
    ).toEqual({
      field: 'init',
      name: 'v',
      index: 2,
    });
    expect(thrown(() => population({ init: { v: [-65, -65] } }), ParameterError).path).toEqual({
      field: 'init',
      name: 'v',
    });
    expect(thrown(() => population({ init: { vv: 1 } }), ParameterError).path).toEqual({
      field: 'init',
      name: 'vv',
    });
    const pop = population({});
    expect(thrown(() => pop.writeState('v', [0, 0, Number.POSITIVE_INFINITY, 0]), InputError).path).toEqual({
      field: 'state',
      name: 'v',
      index: 2,
    });
  });

  test('errors not about one value carry no path', () => {
    expect(thrown(() => population({ dt: -1 }), ParameterError).path).toBeUndefined();
  });
});

describe('checkParameters', () => {
  test('raises what a population of the model would, without building one', () => {
    expect(() => checkParameters(ELIF, { tau: [10, 11, 12, 13], traceTau: 5 }, 4)).not.toThrow();
    const error = thrown(() => checkParameters(ELIF, { tau: [10, 11, -1, 13] }, 4), ParameterError);
    expect(error.path).toEqual({ field: 'params', name: 'tau', index: 2 });
    expect(error.message).toBe(
      thrown(() => population({ params: { tau: [10, 11, -1, 13] } }), ParameterError).message,
    );
    expect(thrown(() => checkParameters(ELIF, { traceTau: 0 }, 4), ParameterError).path).toEqual({
      field: 'params',
      name: 'traceTau',
    });
  });

  test('a model without a threshold has no spike traces, so no trace parameters', () => {
    const leak = validateModel({
      name: 'leak',
      parameters: { tau: { default: 10, constraint: 'positive' } },
      state: { v: { initial: 0 } },
      equations: { v: '-v / tau' },
    });
    expect(hasSpikeTraces(leak)).toBe(false);
    expect(hasSpikeTraces(validateModel(LIF_MODEL))).toBe(true);
    expect(thrown(() => checkParameters(leak, { traceTau: 5 }, 1), ParameterError).path).toEqual({
      field: 'params',
      name: 'traceTau',
    });
  });

  test('a 40,001-character unknown init name: a short ParameterError, no suggestion', () => {
    const name = `${'v'.repeat(40_000)}w`;
    const error = thrown(() => population({ init: { [name]: 1 } }), ParameterError);
    expect(error.path).toEqual({ field: 'init', name });
    expect(error.message).not.toContain('did you mean');
    expect(error.message.length).toBeLessThan(300);
  });
});
