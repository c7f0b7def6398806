import { faultyHandler } from '@synapticflow/conformance';
import { WorkerError } from '@synapticflow/core';
import type { NetworkKernel, PlanPopulation, WorkerTeamOptions } from '@synapticflow/core/backend';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { networkPlan, simulate } from '../../test/network-plan.js';
import { wasmBackend } from '../index.js';

/** The fault the next worker team's workers inject: on their `onJob`-th job, throw or exit the worker. */
const fault = vi.hoisted(() => ({ kind: 'none' as 'none' | 'throw' | 'exit', onJob: 1 }));
/** While set, the calling thread never takes a worker's slice, so each worker runs its own (not left to timing). */
const slices = vi.hoisted(() => ({ workersOnly: false }));

// Worker teams whose workers carry the fault (a mock must live in the test file).
vi.mock('@synapticflow/core/backend', async (importOriginal) => {
  const core = await importOriginal<typeof import('@synapticflow/core/backend')>();
  class FaultyTeam extends core.WorkerTeam {
    constructor(options: WorkerTeamOptions) {
      super({ ...options, handler: faultyHandler(options.handler, fault) });
    }
  }
  // A worker's slice of every delivery split by target throws (networks with one delay per projection).
  const SPLIT_DELIVERY_WORKER_CALL = "throw new Error('injected fault in delivery');";
  class WorkersOnlyChannel extends core.PhaseChannel {
    override claim(worker: number): boolean {
      return slices.workersOnly ? false : super.claim(worker);
    }
    override workersWanted(): boolean {
      return slices.workersOnly || super.workersWanted();
    }
  }
  return { ...core, WorkerTeam: FaultyTeam, PhaseChannel: WorkersOnlyChannel, SPLIT_DELIVERY_WORKER_CALL };
});

const RUN = { steps: 20, firstStep: 0, probes: [], sinks: [] };

describe('a threaded wasm network with a failing worker', () => {
  let kernel: NetworkKernel | undefined;
  afterEach(() => {
    kernel?.dispose();
    fault.kind = 'none';
    slices.workersOnly = false;
  });

  function threaded(): NetworkKernel {
    const plan = networkPlan('float64', 1);
    return wasmBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 4 }).createNetworkKernel!(plan);
  }

  test.each(['throw', 'exit'] as const)(
    'a worker that fails to serve (%s) ends the run with a WorkerError instead of a hang',
    (kind) => {
      fault.kind = kind;
      kernel = threaded();
      expect(() => kernel!.run(RUN)).toThrow(WorkerError);
    },
    10_000,
  );

  test('after a WorkerError, state written back and events cleared, the next run matches one thread', () => {
    fault.kind = 'throw';
    const plan = networkPlan('float64', 1);
    kernel = threaded();
    expect(() => kernel!.run(RUN)).toThrow(WorkerError);
    // State is half-advanced: runs are refused until every state variable is written again.
    expect(() => kernel!.run(RUN)).toThrow(
      /an earlier run failed in a worker.*not yet written: exc\.v, .*inh\.v/,
    );
    plan.groups.forEach((group, g) => {
      if (group.kind !== 'population') return;
      for (const [name, values] of (group as PlanPopulation).initial) kernel!.writeState(g, name, values);
    });
    kernel.clearEvents();
    const recovered = simulate(kernel, plan);
    kernel = undefined; // simulate disposed it
    expect(recovered).toEqual(simulate(wasmBackend().createNetworkKernel!(plan), plan));
  }, 20_000);

  test('a worker that throws in its slice of a delivery ends the run with a WorkerError; the next run is refused', () => {
    const plan = networkPlan('float64', 1, { uniformDelays: true });
    kernel = wasmBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 4 }).createNetworkKernel!(plan);
    expect(kernel.description).toMatch(/split by target/);
    // The worker delivers its own slice (on a busy machine the calling thread would otherwise take it).
    slices.workersOnly = true;
    let failure: unknown;
    for (let step = 0; step < 20 && failure === undefined; step++) {
      try {
        kernel.run({ ...RUN, steps: 1, firstStep: step });
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(WorkerError);
    expect(String(failure)).toMatch(/injected fault in delivery/);
    expect(() => kernel!.run(RUN)).toThrow(/an earlier run failed in a worker/);
  }, 20_000);
});
