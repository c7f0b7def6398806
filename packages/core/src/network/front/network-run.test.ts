import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLimitError, NetworkError, SynapseSpecError } from '../../errors.js';
import { LIF_MODEL } from '../../model/library/index.js';
import { Population, StateError } from '../../population/population.js';
import { interpreterBackend } from '../../reference/interpreter-backend.js';
import { Network } from '../network.js';
import { DelayError } from '../synapse/delay-error.js';
import { normal, uniform } from './random-init.js';

const backend = interpreterBackend();
const EXCITATORY = { onPre: 'v += w' };

describe('a network on the reference backend', () => {
  it('delivers an explicit spike as v += w after the delay, matching a hand calculation', () => {
    const net = new Network({ backend, dt: 0.1, dtype: 'float64' });
    const source = net.spikeSource({
      n: 1,
      name: 'ext',
      spikes: [
        [2, 0],
        [4, 0],
      ],
    });
    const cell = net.population(LIF_MODEL, { n: 1, name: 'cell' });
    net.connect(source, cell, { synapse: EXCITATORY, connector: { kind: 'one-to-one' }, w: 2, delay: 0.2 });
    const vm = net.stateMonitor(cell, ['v']);
    const spikes = net.spikeMonitor(source);
    net.run(1);

    // LIF by Euler: v += dt * (restPot - v) / tau with restPot -62, tau 10; events land 2 steps after emission.
    const expected: number[] = [];
    let v = -62;
    for (let k = 0; k < 10; k++) {
      v += (0.1 * (-62 - v)) / 10;
      if (k === 4 || k === 6) v += 2;
      expected.push(v);
    }
    expect([...vm.steps]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const recorded = vm.values('v');
    for (let k = 0; k < 10; k++) expect(recorded[k]).toBeCloseTo(expected[k]!, 12);
    expect(recorded[3]).toBe(-62);
    expect([...spikes.steps]).toEqual([2, 4]);
    expect([...spikes.times()]).toEqual([0.2, 0.4]);
    expect(net.stepCount).toBe(10);
    expect(net.time).toBeCloseTo(1, 12);
  });

  it('runs an unconnected population exactly as a Population with the same input', () => {
    const net = new Network({ backend, dtype: 'float32' });
    const pop = net.population(LIF_MODEL, { n: 3, input: [0.6, 1, 2] });
    const spikes = net.spikeMonitor(pop);
    net.run({ steps: 300 });
    const alone = new Population(LIF_MODEL, { backend, n: 3, dtype: 'float32' });
    const result = alone.run(300, { input: [0.6, 1, 2] });
    const steps: number[] = [];
    const indices: number[] = [];
    for (let k = 0; k < 300; k++) {
      for (let j = 0; j < 3; j++) {
        if (result.spikes![k * 3 + j]) {
          steps.push(k);
          indices.push(j);
        }
      }
    }
    expect(steps.length).toBeGreaterThan(5);
    expect([...spikes.steps]).toEqual(steps);
    expect([...spikes.indices]).toEqual(indices);
    expect(net.state(pop, 'v')).toEqual(alone.state('v'));
  });

  function recurrent(batchSize = 1, init: Record<string, unknown> = {}) {
    const net = new Network({ backend, dtype: 'float64', batchSize });
    const noise = net.poissonSource({ n: 20, rate: 400, seed: 3, name: 'noise' });
    const exc = net.population(LIF_MODEL, {
      n: 10,
      name: 'exc',
      init: { v: uniform(-62, -53, { seed: 1 }), ...init },
    });
    net.connect(noise, exc, {
      synapse: EXCITATORY,
      connector: { kind: 'fixed-probability', probability: 0.3, seed: 5 },
      w: 'rand() * 3',
      seed: 8,
      delay: 0.1,
    });
    net.connect(exc, exc, {
      synapse: EXCITATORY,
      connector: { kind: 'fixed-in-degree', inDegree: 3, seed: 6 },
      w: 0.8,
      delay: 'rand() * 0.5',
      seed: 9,
    });
    const spikes = net.spikeMonitor([noise, exc]);
    const vm = net.stateMonitor(exc, ['v'], { indices: [0, 5] });
    return { net, exc, spikes, vm };
  }

  it('reset() brings back the initial state and clears monitors: the second run repeats the first', () => {
    const { net, exc, spikes, vm } = recurrent();
    net.run(20);
    const first = { steps: spikes.steps, groups: spikes.groups, indices: spikes.indices, v: vm.values('v') };
    const state = net.state(exc, 'v');
    expect(spikes.ofGroup(exc).steps.length).toBeGreaterThan(0);
    net.reset();
    expect(net.stepCount).toBe(0);
    expect(spikes.count).toBe(0);
    expect(vm.steps.length).toBe(0);
    net.run(20);
    expect(spikes.steps).toEqual(first.steps);
    expect(spikes.groups).toEqual(first.groups);
    expect(spikes.indices).toEqual(first.indices);
    expect(vm.values('v')).toEqual(first.v);
    expect(net.state(exc, 'v')).toEqual(state);
  });

  it('run(a) then run(b) equals run(a + b): state, spikes and recordings', () => {
    const whole = recurrent();
    whole.net.run({ steps: 150 });
    const split = recurrent();
    split.net.run({ steps: 70 });
    split.net.run({ steps: 80 });
    expect(split.spikes.steps).toEqual(whole.spikes.steps);
    expect(split.spikes.indices).toEqual(whole.spikes.indices);
    expect(split.vm.steps).toEqual(whole.vm.steps);
    expect(split.vm.values('v')).toEqual(whole.vm.values('v'));
    expect(split.net.state(split.exc, 'v')).toEqual(whole.net.state(whole.exc, 'v'));
  });

  it('run(a) then run(b) equals run(a + b) for any split, events in flight included', () => {
    const whole = recurrent();
    const split = recurrent();
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), (a, b) => {
        whole.net.reset();
        split.net.reset();
        whole.net.run({ steps: a + b });
        split.net.run({ steps: a });
        split.net.run({ steps: b });
        expect(split.net.state(split.exc, 'v')).toEqual(whole.net.state(whole.exc, 'v'));
        expect(split.spikes.steps).toEqual(whole.spikes.steps);
        expect(split.spikes.indices).toEqual(whole.spikes.indices);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps batch rows independent: row b equals a batch of one started from row b', () => {
    const explicit = (batchSize: number, v: number[]) => {
      const net = new Network({ backend, dtype: 'float64', batchSize });
      const ext = net.spikeSource({
        n: 4,
        spikes: [
          [1, 0],
          [3, 2],
          [3, 3],
          [8, 1],
        ],
      });
      const pop = net.population(LIF_MODEL, { n: 4, init: { v } });
      net.connect(ext, pop, { synapse: EXCITATORY, connector: { kind: 'all-to-all' }, w: 'j + 1', delay: 0 });
      net.connect(pop, pop, { synapse: EXCITATORY, connector: { kind: 'all-to-all' }, w: 1.5, delay: 0.1 });
      const spikes = net.spikeMonitor(pop);
      net.run(3);
      return { v: net.state(pop, 'v'), spikes };
    };
    const rows = [
      [-62, -55, -58, -54],
      [-53, -60, -52.5, -56],
    ];
    const batch = explicit(2, rows.flat());
    for (const [b, row] of rows.entries()) {
      const single = explicit(1, row);
      expect(batch.v.subarray(b * 4, b * 4 + 4)).toEqual(single.v);
      const inRow = [...batch.spikes.rows.keys()].filter((q) => batch.spikes.rows[q] === b);
      expect(inRow.map((q) => batch.spikes.steps[q])).toEqual([...single.spikes.steps]);
      expect(inRow.map((q) => batch.spikes.indices[q])).toEqual([...single.spikes.indices]);
    }
    expect(new Set(batch.spikes.rows).size).toBe(2);
  });

  it('records monitors with the documented shapes', () => {
    const net = new Network({ backend, dtype: 'float32', batchSize: 2 });
    const pop = net.population(LIF_MODEL, {
      n: 4,
      input: [1, 1.5, 2, 2.5],
      init: { v: normal(-54, 1, { seed: 2 }) },
    });
    const vm = net.stateMonitor(pop, ['v', 's'], { indices: [3, 1], stride: 3 });
    const rate = net.rateMonitor(pop);
    const spikes = net.spikeMonitor(pop);
    net.run({ steps: 10 });
    net.run({ steps: 4 });
    expect([...vm.steps]).toEqual([0, 3, 6, 9, 10, 13]);
    const v = vm.values('v');
    expect(v.length).toBe(6 * 2 * 2);
    // After the last step, the last recorded row (step 13) holds neurons 3 and 1 of rows 0 and 1.
    const state = net.state(pop, 'v');
    expect([...v.subarray(20, 24)]).toEqual([state[3], state[1], state[7], state[5]]);
    expect(rate.counts.length).toBe(14);
    const perStep = new Array<number>(14).fill(0);
    for (const step of spikes.steps) perStep[step]!++;
    expect([...rate.counts]).toEqual(perStep);
    expect(spikes.count).toBeGreaterThan(0);
    // Hz: spikes per neuron and row (4 x 2) per step of 0.1 ms.
    const rates = rate.rates;
    for (let k = 0; k < 14; k++) expect(rates[k]).toBeCloseTo((perStep[k]! / 8) * 10_000, 9);
    expect(() => vm.values('u')).toThrow(NetworkError);
    const other = new Network({ backend }).population(LIF_MODEL, { n: 1, name: 'other' });
    expect(() => spikes.ofGroup(other)).toThrow(/does not watch "other"/);
    const own = spikes.ofGroup(pop);
    expect(own.rows).toEqual(spikes.rows);
    expect(own.indices).toEqual(spikes.indices);
  });

  it('reports progress up to the run length', () => {
    const net = new Network({ backend });
    net.population(LIF_MODEL, { n: 2 });
    const reports: [number, number][] = [];
    net.run({ steps: 250 }, { progress: (done, total) => reports.push([done, total]) });
    expect(reports.at(-1)).toEqual([250, 250]);
    expect(reports.length).toBeGreaterThan(10);
  });

  it('runs asynchronously with runAsync, in call order', async () => {
    const make = () => {
      const net = new Network({ backend });
      const pop = net.population(LIF_MODEL, { n: 2, input: 0.8 });
      return { net, pop };
    };
    const a = make();
    await Promise.all([a.net.runAsync(5), a.net.runAsync({ steps: 50 })]);
    const b = make();
    b.net.run(55);
    expect(a.net.stepCount).toBe(100);
    expect(a.net.state(a.pop, 'v')).toEqual(b.net.state(b.pop, 'v'));
  });
});

describe('connect', () => {
  it('gives each synapse its value: numbers, arrays in pair order, expressions of i and j', () => {
    const net = new Network({ backend, dtype: 'float64' });
    const a = net.population(LIF_MODEL, { n: 3, name: 'a' });
    const b = net.population(LIF_MODEL, { n: 2, name: 'b' });
    const explicit = net.connect(a, b, {
      synapse: EXCITATORY,
      connector: { kind: 'explicit', i: [2, 0, 1], j: [0, 1, 1] },
      w: [20, 1, 10],
    });
    // Synapses are sorted by source: (0,1), (1,1), (2,0); values follow their pairs.
    expect([...explicit.read('w')]).toEqual([1, 10, 20]);
    const [toA, toB] = net.connect(a, [a, b], {
      synapse: EXCITATORY,
      connector: { kind: 'all-to-all' },
      w: 'i + 10 * j',
    });
    expect([...toA!.read('w')]).toEqual([10, 20, 1, 21, 2, 12]);
    expect([...toB!.read('w')]).toEqual([0, 10, 1, 11, 2, 12]);
    // The explicit projection is "a -> b" already.
    expect([toA!.name, toB!.name, toA!.synapseCount, toB!.synapseCount]).toEqual([
      'a -> a',
      'a -> b (1)',
      6,
      6,
    ]);
  });

  it('counts the synapses leaving each source neuron', () => {
    const net = new Network({ backend, dtype: 'float64' });
    const a = net.population(LIF_MODEL, { n: 4, name: 'a' });
    const b = net.population(LIF_MODEL, { n: 3, name: 'b' });
    const projection = net.connect(a, b, {
      synapse: EXCITATORY,
      connector: { kind: 'explicit', i: [2, 0, 2, 2, 0], j: [0, 1, 1, 2, 2] },
      w: 1,
    });
    const degrees = projection.outDegrees();
    expect([...degrees]).toEqual([2, 0, 3, 0]);
    // A copy: changing it changes nothing in the network.
    degrees[0] = 99;
    expect(projection.outDegrees()[0]).toBe(2);
  });

  it('restores synapse variables that onPre changes on reset()', () => {
    const net = new Network({ backend, dtype: 'float64' });
    const ext = net.spikeSource({
      n: 1,
      spikes: [
        [0, 0],
        [1, 0],
      ],
    });
    const pop = net.population(LIF_MODEL, { n: 1 });
    const p = net.connect(ext, pop, {
      synapse: { variables: { w: {} }, onPre: 'v += w; w *= 0.5' },
      connector: { kind: 'one-to-one' },
      w: 2,
    });
    net.run({ steps: 3 });
    expect([...p.read('w')]).toEqual([0.5]);
    net.reset();
    expect([...p.read('w')]).toEqual([2]);
    expect(net.state(pop, 'v')).toEqual(new Float64Array([-62]));
  });

  it('refuses bad connections with named errors', () => {
    const net = new Network({ backend });
    const a = net.population(LIF_MODEL, { n: 3, name: 'a' });
    const other = new Network({ backend }).population(LIF_MODEL, { n: 3 });
    const connector = { kind: 'all-to-all' } as const;
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector, w: [1, 2] })).toThrow(
      /w has 2 values but the projection has 6 synapses/,
    );
    expect(() =>
      net.connect(a, a, { synapse: EXCITATORY, connector: { kind: 'explicit', i: [0], j: [3] }, w: 1 }),
    ).toThrow(/projection "a -> a": explicit pairs: pair 0 has target 3, outside 0 \.\. 2/);
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector })).toThrow(
      /synapse variable "w" has no value; give connect the option w/,
    );
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector, w: 1, dealy: 1 })).toThrow(
      /no option "dealy" \(did you mean "delay"\?\)/,
    );
    expect(() => net.connect(a, a, { synapse: { onPre: 'ge += w' }, connector, w: 1 })).toThrow(
      SynapseSpecError,
    );
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector, w: 1, delay: -1 })).toThrow(DelayError);
    expect(() =>
      net.connect(a, a, { synapse: EXCITATORY, connector: { kind: 'ring' } as never, w: 1 }),
    ).toThrow(/connector needs a kind, one of "all-to-all"/);
    expect(() => net.connect(a, other, { synapse: EXCITATORY, connector, w: 1 })).toThrow(/another network/);
    const ext = net.spikeSource({ n: 3 });
    expect(() => net.connect(a, ext as never, { synapse: EXCITATORY, connector, w: 1 })).toThrow(
      /spike source/,
    );
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector: { kind: 'one-to-one' }, w: 1 })).toThrow(
      NetworkError,
    );
    net.run(1);
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector, w: 1 })).toThrow(/before running it/);
  });

  it('refuses a connection over the memory limit before building it', () => {
    const net = new Network({ backend, memoryLimitBytes: 2 ** 20 });
    const a = net.population(LIF_MODEL, { n: 1000 });
    expect(() => net.connect(a, a, { synapse: EXCITATORY, connector: { kind: 'all-to-all' }, w: 1 })).toThrow(
      MemoryLimitError,
    );
    expect(
      net.connect(a, a, {
        synapse: EXCITATORY,
        connector: { kind: 'one-to-one', allowSelfConnections: true } as never,
        w: 1,
      }).synapseCount,
    ).toBe(1000);
  });

  it('raises a StateError naming the population and variable when state stops being finite', () => {
    const net = new Network({ backend, dtype: 'float32' });
    const ext = net.spikeSource({
      n: 2,
      spikes: [
        [0, 0],
        [0, 1],
      ],
    });
    const pop = net.population(LIF_MODEL, { n: 1, name: 'exc' });
    net.connect(ext, pop, { synapse: EXCITATORY, connector: { kind: 'all-to-all' }, w: 3e38 });
    expect(() => net.run({ steps: 2 })).toThrow(StateError);
    net.reset();
    expect(() => net.run({ steps: 2 })).toThrow(
      /^state "v" of population "exc" became NaN \(batch row 0, neuron 0\) between steps 0 and 1/,
    );
  });
});

describe('network calls', () => {
  it('refuses values that do not fit the batch', () => {
    const net = new Network({ backend, batchSize: 2 });
    expect(() => net.population(LIF_MODEL, { n: 3, init: { v: [1, 2, 3, 4] } })).toThrow(
      /expected one number, n = 3 values .* or batchSize\*n = 6 values/,
    );
    const pop = net.population(LIF_MODEL, { n: 3, name: 'exc' });
    expect(() => net.setState(pop, 'v', [1, 2, 3])).toThrow(
      /state "v" of population "exc" needs batchSize\*n = 6 values, got 3/,
    );
    expect(() => net.setState(pop, 's', [0, 1, 0, 2, 0, 0])).toThrow(/\[3\] is 2; expected 0 or 1/);
    net.setState(pop, 'v', [-60, -61, -62, -63, -64, -65]);
    expect([...net.state(pop, 'v')]).toEqual([-60, -61, -62, -63, -64, -65]);
  });

  it('refuses calls back into the network from a progress callback; the steps before it count', () => {
    const net = new Network({ backend });
    const pop = net.population(LIF_MODEL, { n: 1, input: 1 });
    const vm = net.stateMonitor(pop, ['v']);
    const rate = net.rateMonitor(pop);
    const reset = (done: number) => {
      if (done === 3) net.reset();
    };
    expect(() => net.run({ steps: 5 }, { progress: reset })).toThrow(
      /reset\(\) was called while run\(\) is still running on this network/,
    );
    expect(net.stepCount).toBe(3);
    expect([...vm.steps]).toEqual([0, 1, 2]);
    expect(rate.counts.length).toBe(3);
    expect(() => net.run({ steps: 5 }, { progress: () => net.setState(pop, 'v', [0]) })).toThrow(
      expect.objectContaining({ code: 'BUSY' }),
    );
    // Not broken: the network runs on from step 4 and matches one run of 6 steps.
    net.run({ steps: 2 });
    const whole = new Network({ backend });
    const same = whole.population(LIF_MODEL, { n: 1, input: 1 });
    whole.run({ steps: 6 });
    expect(net.state(pop, 'v')).toEqual(whole.state(same, 'v'));
  });

  it("refuses a run whose state recordings would exceed the network's memory limit", () => {
    const net = new Network({ backend, memoryLimitBytes: 2 ** 20 });
    const pop = net.population(LIF_MODEL, { n: 100 });
    net.stateMonitor(pop, ['v']);
    net.run({ steps: 10 });
    expect(() => net.run({ steps: 10_000 })).toThrow(MemoryLimitError);
    expect(net.stepCount).toBe(10);
  });

  it('refuses durations that are not a number of ms or whole steps', () => {
    const net = new Network({ backend });
    net.population(LIF_MODEL, { n: 1 });
    expect(() => net.run(-1)).toThrow(/finite number of ms, 0 or more/);
    expect(() => net.run(Number.NaN)).toThrow(NetworkError);
    expect(() => net.run({ steps: 1.5 })).toThrow(/whole number of steps/);
    expect(() => net.run({ steps: 1 }, { progress: 3 } as never)).toThrow(/progress must be a function/);
    expect(net.stepCount).toBe(0);
  });

  it('describes itself before and after it is built', () => {
    const net = new Network({ backend, dtype: 'float64' });
    net.population(LIF_MODEL, { n: 2 });
    expect(net.description).toMatch(
      /^network \(not built yet\): 1 groups, 0 projections, dt 0.1 ms, float64/,
    );
    const estimate = net.memoryBytes;
    expect(estimate).toBeGreaterThan(0);
    net.run({ steps: 1 });
    expect(net.description).not.toMatch(/not built/);
    expect(net.memoryBytes).toBeGreaterThan(0);
  });
});
