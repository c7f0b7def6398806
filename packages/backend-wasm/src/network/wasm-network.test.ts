import { jsBackend } from '@synapticflow/backend-js';
import { LIF_MODEL, Network, uniform } from '@synapticflow/core';
import { type Backend, type NetworkKernel, PHASE_COMMAND, PhaseChannel } from '@synapticflow/core/backend';
import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test, vi } from 'vitest';
import { networkPlan, STEPS, simulate } from '../../test/network-plan.js';
import { wasmBackend } from '../index.js';
import { createWasmNetworkKernel } from './wasm-network-kernel.js';

/** Every population's v after each of 300 steps, run one step at a time. */
function stepByStep(kernel: NetworkKernel): number[][] {
  const trace: number[][] = [];
  for (let step = 0; step < 300; step++) {
    kernel.run({ steps: 1, firstStep: step, probes: [], sinks: [] });
    trace.push([...kernel.readState(0, 'v'), ...kernel.readState(1, 'v')]);
  }
  kernel.dispose();
  return trace;
}

describe('a network on the wasm backend', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const batchSize of [1, 2]) {
      test(`${dtype} batch ${batchSize}: bit for bit the reference backend's and backend-js's networks (${STEPS} steps)`, () => {
        const plan = networkPlan(dtype, batchSize);
        const wasm = simulate(wasmBackend().createNetworkKernel!(plan), plan);
        const reference = simulate(interpreterBackend().createNetworkKernel!(plan), plan);
        const js = simulate(jsBackend().createNetworkKernel!(plan), plan);
        // Enough activity that delivery, delays and resets all take part.
        expect(wasm.spikes.length).toBeGreaterThan(100);
        expect(wasm.spikes.filter((s) => s.split(':')[1] === '1').length).toBeGreaterThan(10);
        expect(wasm.spikes).toEqual(reference.spikes);
        expect(wasm.traces).toEqual(reference.traces);
        expect(wasm.state).toEqual(reference.state);
        expect(wasm.synapses).toEqual(reference.synapses);
        expect(wasm).toEqual(js);
      });
    }
  }

  test('its description names the wasm network; a thread that may not block runs it on one thread', () => {
    const plan = networkPlan('float64', 1);
    const single = wasmBackend().createNetworkKernel!(plan);
    expect(single.description).toMatch(/^wasm float64 network/);
    expect(single.description).not.toMatch(/thread/);
    single.dispose();
    const unblocked = createWasmNetworkKernel(plan, { threads: 2, blocking: false });
    expect(unblocked.description).toMatch(/on one thread \(this thread may not block on workers\)/);
    expect(simulate(unblocked, plan)).toEqual(simulate(wasmBackend().createNetworkKernel!(plan), plan));
  });

  for (const dtype of ['float32', 'float64'] as const) {
    test(`${dtype}: with threads, phases split over workers and the run is bit for bit one thread's`, () => {
      const plan = networkPlan(dtype, 2);
      // Small slices (4 neurons), so that every population splits over all 3 threads.
      const backend = wasmBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 4 });
      const threaded = backend.createNetworkKernel!(plan);
      expect(threaded.description).toMatch(/phases on 3 threads \(networks of 0 neurons and more\)/);
      const outcome = simulate(threaded, plan);
      expect(outcome.spikes.length).toBeGreaterThan(100);
      expect(outcome).toEqual(simulate(wasmBackend().createNetworkKernel!(plan), plan));
    }, 30_000);
  }

  for (const dtype of ['float32', 'float64'] as const) {
    for (const batchSize of [1, 3]) {
      test(`${dtype} batch ${batchSize}: with one delay per projection, delivery splits by target over 2 and 3 threads, bit for bit one thread's`, () => {
        const plan = networkPlan(dtype, batchSize, { uniformDelays: true });
        const one = simulate(wasmBackend().createNetworkKernel!(plan), plan);
        expect(one.spikes.length).toBeGreaterThan(100);
        for (const threads of [2, 3]) {
          const backend = wasmBackend({ threads, minUpdatesForThreads: 0, columnAlign: 1 });
          const threaded = backend.createNetworkKernel!(plan);
          expect(threaded.description).toMatch(
            new RegExp(`split by target\\), phases on ${threads} threads`),
          );
          expect(simulate(threaded, plan)).toEqual(one);
          // Runs of one step: every run starts the workers afresh, so they take their slices of most commands.
          const stepwise = backend.createNetworkKernel!(plan);
          expect(stepByStep(stepwise)).toEqual(stepByStep(wasmBackend().createNetworkKernel!(plan)));
        }
        // A per-synapse delay anywhere keeps every projection's delivery on the calling thread.
        const mixed = networkPlan(dtype, batchSize);
        const calling = wasmBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 })
          .createNetworkKernel!(mixed);
        expect(calling.description).toMatch(/\(event-driven delivery\), phases on 2 threads/);
        calling.dispose();
      }, 30_000);
    }
  }

  for (const dtype of ['float32', 'float64'] as const) {
    test(`${dtype}: with delivery split by target, a step costs one command (its delivery and afterSpike ride with the next integrate), bit for bit one thread's`, () => {
      const plan = networkPlan(dtype, 2, { uniformDelays: true });
      const stride = 10;
      const one = simulate(wasmBackend().createNetworkKernel!(plan), plan, stride);
      const command = vi.spyOn(PhaseChannel.prototype, 'command');
      try {
        const threaded = wasmBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 })
          .createNetworkKernel!(plan);
        expect(simulate(threaded, plan, stride)).toEqual(one);
        // Each of the two runs: one command per step (fewer where workers came late and the calling thread ran
        // steps alone), one more to settle each probed step and the last, and the stop.
        const half = STEPS / 2;
        expect(command.mock.calls.length).toBeLessThanOrEqual(2 * (half + Math.ceil(half / stride) + 2));
        const kinds = command.mock.calls.map(([kind]) => kind);
        expect(kinds.filter((kind) => kind === PHASE_COMMAND.advance).length).toBeGreaterThan(0);
        // No phase travels alone: integrate, delivery and afterSpike all ride in advance commands.
        expect(kinds.filter((kind) => kind !== PHASE_COMMAND.advance && kind !== PHASE_COMMAND.stop)).toEqual(
          [],
        );
      } finally {
        command.mockRestore();
      }
      expect(one.spikes.length).toBeGreaterThan(100);
    }, 30_000);
  }

  for (const dtype of ['float32', 'float64'] as const) {
    test(`${dtype}: steps split and unsplit in any order (as where workers come late) stay bit for bit one thread's`, () => {
      const plan = networkPlan(dtype, 2, { uniformDelays: true, excWithoutTrace: true });
      expect(
        plan.groups.map((group) => group.kind === 'population' && group.phased.afterSpikeOnSpikesOnly),
      ).toEqual([true, false, false, false]);
      const one = simulate(wasmBackend().createNetworkKernel!(plan), plan, 7);
      // Every change between split and unsplit steps: a step integrated unsplit settles unsplit, one integrated
      // split settles on the threads or, where the next step runs unsplit, here.
      const pattern = [true, false, true, true, false, false, true, false, false, false, true, true, true];
      let calls = 0;
      const wanted = vi
        .spyOn(PhaseChannel.prototype, 'workersWanted')
        .mockImplementation(() => pattern[calls++ % pattern.length]!);
      try {
        const threaded = wasmBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 })
          .createNetworkKernel!(plan);
        expect(simulate(threaded, plan, 7)).toEqual(one);
        expect(calls).toBeGreaterThan(STEPS);
      } finally {
        wanted.mockRestore();
      }
    }, 30_000);
  }

  test('by default a network splits over threads from 16384 neurons in all (batch rows and vector padding included)', () => {
    const description = (n: number, batchSize: number) => {
      const network = new Network({ backend: wasmBackend({ threads: 2 }), dt: 0.1, batchSize });
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
    expect(description(16380, 1)).toMatch(/on one thread: the network is too small/);
    expect(description(16384, 1)).toMatch(/split by target\), phases on 2 threads/);
    expect(description(8192, 2)).toMatch(/split by target\), phases on 2 threads/);
  });

  test("precision: 'fast' reaches every phase kernel: one thread and three agree bit for bit, not with exact", () => {
    const plan = networkPlan('float64', 2);
    const fast = wasmBackend({ precision: 'fast' }).createNetworkKernel!(plan);
    expect(fast.description).toMatch(/^wasm float64 network.*, fast arithmetic$/);
    const threaded = wasmBackend({ precision: 'fast', threads: 3, minUpdatesForThreads: 0, columnAlign: 4 });
    const threadedKernel = threaded.createNetworkKernel!(plan);
    expect(threadedKernel.description).toMatch(/, fast arithmetic, phases on 3 threads/);
    const outcome = simulate(fast, plan);
    expect(outcome.spikes.length).toBeGreaterThan(100);
    expect(simulate(threadedKernel, plan)).toEqual(outcome);
    // The plan's LIF divides by tau: the fast runs' membrane potentials are not the exact ones.
    expect(outcome.state).not.toEqual(simulate(wasmBackend().createNetworkKernel!(plan), plan).state);
  }, 30_000);

  test('through the Network API: an excitatory-inhibitory network equals the reference backend', () => {
    const run = (backend: Backend) => {
      const net = new Network({ backend, dt: 0.1, dtype: 'float32', batchSize: 2 });
      const exc = net.population(LIF_MODEL, {
        n: 80,
        name: 'exc',
        init: { v: uniform(-65, -52, { seed: 1 }) },
        input: 12,
      });
      const inh = net.population(LIF_MODEL, {
        n: 20,
        name: 'inh',
        init: { v: uniform(-65, -52, { seed: 2 }) },
      });
      const noise = net.poissonSource({ n: 40, rate: 200, seed: 3 });
      net.connect(noise, [exc, inh], {
        synapse: { onPre: 'v += w' },
        connector: { kind: 'fixed-probability', probability: 0.1, seed: 4 },
        w: 'rand() * 3',
        delay: 0,
        seed: 5,
      });
      net.connect(exc, [exc, inh], {
        synapse: { onPre: 'v += w' },
        connector: { kind: 'fixed-probability', probability: 0.1, seed: 6 },
        w: 0.8,
        delay: '0.1 + 0.4 * rand()',
        seed: 7,
      });
      net.connect(inh, exc, {
        synapse: { onPre: 'v -= w' },
        connector: { kind: 'fixed-probability', probability: 0.3, seed: 8 },
        w: 2,
        delay: 0.2,
      });
      const spikes = net.spikeMonitor([exc, inh]);
      const vm = net.stateMonitor(exc, ['v'], { indices: [0, 1, 79] });
      net.run(50);
      const outcome = {
        steps: Array.from(spikes.steps),
        indices: Array.from(spikes.indices),
        v: Array.from(vm.values('v')),
        state: Array.from(net.state(inh, 'v')),
      };
      net.dispose();
      return outcome;
    };
    const wasm = run(wasmBackend());
    expect(wasm.steps.length).toBeGreaterThan(100);
    expect(wasm).toEqual(run(interpreterBackend()));
  });
});
