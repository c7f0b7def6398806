import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { binary, ident, num } from '../expr/ast.js';
import { stripSpans } from '../testing/helpers.js';
import { defineModel } from './define.js';
import { PROGRAM_STATE_NAMES } from './features.js';
import { ELIF_MODEL } from './library/elif.js';
import type { ModelSpec } from './spec.js';
import { validateModel } from './validate.js';

/** A small valid LIF model; tests mutate copies of it. */
function lif(): ModelSpec {
  return {
    name: 'lif',
    parameters: {
      tau: { default: 10, constraint: 'positive' },
      restPot: { default: -65 },
      resetPot: { default: -70 },
      threshold: { default: -50 },
      refracLength: { default: 2, constraint: 'nonnegative' },
      floor: { default: null, nullable: true, perNeuron: false },
    },
    state: { v: { initial: 'resetPot' } },
    equations: { v: '(restPot - v + I) / tau' },
    threshold: 'v >= threshold',
    reset: { v: 'resetPot' },
    refractory: { period: 'refracLength', freeze: ['v'] },
    bounds: { v: { lower: 'floor' } },
  };
}

function with_(change: (spec: ModelSpec) => void): ModelSpec {
  const spec = lif();
  change(spec);
  return spec;
}

/** Validates `spec`, expecting a ModelSpecError; checks the model and field it names. */
function rejects(spec: ModelSpec, field: string, ...fragments: (string | RegExp)[]): ModelSpecError {
  let error: unknown;
  try {
    validateModel(spec);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ModelSpecError);
  const specError = error as ModelSpecError;
  expect(specError.field).toBe(field);
  expect(specError.message.startsWith(`model "${specError.model}", ${field}: `)).toBe(true);
  for (const fragment of fragments) {
    if (typeof fragment === 'string') expect(specError.message).toContain(fragment);
    else expect(specError.message).toMatch(fragment);
  }
  return specError;
}

describe('validateModel: valid models', () => {
  test('the LIF example validates and its strings are parsed', () => {
    const model = validateModel(lif());
    expect(model.name).toBe('lif');
    expect(model.state.map((s) => s.target)).toEqual(['v']);
    expect(stripSpans(model.state[0]!.expr)).toEqual(ident('resetPot'));
    expect(model.equations).toHaveLength(1);
    expect(model.equations[0]!.field).toBe('equation for v');
    expect(stripSpans(model.threshold!)).toEqual(binary('>=', ident('v'), ident('threshold')));
    expect(model.reset.map((r) => [r.target, r.field])).toEqual([['v', 'reset of v']]);
    expect(model.refractory!.freeze).toEqual(['v']);
    expect(model.bounds).toHaveLength(1);
    expect(model.bounds[0]!.upper).toBeNull();
    expect(stripSpans(model.bounds[0]!.lower!)).toEqual(ident('floor'));
  });

  test('parameter specs get defaults for nullable and perNeuron', () => {
    const model = validateModel(lif());
    expect(model.parameters.get('tau')).toMatchObject({
      default: 10,
      nullable: false,
      perNeuron: true,
      constraint: 'positive',
    });
    expect(model.parameters.get('floor')).toMatchObject({ default: null, nullable: true, perNeuron: false });
  });

  test('the built-in ELIF spec validates', () => {
    const model = validateModel(ELIF_MODEL);
    expect(model.name).toBe('elif');
    expect([...model.parameters.keys()]).toEqual([
      'tau',
      'threshold',
      'thetaRh',
      'deltaT',
      'restPot',
      'resetPot',
      'refracLength',
      'R',
      'lowerBound',
      'vPeak',
    ]);
    expect(model.parameters.get('lowerBound')).toMatchObject({
      default: null,
      nullable: true,
      perNeuron: false,
    });
    expect(model.threshold).not.toBeNull();
    expect(model.refractory?.freeze).toEqual(['v']);
  });

  test('a model without threshold, reset or bounds; numbers as expressions', () => {
    const model = validateModel({
      name: 'leak',
      parameters: { k: { default: 1 } },
      state: { x: { initial: 1 }, y: { initial: '2 * k' } },
      equations: { x: '-k * x' },
    });
    expect(model.threshold).toBeNull();
    expect(model.reset).toEqual([]);
    expect(model.refractory).toBeNull();
    expect(model.bounds).toEqual([]);
    expect(model.state[0]!.expr).toEqual(num(1));
  });

  test('equations may read I, t, dt, parameters and any state; initial values and bounds may read dt', () => {
    expect(() =>
      validateModel({
        name: 'm',
        parameters: { a: { default: 1 } },
        state: { x: { initial: 'a * dt' }, y: { initial: 0 } },
        equations: { x: 'I + t * dt + a * y', y: '-x' },
        threshold: 'x > a and t >= 0 or not (y < 0)',
        reset: { x: 'y + dt', y: 'x' },
        bounds: { y: { lower: '-a - dt', upper: 'a' } },
      }),
    ).not.toThrow();
  });
});

describe('validateModel: unknown symbols', () => {
  test('in an equation, with a did-you-mean and the column', () => {
    const error = rejects(
      with_((s) => {
        s.equations = { v: '(restpot - v + I) / tau' };
      }),
      'equation for v',
      'unknown symbol "restpot"; did you mean "restPot"?',
      'parameters, state, definitions and inputs: tau, restPot, resetPot, threshold, refracLength, floor, v, I, t, dt',
    );
    expect(error.column).toBe(2);
    expect(error.message.split('\n')[1]).toBe('  (restpot - v + I) / tau');
    expect(error.message.split('\n')[2]).toBe('   ^');
  });

  test('in the threshold, suggesting the closest name', () => {
    rejects(
      with_((s) => {
        s.threshold = 'v >= treshold';
      }),
      'threshold',
      'unknown symbol "treshold"; did you mean "threshold"?',
    );
  });

  test('without a close match there is no suggestion', () => {
    const error = rejects(
      with_((s) => {
        s.equations = { v: 'v * gamma' };
      }),
      'equation for v',
      'unknown symbol "gamma"',
    );
    expect(error.message).not.toContain('did you mean');
    expect(error.column).toBe(5);
  });

  test('initial values and refractory periods may read parameters and dt only', () => {
    rejects(
      with_((s) => {
        s.state = { v: { initial: 'resetPot + I' } };
      }),
      'initial value of v',
      'unknown symbol "I"',
      '(parameters: ',
    );
    rejects(
      with_((s) => {
        s.state = { v: { initial: 'v' } };
      }),
      'initial value of v',
      'unknown symbol "v"',
    );
    rejects(
      with_((s) => {
        s.refractory = { period: 'refracLength + v', freeze: ['v'] };
      }),
      'refractory.period',
      'unknown symbol "v"',
    );
  });

  test('bounds may not read state', () => {
    rejects(
      with_((s) => {
        s.bounds = { v: { upper: 'v + 1' } };
      }),
      'upper bound of v',
      'unknown symbol "v"',
    );
  });

  test('a reset may not read an undefined name', () => {
    rejects(
      with_((s) => {
        s.reset = { v: 'resetPt' };
      }),
      'reset of v',
      'unknown symbol "resetPt"; did you mean "resetPot"?',
    );
  });
});

describe('validateModel: assignments and derivatives', () => {
  test('a reset may not assign to a parameter', () => {
    rejects(
      with_((s) => {
        s.reset = { v: 'resetPot', tau: '5' };
      }),
      'reset of tau',
      'cannot assign to parameter "tau"',
    );
  });

  test('a reset may not assign to an unknown name', () => {
    rejects(
      with_((s) => {
        s.reset = { w: '0' };
      }),
      'reset of w',
      '"w" is not a state variable (state: v)',
    );
  });

  test('a derivative of a non-state', () => {
    rejects(
      with_((s) => {
        s.equations = { v: '-v', w: '1' };
      }),
      'equation for w',
      'derivative of "w", which is not a state variable (state: v)',
    );
  });

  test('a derivative of a parameter', () => {
    rejects(
      with_((s) => {
        s.equations = { tau: '1' };
      }),
      'equation for tau',
      '"tau" is a parameter; derivatives are only defined for state variables',
    );
  });

  test('refractory freeze must list state variables', () => {
    rejects(
      with_((s) => {
        s.refractory = { period: 'refracLength', freeze: ['tau'] };
      }),
      'refractory.freeze',
      'cannot assign to parameter "tau"',
    );
    rejects(
      with_((s) => {
        s.refractory = { period: 'refracLength', freeze: ['w'] };
      }),
      'refractory.freeze',
      '"w" is not a state variable',
    );
    rejects(
      with_((s) => {
        s.refractory = { period: 'refracLength', freeze: 'v' as unknown as string[] };
      }),
      'refractory.freeze',
      'expected a list of state variables, got "v"',
    );
  });

  test('bounds must target state variables', () => {
    rejects(
      with_((s) => {
        s.bounds = { tau: { lower: '1' } };
      }),
      'bounds of tau',
      'cannot assign to parameter "tau"',
    );
  });
});

describe('validateModel: types', () => {
  test('a boolean where the equation needs a number', () => {
    const error = rejects(
      with_((s) => {
        s.equations = { v: 'v > 0' };
      }),
      'equation for v',
      'expected a number expression, got a boolean',
    );
    expect(error.column).toBe(1);
  });

  test('a number threshold', () => {
    rejects(
      with_((s) => {
        s.threshold = 'v - threshold';
      }),
      'threshold',
      'expected a boolean expression, got a number',
    );
  });

  test('a threshold given as a number is rejected', () => {
    rejects(
      with_((s) => {
        s.threshold = 5 as unknown as string;
      }),
      'threshold',
      'expected a boolean expression, got the number',
    );
  });

  test.each([
    ['exp(v > 1)', 'exp() needs a number, got a boolean', 5],
    ['v + (v > 1)', '"+" needs a number, got a boolean', 5],
    ['-(v > 1)', 'unary "-" needs a number, got a boolean', 2],
    ['true * v', '"*" needs a number, got a boolean', 1],
    ['max(v, true)', 'max() needs a number, got a boolean', 8],
  ])('type error inside an equation: %s', (source, detail, column) => {
    const error = rejects(
      with_((s) => {
        s.equations = { v: source };
      }),
      'equation for v',
      detail,
    );
    expect(error.column).toBe(column);
  });

  test.each([
    ['v and true', '"and" needs a boolean, got a number', 1],
    ['true or v', '"or" needs a boolean, got a number', 9],
    ['not v', '"not" needs a boolean, got a number', 5],
    ['(v > 1) == true', '"==" needs a number, got a boolean', 1],
    ['(v > 1) < (v > 2)', '"<" needs a number, got a boolean', 1],
  ])('type error inside a threshold: %s', (source, detail, column) => {
    const error = rejects(
      with_((s) => {
        s.threshold = source;
      }),
      'threshold',
      detail,
    );
    expect(error.column).toBe(column);
  });

  test('a boolean reset, initial value, bound or period', () => {
    rejects(
      with_((s) => {
        s.reset = { v: 'v > 0' };
      }),
      'reset of v',
      'expected a number expression, got a boolean',
    );
    rejects(
      with_((s) => {
        s.state = { v: { initial: 'true' } };
      }),
      'initial value of v',
      'expected a number expression, got a boolean',
    );
    rejects(
      with_((s) => {
        s.bounds = { v: { lower: 'floor > 0' } };
      }),
      'lower bound of v',
      'expected a number expression, got a boolean',
    );
    rejects(
      with_((s) => {
        s.refractory = { period: 'refracLength > 1', freeze: ['v'] };
      }),
      'refractory.period',
      'expected a number expression, got a boolean',
    );
  });

  test('an expression that is not a string or number', () => {
    rejects(
      with_((s) => {
        s.equations = { v: ['v'] as unknown as string };
      }),
      'equation for v',
      'expected an expression string, got an array',
    );
    rejects(
      with_((s) => {
        s.state = { v: { initial: Number.NaN } };
      }),
      'initial value of v',
      'expected an expression string, got NaN',
    );
  });

  test('a syntax error names the field', () => {
    const error = rejects(
      with_((s) => {
        s.equations = { v: '(restPot - v + I)) / tau' };
      }),
      'equation for v',
      'unexpected ")"',
    );
    expect(error.column).toBe(18);
    rejects(
      with_((s) => {
        s.threshold = 'v = threshold';
      }),
      'threshold',
      'use "==" to compare',
    );
    rejects(
      with_((s) => {
        s.threshold = 'restPot < v < threshold';
      }),
      'threshold',
      'comparisons do not chain',
    );
    rejects(
      with_((s) => {
        s.equations = { v: 'ceil(v)' };
      }),
      'equation for v',
      'unknown function "ceil"',
    );
  });
});

describe('validateModel: names', () => {
  test.each(['I', 'dt', 't', 'exp', 'min', 'float32', 'ceil', 'true', 'and', 'not'])(
    'parameter "%s" is reserved',
    (name) => {
      rejects(
        with_((s) => {
          s.parameters[name] = { default: 1 };
        }),
        `parameter "${name}"`,
        `"${name}" is reserved`,
      );
    },
  );

  test.each(['I', 'dt', 't', 'pow'])('state "%s" is reserved', (name) => {
    rejects(
      with_((s) => {
        s.state[name] = { initial: 0 };
      }),
      `state "${name}"`,
      `"${name}" is reserved`,
    );
  });

  test.each(['_x', '_refractory', '__v', '1x', 'a-b', 'a b', ''])('"%s" is not a valid name', (name) => {
    rejects(
      with_((s) => {
        s.parameters[name] = { default: 1 };
      }),
      `parameter "${name}"`,
      'is not a valid name (a letter, then letters, digits or _)',
    );
    rejects(
      with_((s) => {
        s.state[name] = { initial: 0 };
      }),
      `state "${name}"`,
      'is not a valid name',
    );
  });

  test('a name is either a parameter or state', () => {
    rejects(
      with_((s) => {
        s.state.tau = { initial: 1 };
      }),
      'state "tau"',
      '"tau" is already a parameter; a name is either state or parameter',
    );
  });

  test.each([...PROGRAM_STATE_NAMES])('state "%s" is defined by every population', (name) => {
    rejects(
      with_((s) => {
        s.state[name] = { initial: 0 };
      }),
      `state "${name}"`,
      'is defined by every population',
    );
  });

  test.each([...PROGRAM_STATE_NAMES])('parameter "%s" is refused like the state of the same name', (name) => {
    rejects(
      with_((s) => {
        s.parameters[name] = { default: 1 };
      }),
      `parameter "${name}"`,
      'is defined by every population',
    );
  });
});

describe('validateModel: parameter defaults', () => {
  test('a null default needs nullable', () => {
    rejects(
      with_((s) => {
        s.parameters.floor = { default: null };
      }),
      'parameter "floor"',
      'default is null but the parameter is not nullable (set nullable: true)',
    );
    expect(() =>
      validateModel(
        with_((s) => {
          s.parameters.floor = { default: null, nullable: true };
        }),
      ),
    ).not.toThrow();
    expect(() =>
      validateModel(
        with_((s) => {
          s.parameters.floor = { default: -80, nullable: true };
        }),
      ),
    ).not.toThrow();
  });

  test.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['5', '"5"'],
    [undefined, 'nothing'],
  ])('a non-finite or non-number default (%s)', (value, shown) => {
    rejects(
      with_((s) => {
        s.parameters.restPot = { default: value as number };
      }),
      'parameter "restPot"',
      `default must be a finite number, got ${shown}`,
    );
  });

  test('a nullable parameter with a bad default mentions null', () => {
    rejects(
      with_((s) => {
        s.parameters.floor = { default: Number.NaN, nullable: true };
      }),
      'parameter "floor"',
      'default must be a finite number or null, got NaN',
    );
  });

  test.each([
    ['positive', 0, 'default 0 violates its constraint (must be > 0)'],
    ['positive', -1, 'default -1 violates its constraint (must be > 0)'],
    ['nonnegative', -0.5, 'default -0.5 violates its constraint (must be >= 0)'],
  ] as const)('a %s constraint rejects default %s', (constraint, value, message) => {
    rejects(
      with_((s) => {
        s.parameters.tau = { default: value, constraint };
      }),
      'parameter "tau"',
      message,
    );
  });

  test('constraint boundaries that are allowed', () => {
    expect(() =>
      validateModel(
        with_((s) => {
          s.parameters.refracLength = { default: 0, constraint: 'nonnegative' };
          s.parameters.tau = { default: 1e-9, constraint: 'positive' };
        }),
      ),
    ).not.toThrow();
  });

  test('an unknown constraint', () => {
    rejects(
      with_((s) => {
        s.parameters.tau = { default: 1, constraint: 'big' as 'positive' };
      }),
      'parameter "tau"',
      'unknown constraint "big" (use "positive" or "nonnegative")',
    );
  });

  test('a parameter spec that is not an object', () => {
    rejects(
      with_((s) => {
        s.parameters.tau = 10 as never;
      }),
      'parameter "tau"',
      'expected { default: number }, got 10',
    );
  });
});

describe('validateModel: structure', () => {
  test('a reset without threshold', () => {
    rejects(
      with_((s) => {
        delete s.threshold;
        delete s.refractory;
      }),
      'reset',
      'a reset needs a threshold to say when it applies',
    );
  });

  test('a refractory period without threshold', () => {
    rejects(
      with_((s) => {
        delete s.threshold;
        delete s.reset;
      }),
      'refractory',
      'a refractory period needs a threshold to start it',
    );
  });

  test('name, parameters and state must be present and of the right shape', () => {
    const noName = rejects(
      with_((s) => {
        s.name = '';
      }),
      'name',
      'expected a non-empty string, got ""',
    );
    expect(noName.model).toBe('?');
    rejects(
      with_((s) => {
        s.parameters = undefined as never;
      }),
      'parameters',
      'expected an object keyed by name, got nothing',
    );
    rejects(
      with_((s) => {
        s.state = [] as never;
      }),
      'state',
      'expected an object keyed by name, got an array',
    );
    rejects(
      with_((s) => {
        s.equations = 'v' as never;
      }),
      'equations',
      'expected an object keyed by name, got "v"',
    );
    // null counts as absent for the optional sections.
    expect(() =>
      validateModel(
        with_((s) => {
          s.bounds = null as never;
        }),
      ),
    ).not.toThrow();
    rejects(
      with_((s) => {
        s.bounds = 3 as never;
      }),
      'bounds',
      'got 3',
    );
  });

  test('a spec that is not an object', () => {
    const error = rejects(null as never, 'spec', 'expected an object, got null');
    expect(error.model).toBe('?');
    rejects('elif' as never, 'spec', 'expected an object, got "elif"');
  });

  test('a state entry that is not an object is a ModelSpecError naming it', () => {
    rejects(
      with_((s) => {
        s.state = { v: null as never };
      }),
      'state "v"',
    );
  });
});

describe('defineModel', () => {
  test('returns the very spec it was given', () => {
    const spec = lif();
    expect(defineModel(spec)).toBe(spec);
    expect(defineModel(ELIF_MODEL)).toBe(ELIF_MODEL);
  });

  test('throws the same errors as validateModel', () => {
    const bad = with_((s) => {
      s.equations = { v: '(restpot - v) / tau' };
    });
    let expected: ModelSpecError | undefined;
    try {
      validateModel(bad);
    } catch (e) {
      expected = e as ModelSpecError;
    }
    expect(expected).toBeInstanceOf(ModelSpecError);
    let got: unknown;
    try {
      defineModel(bad);
    } catch (e) {
      got = e;
    }
    expect(got).toBeInstanceOf(ModelSpecError);
    expect((got as ModelSpecError).message).toBe(expected!.message);
    expect((got as ModelSpecError).field).toBe('equation for v');
    expect(() =>
      defineModel(
        with_((s) => {
          s.parameters.tau = { default: 0, constraint: 'positive' };
        }),
      ),
    ).toThrow(ModelSpecError);
  });
});

describe('validateModel: unknown fields', () => {
  const LIF = {
    name: 'lif',
    parameters: { tau: { default: 10 } },
    state: { v: { initial: 0 } },
    equations: { v: '(I - v) / tau' },
    threshold: 'v > 1',
    refractory: { period: '1', freeze: ['v'] },
  };
  const fieldOf = (spec: unknown): [string, string] => {
    try {
      validateModel(spec as ModelSpec);
    } catch (error) {
      return [(error as ModelSpecError).field, (error as ModelSpecError).message];
    }
    throw new Error('no error');
  };

  test('a typo at any level is an error naming the field and the one meant', () => {
    expect(fieldOf({ ...LIF, equation: {} })).toEqual([
      'equation',
      expect.stringContaining('unknown field; did you mean "equations"?') as unknown as string,
    ]);
    expect(fieldOf({ ...LIF, parameters: { tau: { default: 10, constriant: 'positive' } } })).toEqual([
      'parameters.tau.constriant',
      expect.stringContaining('did you mean "constraint"?') as unknown as string,
    ]);
    expect(fieldOf({ ...LIF, state: { v: { initial: 0, init: 1 } } })[0]).toBe('state.v.init');
    expect(fieldOf({ ...LIF, refractory: { period: '1', freeze: ['v'], hold: [] } })[0]).toBe(
      'refractory.hold',
    );
    expect(fieldOf({ ...LIF, bounds: { v: { low: '0' } } })[0]).toBe('bounds.v.low');
  });
});
