import { faultyHandler } from '@synapticflow/conformance';
import { WorkerError } from '@synapticflow/core';
import type { NetworkKernel, PlanPopulation, WorkerTeamOptions } from '@synapticflow/core/backend';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { networkPlan, simulate } from '../../test/network-plan.js';
import { wasmBackend } from '../index.js';

/** The fault the next worker team's workers inject: on their `onJob`-th job, throw or exit the worker. */
const fault = vi.hoisted(() => ({ kind: 'none' as 'none' | 'throw' | 'exit', onJob: 1 }));

// Worker teams whose workers carry the fault (a mock must live in the test file).
vi.mock('@synapticflow/core/backend', async (importOriginal) => {
  const core = await importOriginal<typeof import('@synapticflow/core/backend')>();
  class FaultyTeam extends core.WorkerTeam {
    constructor(options: WorkerTeamOptions) {
      super({ ...options, handler: faultyHandler(options.handler, fault) });
    }
  }
  return { ...core, WorkerTeam: FaultyTeam };
});

const RUN = { steps: 20, firstStep: 0, probes: [], sinks: [] };

describe('a threaded wasm network with a failing worker', () => {
  let kernel: NetworkKernel | undefined;
  afterEach(() => {
    kernel?.dispose();
    fault.kind = 'none';
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
});
