import { type Dtype, type FloatArray, LIF_MODEL, Network } from '@synapticflow/core';
import {
  type NetworkKernel,
  type NetworkPlan,
  PHASE_COMMAND,
  PhaseChannel,
  type SpikeSink,
  type StateProbe,
} from '@synapticflow/core/backend';
import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test, vi } from 'vitest';
import { jsBackend } from '../index.js';
import { smallNetworkPlan } from '../testing/network-plan.js';
import { createJsNetworkKernel } from './js-network-kernel.js';

const STEPS = 300;

/** Every step's spikes of every group, and v of both populations after every step, over two runs. */
function record(kernel: NetworkKernel, plan: NetworkPlan) {
  const spikes: number[][] = [];
  const sink: SpikeSink = {
    groups: plan.groups.map((_, g) => g),
    accept(step, group, indices, count) {
      spikes.push([step, group, ...indices.subarray(0, count)]);
    },
  };
  const probes: StateProbe[] = [0, 1].map((group) => {
    const size = plan.batchSize * plan.groups[group]!.n;
    const Float = plan.dtype === 'float32' ? Float32Array : Float64Array;
    return {
      group,
      name: 'v',
      indices: Uint32Array.from({ length: size }, (_, i) => i),
      stride: 1,
      buffer: new Float(size * STEPS) as FloatArray,
    };
  });
  kernel.run({ steps: STEPS / 2, firstStep: 0, probes: [], sinks: [sink] });
  kernel.run({ steps: STEPS / 2, firstStep: STEPS / 2, probes, sinks: [sink] });
  return {
    spikes,
    v: probes.map((probe) => [...probe.buffer.subarray(0, (probe.buffer.length / STEPS) * (STEPS / 2))]),
    w: plan.projections.map((_, p) => [...kernel.readSynapses(p, 'w')]),
    u: [...kernel.readState(1, 'u')],
  };
}

/** Both populations' v and every projection's w after each of 200 steps, run one step at a time. */
function stepByStep(kernel: NetworkKernel): number[][] {
  const trace: number[][] = [];
  for (let step = 0; step < 200; step++) {
    kernel.run({ steps: 1, firstStep: step, probes: [], sinks: [] });
    trace.push([...kernel.readState(0, 'v'), ...kernel.readState(1, 'v'), ...kernel.readSynapses(0, 'w')]);
  }
  kernel.dispose();
  return trace;
}

const cases = (['float64', 'float32'] as Dtype[]).flatMap((dtype) =>
  [1, 2].map((batchSize) => ({ dtype, batchSize })),
);

describe('jsBackend().createNetworkKernel', () => {
  test.each(cases)(
    'equals the reference backend bit for bit ($dtype, batch $batchSize)',
    ({ dtype, batchSize }) => {
      const plan = smallNetworkPlan({ dtype, batchSize });
      const js = jsBackend().createNetworkKernel!(plan);
      const reference = interpreterBackend().createNetworkKernel!(plan);
      const actual = record(js, plan);
      const expected = record(reference, plan);
      // Every kind of group spikes, so every path of the schedule ran.
      for (let g = 0; g < plan.groups.length; g++) {
        expect(
          actual.spikes.filter((s) => s[1] === g).reduce((sum, s) => sum + s.length - 2, 0),
        ).toBeGreaterThan(0);
      }
      expect(actual.spikes).toEqual(expected.spikes);
      expect(actual.v).toEqual(expected.v);
      expect(actual.u).toEqual(expected.u);
      expect(js.description).toMatch(/^js /);
      js.dispose();
      reference.dispose();
    },
  );

  test.each(cases)(
    'on 3 threads equals one thread bit for bit ($dtype, batch $batchSize)',
    ({ dtype, batchSize }) => {
      const plan = smallNetworkPlan({ dtype, batchSize });
      const threaded = jsBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 1 })
        .createNetworkKernel!(plan);
      const single = jsBackend().createNetworkKernel!(plan);
      expect(threaded.description).toMatch(/phases of 2 populations on 3 threads/);
      expect(record(threaded, plan)).toEqual(record(single, plan));
      threaded.dispose();
      single.dispose();
    },
  );

  test.each(cases)(
    'with one delay per projection, delivery splits by target over 2 and 3 threads, bit for bit one thread ($dtype, batch $batchSize)',
    ({ dtype, batchSize }) => {
      const plan = smallNetworkPlan({ dtype, batchSize, oneDelayEach: true });
      const single = record(jsBackend().createNetworkKernel!(plan), plan);
      // The recurrent weights changed: the synapse variable's writes took part.
      expect(single.w[0]).not.toEqual(
        [...plan.projections[0]!.variables.get('w')!].map((w) => (dtype === 'float32' ? Math.fround(w) : w)),
      );
      for (const threads of [2, 3]) {
        const backend = jsBackend({ threads, minUpdatesForThreads: 0, columnAlign: 1 });
        const threaded = backend.createNetworkKernel!(plan);
        expect(threaded.description).toMatch(
          new RegExp(`split by target\\), phases of 2 populations on ${threads} threads`),
        );
        expect(record(threaded, plan)).toEqual(single);
        // Runs of one step: every run starts the workers afresh, so they take their slices of most commands.
        expect(stepByStep(backend.createNetworkKernel!(plan))).toEqual(
          stepByStep(jsBackend().createNetworkKernel!(plan)),
        );
      }
      // A per-synapse delay anywhere keeps every projection's delivery on the calling thread.
      const mixed = jsBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 }).createNetworkKernel!(
        smallNetworkPlan({ dtype, batchSize }),
      );
      expect(mixed.description).toMatch(/\(event-driven delivery\), phases of 2 populations on 2 threads/);
      mixed.dispose();
    },
    60_000,
  );

  test.each(cases)(
    'with delivery split by target, a step costs one command and steps split and unsplit in any order stay bit for bit one thread ($dtype, batch $batchSize)',
    ({ dtype, batchSize }) => {
      const plan = smallNetworkPlan({ dtype, batchSize, oneDelayEach: true, excWithoutTrace: true });
      expect(plan.groups[0]!.kind === 'population' && plan.groups[0]!.phased.afterSpikeOnSpikesOnly).toBe(
        true,
      );
      const single = record(jsBackend().createNetworkKernel!(plan), plan);
      const command = vi.spyOn(PhaseChannel.prototype, 'command');
      try {
        const threaded = jsBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 })
          .createNetworkKernel!(plan);
        expect(record(threaded, plan)).toEqual(single);
        const kinds = command.mock.calls.map(([kind]) => kind);
        expect(kinds.filter((kind) => kind === PHASE_COMMAND.advance).length).toBeGreaterThan(0);
        // No phase travels alone: integrate, delivery and afterSpike all ride in advance commands.
        expect(kinds.filter((kind) => kind !== PHASE_COMMAND.advance && kind !== PHASE_COMMAND.stop)).toEqual(
          [],
        );
      } finally {
        command.mockRestore();
      }
      // Every change between split and unsplit steps (as where workers come late): a step integrated unsplit
      // settles unsplit, one integrated split settles on the threads or, where the next step runs unsplit, here.
      const pattern = [true, false, true, true, false, false, true, false, false, false, true, true, true];
      let calls = 0;
      const wanted = vi
        .spyOn(PhaseChannel.prototype, 'workersWanted')
        .mockImplementation(() => pattern[calls++ % pattern.length]!);
      try {
        const threaded = jsBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 })
          .createNetworkKernel!(plan);
        expect(record(threaded, plan)).toEqual(single);
        expect(calls).toBeGreaterThan(STEPS);
      } finally {
        wanted.mockRestore();
      }
    },
    60_000,
  );

  test("precision: 'fast' reaches every float32 phase kernel: one thread and three agree bit for bit, not with exact; float64 stays exact", () => {
    const plan = smallNetworkPlan({ dtype: 'float32', batchSize: 2, oneDelayEach: true });
    const fast = jsBackend({ precision: 'fast' }).createNetworkKernel!(plan);
    expect(fast.description).toMatch(/^js float32 network.*, fast arithmetic$/);
    const threaded = jsBackend({ precision: 'fast', threads: 3, minUpdatesForThreads: 0, columnAlign: 1 });
    const threadedKernel = threaded.createNetworkKernel!(plan);
    expect(threadedKernel.description).toMatch(/, fast arithmetic, phases of 2 populations on 3 threads/);
    const outcome = record(fast, plan);
    expect(outcome.spikes.length).toBeGreaterThan(50);
    expect(record(threadedKernel, plan)).toEqual(outcome);
    // The plan's LIF divides by tau: the fast runs' membrane potentials are not the exact ones.
    expect(outcome.v).not.toEqual(record(jsBackend().createNetworkKernel!(plan), plan).v);
    const plan64 = smallNetworkPlan({ dtype: 'float64', batchSize: 1 });
    const fast64 = jsBackend({ precision: 'fast' }).createNetworkKernel!(plan64);
    expect(fast64.description).not.toMatch(/fast/);
    expect(record(fast64, plan64)).toEqual(record(jsBackend().createNetworkKernel!(plan64), plan64));
  }, 60_000);

  test('by default a network splits over threads from 8192 neurons in all (batch rows included)', () => {
    const description = (n: number, batchSize: number) => {
      const network = new Network({ backend: jsBackend({ threads: 2 }), dt: 0.1, batchSize });
      const group = network.population(LIF_MODEL, { n });
      network.connect(network.spikeSource({ n: 1, spikes: [] }), group, {
        synapse: { onPre: 'v += 0.1' },
        connector: { kind: 'all-to-all' },
      });
      network.run({ steps: 1 }); // builds the kernel
      const text = network.description;
      network.dispose();
      return text;
    };
    expect(description(8191, 1)).toMatch(/on one thread: the network is too small/);
    expect(description(8192, 1)).toMatch(/split by target\), phases of 1 population on 2 threads/);
    expect(description(4096, 2)).toMatch(/split by target\), phases of 1 population on 2 threads/);
  });

  test('says so when the network is too small to split over threads', () => {
    const plan = smallNetworkPlan({ dtype: 'float64', batchSize: 1 });
    const kernel = jsBackend({ threads: 2 }).createNetworkKernel!(plan);
    expect(kernel.description).toMatch(/on one thread: the network is too small to split/);
    kernel.dispose();
  });

  test('runs on one thread, and says why, where the thread may not block', () => {
    const plan = smallNetworkPlan({ dtype: 'float64', batchSize: 1 });
    const kernel = createJsNetworkKernel(plan, { threads: 2, blocking: false, minNeuronsForThreads: 0 });
    expect(kernel.description).toMatch(/on one thread: network threads need a thread that may block/);
    const single = jsBackend().createNetworkKernel!(plan);
    expect(record(kernel, plan)).toEqual(record(single, plan));
    kernel.dispose();
    single.dispose();
  });
});
