import { describe, expect, test } from 'vitest';
import { ScenarioError } from '../errors.js';
import { INLINE_LIF, schemaValidators } from '../testing/fixtures.js';
import { isNetworkScenario, loadNetworkScenario } from './parse-network-scenario.js';

/** Two LIF populations driven by a Poisson pool and a list of spikes. */
// biome-ignore lint/suspicious/noExplicitAny: the tests edit the parsed JSON at any depth, as a file would hold it.
function network(): Record<string, any> {
  return {
    description: 'a small test network',
    network: {
      dt: 0.1,
      duration: 20,
      populations: [
        {
          name: 'exc',
          model: 'lif',
          n: 4,
          params: { tau: 20 },
          init: { v: { uniform: [-60, -50], seed: 1 } },
        },
        { name: 'inh', model: 'lif', n: 2, input: [0.1, 0.2], init: { v: -55 } },
      ],
      sources: [
        { name: 'noise', kind: 'poisson', n: 10, rate: 5, seed: 3 },
        {
          name: 'cue',
          kind: 'spikes',
          n: 2,
          times: [
            [1.5, 0],
            [2, 1],
          ],
        },
      ],
      projections: [
        {
          source: 'exc',
          target: ['exc', 'inh'],
          synapse: { onPre: 'v += w', variables: { w: 0.5 } },
          connector: { kind: 'fixed-probability', probability: 0.5, seed: 7 },
          delay: 1.5,
        },
        {
          source: 'noise',
          target: 'exc',
          synapse: { onPre: 'v += 0.2' },
          connector: { kind: 'fixed-in-degree', inDegree: 3, seed: 8 },
        },
      ],
      monitors: { spikes: ['exc', 'cue'], state: [{ population: 'inh', vars: ['v'], stride: 10 }] },
    },
  };
}

/** The field path and detail a network scenario is rejected with. */
function rejection(value: unknown): { path: string; detail: string } {
  try {
    loadNetworkScenario(value);
  } catch (error) {
    if (error instanceof ScenarioError) return { path: error.path, detail: error.detail };
    throw error;
  }
  throw new Error('accepted');
}

const validators = schemaValidators();

describe('network scenarios', () => {
  test('a network file is told apart by its "network" field', () => {
    expect(isNetworkScenario(network())).toBe(true);
    expect(isNetworkScenario({ model: 'lif', n: 1, steps: 1 })).toBe(false);
    expect(isNetworkScenario([])).toBe(false);
  });

  test('a valid network loads, with steps from the duration and each population’s model', () => {
    const loaded = loadNetworkScenario(network());
    expect(loaded.steps).toBe(200);
    expect(loaded.models.get('exc')?.name).toBe('lif');
    expect(loaded.scenario).toEqual(network());
    expect(validators.scenario(network()), JSON.stringify(validators.scenario.errors)).toBe(true);
  });

  test('unknown fields are named with the field most likely meant, at any level', () => {
    const typo = network();
    typo.network.projections[0].conector = typo.network.projections[0].connector;
    delete typo.network.projections[0].connector;
    expect(rejection(typo)).toEqual({
      path: 'scenario.network.projections[0].conector',
      detail: expect.stringContaining('did you mean "connector"?'),
    });
    expect(validators.scenario(typo)).toBe(false);
    const param = network();
    param.network.populations[0].params = { tua: 20 };
    expect(rejection(param)).toEqual({
      path: 'scenario.network.populations[0].params.tua',
      detail: expect.stringContaining('did you mean "tau"?'),
    });
    expect(validators.scenario(param)).toBe(false);
  });

  test('a connector’s kind picks its fields', () => {
    const wrongKind = network();
    wrongKind.network.projections[0].connector = { kind: 'fixed-probabilty', probability: 0.1, seed: 1 };
    expect(rejection(wrongKind)).toEqual({
      path: 'scenario.network.projections[0].connector.kind',
      detail: expect.stringMatching(
        /^expected one of "all-to-all", .*"fixed-probability".*, got "fixed-probabilty"$/,
      ),
    });
    const missing = network();
    missing.network.projections[0].connector = { kind: 'fixed-in-degree', seed: 1 };
    expect(rejection(missing)).toEqual({
      path: 'scenario.network.projections[0].connector.inDegree',
      detail: 'required field is missing',
    });
    expect(validators.scenario(missing)).toBe(false);
  });

  test('names must be unique and projections must name groups that exist', () => {
    const twice = network();
    twice.network.sources[0].name = 'exc';
    expect(rejection(twice).path).toBe('scenario.network.sources[0].name');
    const unknown = network();
    unknown.network.projections[1].source = 'nois';
    expect(rejection(unknown)).toEqual({
      path: 'scenario.network.projections[1].source',
      detail: 'no group is named "nois" (groups: "exc", "inh", "noise", "cue")',
    });
    const intoSource = network();
    intoSource.network.projections[0].target = ['exc', 'noise'];
    expect(rejection(intoSource)).toEqual({
      path: 'scenario.network.projections[0].target[1]',
      detail: '"noise" is a spike source; only populations receive synapses (populations: exc, inh)',
    });
  });

  test('steps or duration, exactly one', () => {
    const both = network();
    both.network.steps = 10;
    expect(rejection(both).path).toBe('scenario.network');
    const neither = network();
    delete neither.network.duration;
    expect(rejection(neither).detail).toContain('"steps" and "duration"');
  });

  test('lengths that depend on n, spike indices and monitored state are checked', () => {
    const input = network();
    input.network.populations[1].input = [1, 2, 3];
    expect(rejection(input)).toEqual({
      path: 'scenario.network.populations[1].input',
      detail: 'expected one number or 2 numbers (one per neuron), got 3',
    });
    const index = network();
    index.network.sources[1].times = [[1, 2]];
    expect(rejection(index).path).toBe('scenario.network.sources[1].times[0][1]');
    const both = network();
    both.network.sources[1].spikes = [[1, 0]];
    expect(rejection(both).detail).toContain('exactly one of "spikes"');
    const state = network();
    state.network.monitors.state[0].vars = ['u'];
    expect(rejection(state)).toEqual({
      path: 'scenario.network.monitors.state[0].vars[0]',
      detail: 'model "lif" has no state "u" (state: v)',
    });
    const init = network();
    init.network.populations[0].init = { v: { uniform: [0, 1], sed: 1 } };
    expect(rejection(init).path).toBe('scenario.network.populations[0].init.v.sed');
  });

  test('parameter values are core’s to check, reported at their scenario path', () => {
    const bad = network();
    bad.network.populations[0].params = { tau: -1 };
    expect(rejection(bad).path).toBe('scenario.network.populations[0].params.tau');
  });

  test('a population names a model of the network’s "models" or of the library', () => {
    const own = network();
    own.network.models = { cell: { ...INLINE_LIF } };
    own.network.populations[1].model = 'cell';
    expect(loadNetworkScenario(own).models.get('inh')?.name).toBe('tiny-lif');
    expect(validators.scenario(own), JSON.stringify(validators.scenario.errors)).toBe(true);
    own.network.populations[1].model = 'cel';
    expect(rejection(own)).toEqual({
      path: 'scenario.network.populations[1].model',
      detail: expect.stringMatching(/^no model is named "cel" .*; did you mean "cell"\?$/),
    });
    const broken = network();
    broken.network.models = { cell: { ...INLINE_LIF, threshold: 'v >=' } };
    expect(rejection(broken).path).toBe('scenario.network.models.cell');
  });
});
