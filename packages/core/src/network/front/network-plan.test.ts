import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../backend.js';
import { MemoryLimitError, NetworkError, ParameterError } from '../../errors.js';
import { LIF_MODEL } from '../../model/library/index.js';
import { drawUniformBetween } from '../../random/draws.js';
import { interpreterBackend } from '../../reference/interpreter-backend.js';
import type {
  NetworkKernel,
  NetworkPlan,
  PlanPoissonSource,
  PlanPopulation,
  PlanSpikeTrains,
} from '../kernel/contract.js';
import { Network } from '../network.js';
import { normal, uniform } from './random-init.js';

/** A backend that hands the plan it is given to the test and serves state from the plan's initial values. */
function planCatcher(): { backend: Backend; plans: NetworkPlan[] } {
  const plans: NetworkPlan[] = [];
  const backend: Backend = {
    ...interpreterBackend(),
    createNetworkKernel(plan: NetworkPlan): NetworkKernel {
      plans.push(plan);
      const group = (g: number) => plan.groups[g] as PlanPopulation;
      return {
        description: 'plan catcher',
        readState: (g, name) => Float64Array.from(group(g).initial.get(name)!),
        writeState: () => {},
        readSynapses: (p, name) => Float64Array.from(plan.projections[p]!.variables.get(name)!),
        run: () => {},
        clearEvents: () => {},
        dispose: () => {},
      };
    },
  };
  return { backend, plans };
}

function builtPlan(net: Network, plans: NetworkPlan[]): NetworkPlan {
  net.run({ steps: 0 });
  return plans.at(-1)!;
}

describe('network plan: populations', () => {
  it('carries the model program split at the spikes, parameters, input and float64 initial state per row', () => {
    const { backend, plans } = planCatcher();
    const net = new Network({ backend, dt: 0.1, dtype: 'float64', batchSize: 2 });
    const exc = net.population(LIF_MODEL, {
      n: 3,
      name: 'exc',
      params: { tau: [10, 20, 30] },
      init: { v: [-60, -61, -62] },
      input: 0.5,
    });
    const plan = builtPlan(net, plans);
    expect(plan).toMatchObject({ specificationVersion: 'v1', dt: 0.1, dtype: 'float64', batchSize: 2 });
    const group = plan.groups[exc.index] as PlanPopulation;
    expect(group).toMatchObject({ kind: 'population', name: 'exc', n: 3 });
    expect(group.phased.program.spikes).toBe('s');
    expect(group.phased.integrate.at(-1)).toMatchObject({ kind: 'set', name: 's' });
    expect(group.parameters.get('tau')).toEqual(new Float64Array([10, 20, 30]));
    expect(group.input).toEqual(new Float64Array([0.5, 0.5, 0.5]));
    expect(group.initial.get('v')).toEqual(new Float64Array([-60, -61, -62, -60, -61, -62]));
    expect(group.initial.get('s')).toEqual(new Float64Array(6));
  });

  it('takes the model initial value where init gives none, and batchSize*n values as given', () => {
    const { backend, plans } = planCatcher();
    const net = new Network({ backend, batchSize: 2 });
    const a = net.population(LIF_MODEL, { n: 2, params: { restPot: -70 } });
    const b = net.population(LIF_MODEL, { n: 2, init: { v: [1, 2, 3, 4] } });
    const plan = builtPlan(net, plans);
    expect((plan.groups[a.index] as PlanPopulation).initial.get('v')).toEqual(new Float64Array(4).fill(-70));
    expect((plan.groups[b.index] as PlanPopulation).initial.get('v')).toEqual(new Float64Array([1, 2, 3, 4]));
    expect([a.name, b.name]).toEqual(['lif', 'lif_1']);
  });

  it('draws a random init per neuron and batch row at index row*n + j; row 0 equals a batch of one', () => {
    const draw = (batchSize: number) => {
      const { backend, plans } = planCatcher();
      const net = new Network({ backend, dtype: 'float64', batchSize });
      const pop = net.population(LIF_MODEL, { n: 4, init: { v: uniform(-60, -50, { seed: 3, stream: 1 }) } });
      return (builtPlan(net, plans).groups[pop.index] as PlanPopulation).initial.get('v')!;
    };
    const batch = draw(3);
    for (let k = 0; k < 12; k++) expect(batch[k]).toBe(drawUniformBetween(3, 1, 0, k, -60, -50));
    expect(draw(1)).toEqual(batch.subarray(0, 4));
  });

  it('checks population options as a Population does', () => {
    const { backend } = planCatcher();
    const net = new Network({ backend });
    expect(() => net.population(LIF_MODEL, { n: 2, params: { tua: 1 } })).toThrow(/did you mean "tau"/);
    expect(() => net.population(LIF_MODEL, { n: 2, init: { v: [1, 2, 3] } })).toThrow(ParameterError);
    expect(() => net.population(LIF_MODEL, { n: 2, init: { s: normal(0, 1, { seed: 1 }) } })).toThrow(
      /0 or 1/,
    );
    expect(() => net.population(LIF_MODEL, { n: 2, input: [1, 2, 3] })).toThrow(/n = 2/);
    expect(() => net.population(LIF_MODEL, { n: 2, input: Number.NaN })).toThrow(/finite/);
  });
});

describe('network plan: spike sources', () => {
  it('sorts given spikes by step, then neuron', () => {
    const { backend, plans } = planCatcher();
    const net = new Network({ backend });
    const source = net.spikeSource({
      n: 3,
      spikes: [
        [5, 2],
        [1, 1],
        [5, 0],
        [0, 2],
      ],
    });
    const group = builtPlan(net, plans).groups[source.index] as PlanSpikeTrains;
    expect(group.kind).toBe('spike-trains');
    expect([...group.steps]).toEqual([0, 1, 5, 5]);
    expect([...group.indices]).toEqual([2, 1, 0, 2]);
    expect(source).toMatchObject({ kind: 'spike-source', source: 'spike-trains', name: 'spikes', n: 3 });
  });

  it("puts a spike time into step int((t + dt/1000) / dt), as Brian2's SpikeGeneratorGroup does", () => {
    const { backend, plans } = planCatcher();
    const net = new Network({ backend, dt: 0.1 });
    // 0.3 / 0.1 is 2.9999999999999996 in floating point: the shift keeps it on step 3.
    const source = net.spikeSource({
      n: 1,
      times: [
        [0.3, 0],
        [0.25, 0],
        [0.1989, 0],
        [0, 0],
      ],
    });
    const group = builtPlan(net, plans).groups[source.index] as PlanSpikeTrains;
    expect([...group.steps]).toEqual([0, 1, 2, 3]);
  });

  it('refuses a neuron spiking twice in one step, naming both entries', () => {
    const { backend } = planCatcher();
    const net = new Network({ backend, dt: 0.1 });
    expect(() =>
      net.spikeSource({
        n: 2,
        times: [
          [1.0, 1],
          [0.5, 0],
          [1.04, 1],
        ],
      }),
    ).toThrow(/times\[0\] and times\[2\] make neuron 1 spike twice in step 10/);
    expect(() => net.spikeSource({ n: 2, spikes: [[3, 2]] })).toThrow(/neuron 2, outside 0 \.\. 1/);
    expect(() => net.spikeSource({ n: 2, spikes: [[-1, 0]] })).toThrow(/whole numbers >= 0/);
    expect(() => net.spikeSource({ n: 2, times: [[Number.NaN, 0]] })).toThrow(NetworkError);
    expect(() => net.spikeSource({ n: 2, spikes: [], times: [] })).toThrow(/not both/);
  });

  it('turns Poisson rates into per-step probabilities and refuses rates above 1000/dt', () => {
    const { backend, plans } = planCatcher();
    const net = new Network({ backend, dt: 0.5 });
    const noise = net.poissonSource({ n: 2, rate: [10, 2000], seed: 4, stream: 9 });
    const group = builtPlan(net, plans).groups[noise.index] as PlanPoissonSource;
    expect(group).toMatchObject({ kind: 'poisson', seed: 4, stream: 9, n: 2 });
    expect([...group.probabilities]).toEqual([(10 * 0.5) / 1000, 1]);
    const other = new Network({ backend, dt: 0.5 });
    expect(() => other.poissonSource({ n: 2, rate: 2001, seed: 1 })).toThrow(/the most is 2000 Hz/);
    expect(() => other.poissonSource({ n: 2, rate: -1, seed: 1 })).toThrow(NetworkError);
    expect(() => other.poissonSource({ n: 2, rate: [1], seed: 1 })).toThrow(/n = 2 values/);
    expect(() => other.poissonSource({ n: 2, rate: 1, seed: 1.5 })).toThrow(NetworkError);
  });
});

describe('network errors', () => {
  it('names the backends that run networks when a backend does not', () => {
    const { createNetworkKernel: _, ...populationsOnly } = interpreterBackend();
    expect(() => new Network({ backend: populationsOnly as Backend })).toThrow(
      /backend "interpreter" does not run networks; use js .* or wasm/,
    );
  });

  it('refuses bad sizes, groups of another network, and additions after the network was built', () => {
    const { backend } = planCatcher();
    const net = new Network({ backend });
    const other = new Network({ backend });
    expect(() => net.population(LIF_MODEL, { n: 0 })).toThrow(NetworkError);
    expect(() => net.spikeSource({ n: 1.5 })).toThrow(/n must be a whole number/);
    const foreign = other.population(LIF_MODEL, { n: 1 });
    expect(() => net.spikeMonitor(foreign)).toThrow(/belongs to another network/);
    const pop = net.population(LIF_MODEL, { n: 1, name: 'exc' });
    expect(() => net.population(LIF_MODEL, { n: 1, name: 'exc' })).toThrow(/already has a group named "exc"/);
    net.run({ steps: 1 });
    expect(() => net.population(LIF_MODEL, { n: 1 })).toThrow(/build the network .* before running it/);
    expect(() => net.spikeSource({ n: 1 })).toThrow(NetworkError);
    expect(net.spikeMonitor(pop).count).toBe(0);
  });

  it('refuses monitors of state a group does not have', () => {
    const { backend } = planCatcher();
    const net = new Network({ backend });
    const pop = net.population(LIF_MODEL, { n: 2, name: 'exc' });
    const source = net.spikeSource({ n: 2, name: 'ext' });
    expect(() => net.stateMonitor(source as never, ['v'])).toThrow(
      /"ext" is a spike source, which has no state/,
    );
    expect(() => net.stateMonitor(pop, ['vv'])).toThrow(/no state "vv" \(did you mean "v"\?\)/);
    expect(() => net.stateMonitor(pop, ['v'], { indices: [0, 2] })).toThrow(
      /indices\[1\] is 2, outside 0 \.\. 1/,
    );
    expect(() => net.stateMonitor(pop, ['v'], { stride: 0 })).toThrow(/stride/);
    expect(() => net.state(pop, 'u')).toThrow(NetworkError);
  });

  it('raises a MemoryLimitError before allocating a population over the limit', () => {
    const { backend } = planCatcher();
    const net = new Network({ backend, memoryLimitBytes: 10_000 });
    net.population(LIF_MODEL, { n: 100 });
    expect(() => net.population(LIF_MODEL, { n: 1000, name: 'big' })).toThrow(/population "big" needs/);
    expect(() => net.population(LIF_MODEL, { n: 1000 })).toThrow(MemoryLimitError);
    // The refused population's bytes are given back.
    expect(() => net.population(LIF_MODEL, { n: 100 })).not.toThrow();
  });

  it('raises DisposedError after dispose', () => {
    const { backend } = planCatcher();
    const net = new Network({ backend });
    const pop = net.population(LIF_MODEL, { n: 1 });
    net.dispose();
    expect(() => net.run(1)).toThrow(/network was disposed; create a new Network instead/);
    expect(() => net.state(pop, 'v')).toThrow(/disposed/);
    expect(() => net.population(LIF_MODEL, { n: 1 })).toThrow(/disposed/);
  });
});

describe('spike lists, for any input', () => {
  it('come out sorted by step, then neuron, holding exactly the given spikes', () => {
    const { backend, plans } = planCatcher();
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.nat(50), fc.nat(7)), { selector: ([step, index]) => `${step}:${index}` }),
        (spikes) => {
          const net = new Network({ backend });
          const source = net.spikeSource({ n: 8, spikes });
          const group = builtPlan(net, plans).groups[source.index] as PlanSpikeTrains;
          const pairs = [...group.steps].map((step, q) => [step, group.indices[q]!] as const);
          const sorted = [...spikes].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(pairs).toEqual(sorted);
        },
      ),
      { numRuns: 100 },
    );
  });
});
