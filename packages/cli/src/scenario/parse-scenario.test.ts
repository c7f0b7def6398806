import { describe, expect, test } from 'vitest';
import { ScenarioError } from '../errors.js';
import { INLINE_LIF } from '../testing/fixtures.js';
import { parseScenario } from './parse-scenario.js';

const BRIEF_EXAMPLE = {
  model: 'elif',
  n: 8,
  batchSize: 1,
  dt: 0.1,
  steps: 3000,
  params: {
    tau: 10,
    threshold: -52,
    thetaRh: -60,
    deltaT: 1,
    restPot: -62,
    resetPot: -62,
    refracLength: 5,
    R: 20,
    lowerBound: null,
  },
  refractory: 'steps',
  traces: { enabled: true, additive: false, traceTau: 10, traceScale: 1 },
  input: { constant: [0.04, 0.05, 0.051, 0.06, 0.1, 0.5, 1, 10] },
};

/** The message parseScenario throws for `value`. */
function errorOf(value: unknown): string {
  try {
    parseScenario(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected parseScenario to throw');
}

const base = { model: 'elif', n: 4, steps: 100 };

describe('parseScenario accepts', () => {
  test('the documented example unchanged', () => {
    expect(parseScenario(BRIEF_EXAMPLE)).toEqual(BRIEF_EXAMPLE);
  });

  test('a minimal scenario, leaving defaults to the core', () => {
    expect(parseScenario(base)).toEqual(base);
  });

  test('per-neuron parameters, [batch][n] and linspace inputs, steps inputs and recording', () => {
    const scenario = {
      ...base,
      batchSize: 2,
      steps: 2,
      dtype: 'float64',
      refractory: 'seed',
      sumInput: true,
      params: { tau: [10, 11, 12, 13], lowerBound: -70 },
      traces: { traceScale: [1, 2, 3, 4] },
      input: {
        steps: [
          [
            [0, 0, 0, 0],
            [1, 1, 1, 1],
          ],
          [
            [2, 2, 2, 2],
            [3, 3, 3, 3],
          ],
        ],
      },
      record: { vars: ['v', 'traces'], vStride: 3 },
    };
    expect(parseScenario(scenario)).toEqual(scenario);
    const rows = {
      ...base,
      batchSize: 2,
      input: {
        constant: [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
      },
    };
    expect(parseScenario(rows)).toEqual(rows);
    const linspace = { ...base, input: { constant: { linspace: [0, 1] } } };
    expect(parseScenario(linspace)).toEqual(linspace);
  });
});

describe('parseScenario names the field path of each mistake', () => {
  test('a non-number deep inside [batch][n] constants', () => {
    const scenario = {
      ...base,
      batchSize: 2,
      input: {
        constant: [
          [0, 0, 0, 0],
          [0, 0, 0, 'x'],
        ],
      },
    };
    expect(errorOf(scenario)).toBe('scenario.input.constant[1][3]: expected a finite number, got "x"');
  });

  test('unknown fields at the top, in params, traces, input and record', () => {
    expect(errorOf({ ...base, nn: 3 })).toBe(
      'scenario.nn: unknown field; expected one of model, n, batchSize, dt, steps, dtype, integrator, refractory, sumInput, params, init, traces, input, record; did you mean "n"?',
    );
    expect(errorOf({ ...base, params: { tauu: 3 } })).toMatch(
      /^scenario\.params\.tauu: unknown field; expected one of tau, /,
    );
    expect(errorOf({ ...base, traces: { on: true } })).toMatch(/^scenario\.traces\.on: unknown field/);
    expect(errorOf({ ...base, input: { constant: { linspace: [0, 1], by: 2 } } })).toMatch(
      /^scenario\.input\.constant\.by: unknown field; expected one of linspace$/,
    );
    expect(errorOf({ ...base, record: { stride: 2 } })).toBe(
      'scenario.record.stride: unknown field; expected one of vars, vStride; did you mean "vStride"?',
    );
    expect(errorOf({ ...base, record: { every: 2 } })).toBe(
      'scenario.record.every: unknown field; expected one of vars, vStride',
    );
  });

  test('an unknown field close to a known one gets a "did you mean"', () => {
    expect(errorOf({ ...base, integrater: 'rk4' })).toMatch(
      /^scenario\.integrater: unknown field; .*; did you mean "integrator"\?$/,
    );
    expect(errorOf({ ...base, params: { tauu: 3 } })).toMatch(/; did you mean "tau"\?$/);
    expect(errorOf({ ...base, params: { thetarh: 3 } })).toMatch(/; did you mean "thetaRh"\?$/);
    expect(errorOf({ ...base, traces: { enable: true } })).toMatch(/; did you mean "enabled"\?$/);
    expect(errorOf({ ...base, input: { const: 1 } })).toMatch(/; did you mean "constant"\?$/);
    // "nope" starts with "n", but a one-letter name is no shortening of it.
    expect(errorOf({ ...base, nope: 1 })).toMatch(/; expected one of [^;]*$/);
  });

  test('missing and wrongly typed top-level fields', () => {
    expect(errorOf({ model: 'elif', n: 4 })).toBe('scenario.steps: required field is missing');
    expect(errorOf({ ...base, model: 'lif2' })).toBe(
      'scenario.model: expected a model library name (if, lif, qif, elif, adex, adaptive-lif, izhikevich, lif-exp-synapse, cuba-lif) or a model spec object, got "lif2"',
    );
    expect(errorOf({ ...base, model: ['elif'] })).toMatch(
      /^scenario\.model: expected a model library name .* got an array of 1 item$/,
    );
    expect(errorOf({ ...base, n: '4' })).toBe('scenario.n: expected a positive integer, got "4"');
    expect(errorOf({ ...base, dt: 0 })).toBe('scenario.dt: expected a finite number > 0, got 0');
    expect(errorOf({ ...base, dtype: 'float16' })).toBe(
      'scenario.dtype: expected one of "float32", "float64", got "float16"',
    );
    expect(errorOf({ ...base, traces: { enabled: 'yes' } })).toBe(
      'scenario.traces.enabled: expected true or false, got "yes"',
    );
    expect(errorOf([])).toBe('scenario: expected an object, got an array of 0 items');
  });

  test('steps that are not a positive integer', () => {
    expect(errorOf({ ...base, steps: 0 })).toBe('scenario.steps: expected a positive integer, got 0');
    expect(errorOf({ ...base, steps: 2.5 })).toBe('scenario.steps: expected a positive integer, got 2.5');
    expect(errorOf({ ...base, steps: null })).toBe('scenario.steps: expected a positive integer, got null');
  });

  test('wrong array lengths for inputs and parameters', () => {
    expect(errorOf({ ...base, input: { constant: [1, 2, 3] } })).toBe(
      'scenario.input.constant: expected an array of 4 numbers (one per neuron, n = 4), got an array of 3 items',
    );
    expect(errorOf({ ...base, batchSize: 3, input: { constant: [[1, 2, 3, 4]] } })).toBe(
      'scenario.input.constant: expected an array of 3 rows (batchSize = 3) of n = 4 numbers, got an array of 1 item',
    );
    expect(errorOf({ ...base, steps: 2, input: { steps: [[[1, 2, 3, 4]]] } })).toBe(
      'scenario.input.steps: expected an array of 2 [batchSize][n] blocks (one per step, steps = 2), got an array of 1 item',
    );
    expect(errorOf({ ...base, params: { tau: [10, 10] } })).toBe(
      'scenario.params.tau: parameter "tau" of model "elif" has 2 values; expected one number or one per neuron (n = 4)',
    );
    expect(errorOf({ ...base, input: { constant: { linspace: [0] } } })).toBe(
      'scenario.input.constant.linspace: expected an array of 2 numbers [from, to], got an array of 1 item',
    );
  });

  test('non-finite and out-of-range numbers', () => {
    // JSON.parse turns 1e999 into Infinity.
    expect(errorOf(JSON.parse('{"model":"elif","n":1,"steps":1,"input":{"constant":1e999}}'))).toBe(
      'scenario.input.constant: expected a finite number, got Infinity',
    );
    expect(errorOf({ ...base, steps: 1, input: { steps: [[[0, 0, 'NaN', 0]]] } })).toBe(
      'scenario.input.steps[0][0][2]: expected a finite number, got "NaN"',
    );
    expect(errorOf({ ...base, params: { tau: [10, 10, -1, 10] } })).toBe(
      'scenario.params.tau[2]: parameter "tau" of model "elif"[2] must be > 0, got -1',
    );
    expect(errorOf({ ...base, params: { refracLength: -1 } })).toBe(
      'scenario.params.refracLength: parameter "refracLength" of model "elif" must be >= 0, got -1',
    );
    expect(errorOf({ ...base, traces: { traceTau: 0 } })).toBe(
      'scenario.traces.traceTau: parameter "traceTau" of model "elif" must be > 0, got 0',
    );
  });

  test('null only where the model allows it, per-neuron only where it allows it', () => {
    expect(errorOf({ ...base, params: { tau: null } })).toBe(
      'scenario.params.tau: parameter "tau" of model "elif" cannot be null',
    );
    expect(errorOf({ ...base, params: { lowerBound: [1, 2, 3, 4] } })).toBe(
      'scenario.params.lowerBound: parameter "lowerBound" of model "elif" is one value for the whole population, not one per neuron',
    );
  });

  test('input with both or neither of constant and steps', () => {
    expect(errorOf({ ...base, input: {} })).toBe(
      'scenario.input: expected exactly one of "constant" or "steps"',
    );
    expect(errorOf({ ...base, input: { constant: 1, steps: [] } })).toBe(
      'scenario.input: expected exactly one of "constant" or "steps"',
    );
  });

  test('recording: unknown names, duplicates, bad stride', () => {
    expect(errorOf({ ...base, record: { vars: ['v', 'u'] } })).toBe(
      'scenario.record.vars[1]: expected a state variable of model "elif" (v), "traces" or "refractory", got "u"',
    );
    expect(errorOf({ ...base, record: { vars: ['v', 'v'] } })).toBe(
      'scenario.record.vars[1]: "v" is listed twice',
    );
    expect(errorOf({ ...base, record: { vars: 'v' } })).toBe(
      'scenario.record.vars: expected an array of state variable names, got "v"',
    );
    expect(errorOf({ ...base, record: { vStride: 0 } })).toBe(
      'scenario.record.vStride: expected a positive integer, got 0',
    );
  });
});

describe('parseScenario: init', () => {
  test('initial state by name: one number, or an array of numbers', () => {
    const scenario = { ...base, init: { v: [-70, -65, -60, -55] } };
    expect(parseScenario(scenario)).toEqual(scenario);
    expect(parseScenario({ model: 'adex', n: 2, steps: 1, init: { v: -65, w: [0, 10] } }).init).toEqual({
      v: -65,
      w: [0, 10],
    });
  });

  test('only the model’s state, and only finite numbers', () => {
    expect(errorOf({ ...base, init: { u: 1 } })).toBe('scenario.init.u: unknown field; expected one of v');
    expect(errorOf({ model: 'adex', n: 1, steps: 1, init: { W: 1 } })).toBe(
      'scenario.init.W: unknown field; expected one of v, w; did you mean "w"?',
    );
    expect(errorOf({ ...base, init: { v: [-70, 'x'] } })).toBe(
      'scenario.init.v[1]: expected a finite number, got "x"',
    );
    expect(errorOf({ ...base, init: { v: [] } })).toBe(
      'scenario.init.v: expected a non-empty array of finite numbers, got an array of 0 items',
    );
    expect(errorOf({ ...base, init: 3 })).toBe('scenario.init: expected an object, got 3');
  });
});

describe('parseScenario for any model', () => {
  test('a library model by name: its parameters are checked against its specs', () => {
    const adex = { model: 'adex', n: 3, steps: 10, params: { a: [2, 4, 6], b: 0, tauW: 100 } };
    expect(parseScenario(adex)).toEqual(adex);
    expect(errorOf({ ...adex, params: { tau: 10 } })).toBe(
      'scenario.params.tau: unknown field; expected one of C, gL, EL, VT, deltaT, tauW, a, b, vReset, vPeak, refracLength; did you mean "tauW"?',
    );
    expect(errorOf({ ...adex, params: { C: 0 } })).toBe(
      'scenario.params.C: parameter "C" of model "adex" must be > 0, got 0',
    );
    expect(errorOf({ ...adex, params: { vPeak: null } })).toBe(
      'scenario.params.vPeak: parameter "vPeak" of model "adex" cannot be null',
    );
    // ELIF's vPeak is nullable and one value for all.
    expect(parseScenario({ ...base, params: { vPeak: null } }).params).toEqual({ vPeak: null });
  });

  test('an inline model spec is kept as written, and its parameters are the ones checked', () => {
    const scenario = { model: INLINE_LIF, n: 2, steps: 10, params: { tau: [5, 10] } };
    const parsed = parseScenario(scenario);
    expect(parsed).toEqual(scenario);
    expect(parsed.model).toBe(INLINE_LIF);
    expect(errorOf({ ...scenario, params: { thetaRh: -60 } })).toBe(
      'scenario.params.thetaRh: unknown field; expected one of tau, R, restPot, resetPot, threshold',
    );
  });

  test('an invalid inline model is an error at scenario.model with core’s caret message', () => {
    const bad = { ...INLINE_LIF, reset: { v: 'resetPot +' } };
    expect(errorOf({ ...base, model: bad })).toBe(
      'scenario.model: model "tiny-lif", reset of v: unexpected end of expression at column 11\n  resetPot +\n            ^',
    );
  });

  test('integrator: one of the core’s schemes', () => {
    for (const integrator of ['euler', 'rk2', 'rk4', 'exponential-euler']) {
      expect(parseScenario({ ...base, integrator }).integrator).toBe(integrator);
    }
    expect(errorOf({ ...base, integrator: 'rk45' })).toBe(
      'scenario.integrator: expected one of "euler", "rk2", "rk4", "exponential-euler", got "rk45"',
    );
  });

  test('record.vars: any state of the model, and the population’s own state where it keeps it', () => {
    const record = (model: unknown, vars: unknown[], extra = {}) =>
      parseScenario({ model, n: 1, steps: 1, record: { vars }, ...extra }).record?.vars;
    expect(record('adex', ['v', 'w', 'traces', 'refractory'])).toEqual(['v', 'w', 'traces', 'refractory']);
    expect(record('izhikevich', ['u'])).toEqual(['u']);
    expect(record('adaptive-lif', ['theta', 'v'])).toEqual(['theta', 'v']);
    expect(record('lif', ['summedInput'], { sumInput: true })).toEqual(['summedInput']);
    expect(errorOf({ model: 'izhikevich', n: 1, steps: 1, record: { vars: ['v', 'w'] } })).toBe(
      'scenario.record.vars[1]: expected a state variable of model "izhikevich" (v, u) or "traces", got "w"',
    );
    expect(errorOf({ model: 'adex', n: 1, steps: 1, record: { vars: ['s'] } })).toBe(
      'scenario.record.vars[0]: expected a state variable of model "adex" (v, w), "traces" or "refractory", got "s"',
    );
    expect(errorOf({ model: 'lif', n: 1, steps: 1, record: { vars: ['summedInput'] } })).toMatch(
      /^scenario\.record\.vars\[0\]: expected a state variable of model "lif" \(v\), "traces" or "refractory", got/,
    );
  });

  test('refractory is accepted, without effect, for a model without a refractory period', () => {
    expect(parseScenario({ model: 'izhikevich', n: 1, steps: 1, refractory: 'seed' }).refractory).toBe(
      'seed',
    );
  });

  test('spike traces need a threshold; turning them off always works', () => {
    const silent = {
      name: 'leak',
      parameters: { tau: { default: 10 } },
      state: { x: { initial: 1 } },
      equations: { x: '-x / tau' },
    };
    const scenario = { model: silent, n: 1, steps: 1 };
    expect(parseScenario({ ...scenario, traces: { enabled: false } }).traces).toEqual({ enabled: false });
    expect(errorOf({ ...scenario, traces: { enabled: true } })).toBe(
      'scenario.traces.enabled: model "leak" has no threshold, so it never spikes and has no spike traces',
    );
    expect(errorOf({ ...scenario, traces: { traceTau: 5 } })).toMatch(
      /^scenario\.traces\.traceTau: model "leak"/,
    );
    expect(errorOf({ ...scenario, record: { vars: ['traces'] } })).toBe(
      'scenario.record.vars[0]: expected a state variable of model "leak" (x), got "traces"',
    );
  });
});
