import { jsBackend } from '@synapticflow/backend-js';
import { ParameterError } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { ScenarioError } from '../errors.js';
import { parseScenario } from './parse-scenario.js';
import { createPopulation } from './to-population.js';

function scenarioErrorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

/** A model whose one parameter is `positive`: a constraint only core knows how to check. */
const GAIN_MODEL = {
  name: 'gain',
  parameters: { gain: { default: 1, constraint: 'positive' } },
  state: { x: { initial: 0 } },
  equations: { x: '-gain * x + I' },
};

describe('scenario values are checked by core, errors placed at the scenario path', () => {
  test('a bad per-neuron parameter: scenario.params.tau[3], from core’s ParameterError', () => {
    const error = scenarioErrorOf(() =>
      parseScenario({ model: 'elif', n: 4, steps: 1, params: { tau: [10, 10, 10, -2] } }),
    );
    expect(error.path).toBe('scenario.params.tau[3]');
    expect(error.message).toBe(
      'scenario.params.tau[3]: parameter "tau" of model "elif"[3] must be > 0, got -2',
    );
    expect(error.cause).toBeInstanceOf(ParameterError);
    expect((error.cause as ParameterError).path).toEqual({ field: 'params', name: 'tau', index: 3 });
  });

  test('a constraint is core’s: a `positive` parameter given 0 fails with core’s error and code', () => {
    const error = scenarioErrorOf(() =>
      parseScenario({ model: GAIN_MODEL, n: 2, steps: 1, params: { gain: [1, 0] } }),
    );
    expect(error.path).toBe('scenario.params.gain[1]');
    expect((error.cause as ParameterError).code).toBe('PARAMETER');
    // The same value without the constraint is fine: nothing in the CLI checks signs itself.
    const free = { ...GAIN_MODEL, parameters: { gain: { default: 1 } } };
    expect(parseScenario({ model: free, n: 2, steps: 1, params: { gain: [1, 0] } }).params).toEqual({
      gain: [1, 0],
    });
  });

  test('spike-trace parameters are reported under traces', () => {
    const error = scenarioErrorOf(() =>
      parseScenario({ model: 'lif', n: 2, steps: 1, traces: { traceTau: [5, 0] } }),
    );
    expect(error.path).toBe('scenario.traces.traceTau[1]');
    expect(error.cause).toBeInstanceOf(ParameterError);
  });

  test('init values are core’s to check when the population is built: scenario.init.v[3]', () => {
    const scenario = parseScenario({ model: 'lif', n: 4, steps: 1, init: { v: [-65, -65, -65, 1e39] } });
    const error = scenarioErrorOf(() => createPopulation(scenario, jsBackend()));
    expect(error.path).toBe('scenario.init.v[3]');
    expect(error.message).toMatch(
      /^scenario\.init\.v\[3\]: init\.v\[3\] is 1e\+39; expected a finite number in float32/,
    );
    expect((error.cause as ParameterError).path).toEqual({ field: 'init', name: 'v', index: 3 });
    const short = parseScenario({ model: 'lif', n: 4, steps: 1, init: { v: [-65, -65] } });
    expect(scenarioErrorOf(() => createPopulation(short, jsBackend())).path).toBe('scenario.init.v');
  });

  test('a 40,001-character unknown field or init name: a named error, no suggestion', () => {
    const long = `${'n'.repeat(40_000)}x`;
    const field = scenarioErrorOf(() => parseScenario({ model: 'lif', n: 1, steps: 1, [long]: 1 }));
    expect(field.path).toBe(`scenario.${long}`);
    expect(field.detail).not.toContain('did you mean');
    // The quadratic case: a long name against a long state name of the model.
    const state = 's'.repeat(40_001);
    const model = {
      name: 'long',
      parameters: {},
      state: { [state]: { initial: 0 } },
      equations: { [state]: '-1' },
    };
    const init = scenarioErrorOf(() =>
      parseScenario({ model, n: 1, steps: 1, init: { [`${'s'.repeat(40_000)}t`]: 1 } }),
    );
    expect(init.path).toBe(`scenario.init.${'s'.repeat(40_000)}t`);
    expect(init.detail).toBe(`unknown field; expected one of ${state}`);
  });
});
