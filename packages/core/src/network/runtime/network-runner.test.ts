import { describe, expect, test } from 'vitest';
import { BackendError } from '../../errors.js';
import { LIF_MODEL } from '../../model/library/lif.js';
import { interpreterBackend } from '../../reference/interpreter-backend.js';
import { InterpreterPhaseKernel } from '../../reference/interpreter-phase-kernel.js';
import {
  ACCUMULATOR,
  collectingSink,
  everyStep,
  onPre,
  pairs,
  plan,
  population,
  projection,
  rows,
  trains,
} from '../../testing/network-plans.js';
import type { DeliverSpikes } from '../delivery/compile-js-delivery.js';
import type {
  NetworkKernel,
  NetworkPlan,
  PhaseKernelGroup,
  PhaseKernelRequest,
  PlanGroup,
  StateProbe,
} from '../kernel/contract.js';
import { NetworkRunner } from './network-runner.js';
import { sequentialPhaseGroup } from './sequential-phase-group.js';
import type { SplitDeliveryPlan } from './split-delivery.js';

const backend = interpreterBackend();
const ADD_W = onPre(['v += w'], ['w'], ['v']);

/**
 * Poisson noise into 6 LIF neurons, recurrent with a single delay and per-synapse delays. With `decay` each
 * recurrent event also shrinks its weight, which batch rows share.
 */
function recurrentPlan(batchSize = 1, noise: PlanGroup = poisson(8, 0.3, 5), decay = true): NetworkPlan {
  const lif = population(LIF_MODEL, {
    n: 6,
    batchSize,
    params: { refracLength: 0.3 },
    init: { v: [-60, -58, -56, -54, -53, -52.5] },
  });
  const all = pairs(6, 6, [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [5, 0],
    [0, 3],
    [2, 5],
  ]);
  const fromNoise = pairs(8, 6, [
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
    [6, 0],
    [7, 3],
  ]);
  return plan(
    [noise, lif],
    [
      projection(0, 1, fromNoise, ADD_W, { w: 4 }, 1),
      projection(
        1,
        1,
        all,
        decay ? onPre(['v += w', 'w *= 0.9'], ['w'], ['v']) : ADD_W,
        { w: [3, 2, 3, 2, 3, 2, 1, 1] },
        [0, 1, 2, 3, 4, 5, 2, 1],
      ),
    ],
    { batchSize },
  );
}

function poisson(n: number, probability: number, seed: number): PlanGroup {
  return {
    kind: 'poisson',
    name: 'noise',
    n,
    probabilities: new Float64Array(n).fill(probability),
    seed,
    stream: 0,
  };
}

function probeOf(group: number, name: string, indices: number[], stride: number, steps: number): StateProbe {
  const rowsRecorded = Math.floor((steps - 1) / stride) + 1;
  return {
    group,
    name,
    indices: Uint32Array.from(indices),
    stride,
    buffer: new Float64Array(rowsRecorded * indices.length),
  };
}

function runAll(kernel: NetworkKernel, steps: number, firstStep: number) {
  const sink = collectingSink([0, 1]);
  const probe = everyStep(1, 'v', kernel.readState(1, 'v').length, steps);
  kernel.run({ steps, firstStep, probes: [probe], sinks: [sink] });
  return { spikes: sink.spikes, v: [...probe.buffer] };
}

describe('NetworkRunner', () => {
  test('run(3) then run(4) equals run(7) bit for bit, events in flight, sinks and probes included', () => {
    const whole = backend.createNetworkKernel!(recurrentPlan());
    const split = backend.createNetworkKernel!(recurrentPlan());
    const one = runAll(whole, 7, 0);
    const first = runAll(split, 3, 0);
    const second = runAll(split, 4, 3);
    expect(one.spikes.length).toBeGreaterThan(4);
    expect([...first.spikes, ...second.spikes]).toEqual(one.spikes);
    expect([...first.v, ...second.v]).toEqual(one.v);
    expect(split.readState(1, 'v')).toEqual(whole.readState(1, 'v'));
    expect(split.readSynapses(1, 'w')).toEqual(whole.readSynapses(1, 'w'));
  });

  test("afterSpike receives the step's spike list that integrate returned", () => {
    const seen: { integrated: number[]; after: number[] }[] = [];
    const runner = new NetworkRunner(recurrentPlan(2), {
      owner: 'recording',
      createPhaseKernel: (request) => {
        const kernel = new InterpreterPhaseKernel(request);
        let integrated: number[] = [];
        return {
          description: kernel.description,
          view: (name) => kernel.view(name),
          integrate(step, spikes) {
            const count = kernel.integrate(step, spikes);
            integrated = [...spikes.subarray(0, count)];
            return count;
          },
          afterSpike(step, spikes, count) {
            seen.push({ integrated, after: [...spikes.subarray(0, count)] });
            kernel.afterSpike(step);
          },
          dispose: () => kernel.dispose(),
        };
      },
    });
    runAll(runner, 30, 0);
    expect(seen).toHaveLength(30);
    expect(seen.filter((s) => s.after.length > 0).length).toBeGreaterThan(5);
    for (const { integrated, after } of seen) expect(after).toEqual(integrated);
  });

  test.each(['float64', 'float32'] as const)(
    "core's generated delivery equals the reference's interpreted delivery bit for bit (%s)",
    (dtype) => {
      const net = { ...recurrentPlan(2), dtype };
      const generated = new NetworkRunner(net, {
        owner: 'generated',
        createPhaseKernel: (request) => new InterpreterPhaseKernel(request),
      });
      const interpreted = backend.createNetworkKernel!(net);
      expect(generated.description).toMatch(/event-driven delivery/);
      expect(interpreted.description).toMatch(/interpreter delivery/);
      const a = runAll(generated, 40, 0);
      const b = runAll(interpreted, 40, 0);
      expect(a.spikes.length).toBeGreaterThan(20);
      expect(a).toEqual(b);
      expect(generated.readSynapses(1, 'w')).toEqual(interpreted.readSynapses(1, 'w'));
    },
  );

  test("a backend's phase kernel group steps every population in one call per phase, as kernels one by one do", () => {
    // Noise into two LIF populations that excite each other: group 1 feeds group 2 and back.
    const lif = (name: string) => ({
      ...population(LIF_MODEL, { n: 6, batchSize: 2, params: { refracLength: 0.3 } }),
      name,
    });
    const ring = pairs(6, 6, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 0],
    ]);
    const net = plan(
      [poisson(6, 0.4, 9), lif('a'), lif('b')],
      [
        projection(
          0,
          1,
          pairs(6, 6, [
            [0, 0],
            [1, 1],
            [2, 2],
            [3, 3],
            [4, 4],
            [5, 5],
          ]),
          ADD_W,
          { w: 6 },
          1,
        ),
        projection(1, 2, ring, ADD_W, { w: 9 }, 2),
        projection(2, 1, ring, ADD_W, { w: 4 }, [1, 2, 3, 1, 2, 3]),
      ],
      { batchSize: 2 },
    );
    const calls = { integrateAll: 0, afterSpikeAll: 0, createPhaseKernel: 0 };
    let requested: readonly PhaseKernelRequest[] = [];
    const grouped = new NetworkRunner(net, {
      owner: 'grouped',
      createPhaseKernel: (request) => {
        calls.createPhaseKernel++;
        return new InterpreterPhaseKernel(request);
      },
      createPhaseKernelGroup: (requests): PhaseKernelGroup => {
        requested = requests;
        const inner = sequentialPhaseGroup(requests.map((request) => new InterpreterPhaseKernel(request)));
        return {
          kernels: inner.kernels,
          integrateAll: (step, spikes, counts) => {
            calls.integrateAll++;
            inner.integrateAll(step, spikes, counts);
          },
          afterSpikeAll: (step, spikes, counts) => {
            calls.afterSpikeAll++;
            inner.afterSpikeAll(step, spikes, counts);
          },
        };
      },
    });
    const alone = backend.createNetworkKernel!(net);
    expect(requested.map((request) => request.n)).toEqual([6, 6]);
    const sinks = [collectingSink([1, 2]), collectingSink([1, 2])];
    grouped.run({ steps: 60, firstStep: 0, probes: [], sinks: [sinks[0]!] });
    alone.run({ steps: 60, firstStep: 0, probes: [], sinks: [sinks[1]!] });
    expect(calls).toEqual({ integrateAll: 60, afterSpikeAll: 60, createPhaseKernel: 0 });
    expect(sinks[0]!.spikes.filter(([, group]) => group === 2).length).toBeGreaterThan(10);
    expect(sinks[0]!.spikes).toEqual(sinks[1]!.spikes);
    for (const g of [1, 2]) expect(grouped.readState(g, 'v')).toEqual(alone.readState(g, 'v'));
  });

  test("a group that takes the delivery advances in one call per step, settling a step with the next one's integrate unless probes, progress or the run's end look at it", () => {
    // One delay per projection, so that the runner hands the delivery over.
    const net = recurrentPlan(2, poisson(8, 0.3, 5), true);
    const oneDelay = { ...net, projections: net.projections.map((p) => ({ ...p, delaySteps: 1 })) };
    const calls: [number | null, number | null][] = [];
    const grouped = new NetworkRunner(oneDelay, {
      owner: 'grouped',
      createPhaseKernel: (request) => new InterpreterPhaseKernel(request),
      createPhaseKernelGroup: (requests): PhaseKernelGroup => {
        const inner = sequentialPhaseGroup(requests.map((request) => new InterpreterPhaseKernel(request)));
        // The plan's deliveries, whole, on this thread (the state arrays here are not shared).
        let deliverWhole: (() => void) | null = null;
        return {
          kernels: inner.kernels,
          integrateAll: () => {
            throw new Error('integrateAll called where advanceAll serves');
          },
          afterSpikeAll: () => {
            throw new Error('afterSpikeAll called where advanceAll serves');
          },
          splitsDelivery: true,
          splitDelivery: (split: SplitDeliveryPlan) => {
            const entries = split.projections.map(
              (p) =>
                new Function(...p.parameters, p.source)(...p.factoryArguments) as { spikes: DeliverSpikes },
            );
            deliverWhole = () => {
              split.projections.forEach((p, i) => {
                entries[i]!.spikes(p.spikes, split.counts[i]!, p.sourceN, split.time[0]!);
              });
            };
            return true;
          },
          deliverAll: () => {
            throw new Error('deliverAll called where advanceAll serves');
          },
          advanceAll: (settle, integrate, spikes, counts) => {
            calls.push([settle, integrate]);
            if (settle !== null) {
              deliverWhole!();
              inner.afterSpikeAll(settle, spikes, counts);
            }
            if (integrate !== null) inner.integrateAll(integrate, spikes, counts);
          },
        };
      },
    });
    const alone = backend.createNetworkKernel!(oneDelay);
    const outcomes = [grouped, alone].map((kernel) => {
      const sink = collectingSink([0, 1]);
      const probe = probeOf(1, 'v', [0, 3, 7, 11], 4, 10);
      const done: number[] = [];
      kernel.run({
        steps: 10,
        firstStep: 0,
        probes: [probe],
        sinks: [sink],
        progress: (stepsDone) => done.push(stepsDone),
        progressEvery: 6,
      });
      return { spikes: sink.spikes, v: [...probe.buffer], done, state: [...kernel.readState(1, 'v')] };
    });
    // Probes at run-local steps 0, 4 and 8, progress after step 5, and the last step settle at once.
    expect(calls).toEqual([
      [null, 0],
      [0, null],
      [null, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, null],
      [null, 5],
      [5, null],
      [null, 6],
      [6, 7],
      [7, 8],
      [8, null],
      [null, 9],
      [9, null],
    ]);
    expect(outcomes[0]!.spikes.filter(([, group]) => group === 1).length).toBeGreaterThan(5);
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  test('a phase kernel group with a kernel per population too few is refused', () => {
    const net = recurrentPlan();
    expect(
      () =>
        new NetworkRunner(net, {
          owner: 'short',
          createPhaseKernel: (request) => new InterpreterPhaseKernel(request),
          createPhaseKernelGroup: () => sequentialPhaseGroup([]),
        }),
    ).toThrow(/createPhaseKernelGroup gave 0 kernels for 1 populations/);
  });

  test('a bucket holding more events than it first had room for grows and delivers them all', () => {
    // 40 sources × 3 synapses, all with delay 2, land in one bucket at step 2: 120 events.
    const list: [number, number][] = [];
    for (let i = 0; i < 40; i++) list.push([i, i % 2], [i, 1 - (i % 2)], [i, 2]);
    const spikes = Array.from({ length: 40 }, (_, i) => [0, i] as [number, number]);
    const weights = list.map((_, s) => 2 ** (s % 30));
    const net = plan(
      [trains(40, spikes), population(ACCUMULATOR, { n: 3 })],
      [
        projection(
          0,
          1,
          pairs(40, 3, list),
          onPre(['g += w'], ['w'], ['g']),
          { w: weights },
          new Array(120).fill(2),
        ),
      ],
    );
    const kernel = backend.createNetworkKernel!(net);
    kernel.run({ steps: 2, firstStep: 0, probes: [], sinks: [] });
    expect([...kernel.readState(1, 'g')]).toEqual([0, 0, 0]);
    kernel.run({ steps: 1, firstStep: 2, probes: [], sinks: [] });
    const expected = [0, 0, 0];
    for (const [s, [, j]] of list.entries()) expected[j] = expected[j]! + weights[s]!;
    expect([...kernel.readState(1, 'g')]).toEqual(expected);
  });

  test('once warm, a run allocates no new queue memory (buckets and histories keep their size)', () => {
    const kernel = backend.createNetworkKernel!(recurrentPlan(2));
    kernel.run({ steps: 200, firstStep: 0, probes: [], sinks: [] });
    const warm = kernel.memoryBytes!();
    kernel.run({ steps: 100, firstStep: 200, probes: [], sinks: [] });
    expect(kernel.memoryBytes!()).toBe(warm);
  });

  test('clearEvents drops events in flight', () => {
    const net = () =>
      backend.createNetworkKernel!(
        plan(
          [trains(1, [[0, 0]]), population(ACCUMULATOR, { n: 2 })],
          [
            projection(0, 1, pairs(1, 2, [[0, 0]]), ADD_W, { w: 1 }, 5),
            projection(0, 1, pairs(1, 2, [[0, 1]]), ADD_W, { w: 1 }, [4]),
          ],
        ),
      );
    const kept = net();
    const cleared = net();
    for (const kernel of [kept, cleared]) kernel.run({ steps: 3, firstStep: 0, probes: [], sinks: [] });
    cleared.clearEvents();
    for (const kernel of [kept, cleared]) kernel.run({ steps: 5, firstStep: 3, probes: [], sinks: [] });
    expect([...kept.readState(1, 'v')]).toEqual([1, 1]);
    expect([...cleared.readState(1, 'v')]).toEqual([0, 0]);
  });

  test('explicit trains emit on their steps, in every batch row; a run that starts later skips earlier spikes', () => {
    const net = plan(
      [
        trains(3, [
          [0, 2],
          [2, 0],
          [2, 1],
          [5, 1],
        ]),
      ],
      [],
      { batchSize: 2 },
    );
    const kernel = backend.createNetworkKernel!(net);
    const sink = collectingSink([0]);
    kernel.run({ steps: 4, firstStep: 0, probes: [], sinks: [sink] });
    expect(sink.spikes).toEqual([
      [0, 0, 2],
      [0, 0, 5],
      [2, 0, 0],
      [2, 0, 1],
      [2, 0, 3],
      [2, 0, 4],
    ]);
    const later = collectingSink([0]);
    kernel.clearEvents();
    kernel.run({ steps: 3, firstStep: 3, probes: [], sinks: [later] });
    expect(later.spikes).toEqual([
      [5, 0, 1],
      [5, 0, 4],
    ]);
  });

  test('Poisson spikes are the same for a run split in two', () => {
    const net = plan([poisson(50, 0.2, 9)], [], { batchSize: 2 });
    const whole = collectingSink([0]);
    backend.createNetworkKernel!(net).run({ steps: 20, firstStep: 0, probes: [], sinks: [whole] });
    const kernel = backend.createNetworkKernel!(net);
    const halves = [collectingSink([0]), collectingSink([0])];
    kernel.run({ steps: 8, firstStep: 0, probes: [], sinks: [halves[0]!] });
    kernel.run({ steps: 12, firstStep: 8, probes: [], sinks: [halves[1]!] });
    expect(whole.spikes.length).toBeGreaterThan(100);
    expect([...halves[0]!.spikes, ...halves[1]!.spikes]).toEqual(whole.spikes);
  });

  test("batch row 1 of a batch-2 network equals a batch-1 network fed row 1's spikes", () => {
    // Rows share synapse variables, so this holds for a synapse program that does not change them.
    const steps = 30;
    const batched = backend.createNetworkKernel!(recurrentPlan(2, poisson(8, 0.3, 5), false));
    const noise = collectingSink([0]);
    const batchedProbe = everyStep(1, 'v', 12, steps);
    batched.run({ steps, firstStep: 0, probes: [batchedProbe], sinks: [noise] });
    const rowOne = noise.spikes
      .filter(([, , flat]) => flat >= 8)
      .map(([step, , flat]) => [step, flat - 8] as [number, number]);
    expect(rowOne.length).toBeGreaterThan(10);
    const single = backend.createNetworkKernel!(recurrentPlan(1, trains(8, rowOne, 'noise'), false));
    const singleProbe = everyStep(1, 'v', 6, steps);
    single.run({ steps, firstStep: 0, probes: [singleProbe], sinks: [] });
    expect(rows(batchedProbe.buffer, 12).map((row) => row.slice(6))).toEqual(rows(singleProbe.buffer, 6));
    // The rows really differ (different noise), so the comparison above is not trivial.
    expect(rows(batchedProbe.buffer, 12).map((row) => row.slice(0, 6))).not.toEqual(
      rows(singleProbe.buffer, 6),
    );
  });

  test('a probe row r holds the state after run-local step r*stride, for the chosen indices in order', () => {
    const steps = 7;
    const everyProbe = everyStep(1, 'v', 6, steps);
    const strided = probeOf(1, 'v', [4, 0], 3, steps);
    backend.createNetworkKernel!(recurrentPlan()).run({
      steps,
      firstStep: 0,
      probes: [everyProbe, strided],
      sinks: [],
    });
    const all = rows(everyProbe.buffer, 6);
    expect(rows(strided.buffer, 2)).toEqual([0, 3, 6].map((k) => [all[k]![4], all[k]![0]]));
  });

  test('sinks see every watched group every step, after the reset; progress counts steps done', () => {
    const net = plan([trains(1, [[1, 0]]), population(ACCUMULATOR, { n: 1, input: 40 })], []);
    const calls: [number, number][] = [];
    const done: number[] = [];
    const kernel = backend.createNetworkKernel!(net);
    kernel.run({
      steps: 5,
      firstStep: 0,
      probes: [],
      sinks: [
        { groups: [1, 0], accept: (step, group, _indices, count) => calls.push([step, group * 10 + count]) },
      ],
      progress: (stepsDone) => done.push(stepsDone),
      progressEvery: 2,
    });
    // The accumulator gains 4 per step and fires at v >= 10: steps 2 (v 12) and 5 would be next.
    expect(calls).toEqual([
      [0, 10],
      [0, 0],
      [1, 10],
      [1, 1],
      [2, 11],
      [2, 0],
      [3, 10],
      [3, 0],
      [4, 10],
      [4, 0],
    ]);
    expect(done).toEqual([2, 4, 5]);
  });

  test('readState, writeState and findNonFinite go through the live state; bad calls throw BackendError', () => {
    const kernel = backend.createNetworkKernel!(recurrentPlan());
    kernel.writeState(1, 'v', [1, 2, 3, 4, 5, 6]);
    expect([...kernel.readState(1, 'v')]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(kernel.findNonFinite!()).toBeNull();
    kernel.writeState(1, 'v', [1, 2, Number.NaN, 4, 5, 6]);
    expect(kernel.findNonFinite!()).toEqual({ group: 1, state: 'v', index: 2 });
    expect(() => kernel.writeState(1, 'v', [1])).toThrow(/needs 6 values/);
    expect(() => kernel.readState(0, 'v')).toThrow(/spike source/);
    expect(() => kernel.readState(1, 'nope')).toThrow(/no state "nope"/);
    expect(() => kernel.readSynapses(0, 'u')).toThrow(BackendError);
    expect(kernel.memoryBytes!()).toBeGreaterThan(0);
    kernel.dispose();
    expect(() => kernel.run({ steps: 1, firstStep: 0, probes: [], sinks: [] })).toThrow(/after dispose/);
  });

  test('float32 state and synapse variables are stored in float32', () => {
    const net = { ...recurrentPlan(), dtype: 'float32' as const };
    const kernel = backend.createNetworkKernel!(net);
    expect(kernel.readSynapses(1, 'w')).toBeInstanceOf(Float32Array);
    kernel.writeState(1, 'v', [0.1, 0, 0, 0, 0, 0]);
    expect(kernel.readState(1, 'v')[0]).toBe(Math.fround(0.1));
    kernel.run({ steps: 10, firstStep: 0, probes: [], sinks: [] });
    expect(kernel.readState(1, 'v')).toBeInstanceOf(Float32Array);
  });

  test('a plan with an out-of-range connection is refused before anything runs', () => {
    const bad = plan(
      [trains(1, []), population(ACCUMULATOR, { n: 2 })],
      [
        projection(
          0,
          1,
          { sourceCount: 1, targetCount: 2, rowStarts: Uint32Array.of(0, 1), targets: Uint32Array.of(2) },
          ADD_W,
          { w: 1 },
        ),
      ],
    );
    expect(() => backend.createNetworkKernel!(bad)).toThrow(/target index 2 for 2 neurons/);
    const rowsBad = plan(
      [trains(2, []), population(ACCUMULATOR, { n: 1 })],
      [
        projection(
          0,
          1,
          { sourceCount: 2, targetCount: 1, rowStarts: Uint32Array.of(0, 2, 1), targets: Uint32Array.of(0) },
          ADD_W,
          { w: 1 },
        ),
      ],
    );
    expect(() => backend.createNetworkKernel!(rowsBad)).toThrow(/row starts/);
    const delay = plan(
      [trains(1, []), population(ACCUMULATOR, { n: 1 })],
      [projection(0, 1, pairs(1, 1, [[0, 0]]), ADD_W, { w: 1 }, 70000)],
    );
    expect(() => backend.createNetworkKernel!(delay)).toThrow(/delay 70000 steps/);
  });
});
