import { faultyHandler } from '@synapticflow/conformance';
import { WorkerError } from '@synapticflow/core';
import type { WorkerTeamOptions } from '@synapticflow/core/backend';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { libraryPopulation, phaseRequest } from '../testing/library-requests.js';
import { smallNetworkPlan } from '../testing/network-plan.js';
import { createJsNetworkKernel } from './js-network-kernel.js';
import { JsPhaseKernel } from './js-phase-kernel.js';
import { PhaseTeam } from './phase-team.js';

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

describe('PhaseTeam with a failing worker', () => {
  let team: PhaseTeam | undefined;
  afterEach(() => {
    team?.dispose();
    fault.kind = 'none';
    slices.workersOnly = false;
  });

  function splitPopulation() {
    const { request } = libraryPopulation('lif', { n: 8, dtype: 'float64' });
    team = new PhaseTeam({ threads: 2, minNeuronsForThreads: 0, columnAlign: 1 });
    return team.add(
      new JsPhaseKernel(phaseRequest(request, new Float64Array(8).fill(2)), { shared: true }),
      1,
    );
  }

  /** Steps the team's network through `steps` steps and ends the run. */
  function serveRun(steps: number, spikes = [new Uint32Array(8)], counts = new Uint32Array(1)): void {
    for (let step = 0; step < steps; step++) {
      team!.integrateAll(step, spikes, counts);
      team!.afterSpikeAll(step, spikes, counts);
    }
    team!.end();
  }

  test.each(['throw', 'exit'] as const)(
    'a worker that fails to serve (%s) ends the run with a WorkerError instead of a hang',
    (kind) => {
      fault.kind = kind;
      splitPopulation();
      expect(team!.begin()).toBe(true);
      // The calling thread runs the slices the worker never claims; the failure surfaces by the run's end.
      expect(() => serveRun(50)).toThrow(WorkerError);
    },
    10_000,
  );

  test('after a WorkerError the next run serves again and matches one thread', () => {
    fault.kind = 'throw';
    const kernel = splitPopulation();
    const spikes = [new Uint32Array(8)];
    const counts = new Uint32Array(1);
    team!.begin();
    expect(() => serveRun(1, spikes, counts)).toThrow(WorkerError);
    expect(team!.begin()).toBe(true);
    const { request } = libraryPopulation('lif', { n: 8, dtype: 'float64' });
    const alone = new JsPhaseKernel(phaseRequest(request, new Float64Array(8).fill(2)));
    for (const { name } of request.program.state) alone.view(name).set(kernel.view(name));
    const aloneSpikes = new Uint32Array(8);
    for (let step = 1; step < 100; step++) {
      team!.integrateAll(step, spikes, counts);
      expect(counts[0]).toBe(alone.integrate(step, aloneSpikes));
      team!.afterSpikeAll(step, spikes, counts);
      alone.afterSpike(step, aloneSpikes, counts[0]!);
    }
    team!.end();
    expect(kernel.view('v')).toEqual(alone.view('v'));
  });

  test('a network run that failed in a worker is refused until every state variable is written again', () => {
    fault.kind = 'throw';
    const plan = smallNetworkPlan({ dtype: 'float64', batchSize: 1 });
    const kernel = createJsNetworkKernel(plan, { threads: 2, minNeuronsForThreads: 0, columnAlign: 1 });
    const run = { steps: 5, firstStep: 0, probes: [], sinks: [] };
    expect(() => kernel.run(run)).toThrow(WorkerError);
    expect(() => kernel.run(run)).toThrow(/half-advanced.*not yet written: exc\.v/);
    for (const [g, group] of plan.groups.entries()) {
      if (group.kind !== 'population') continue;
      for (const [name, values] of group.initial) kernel.writeState(g, name, values);
    }
    kernel.clearEvents();
    expect(() => kernel.run(run)).not.toThrow();
    kernel.dispose();
  });

  test('a worker that throws in its slice of a delivery ends the run with a WorkerError; the next run is refused', () => {
    const plan = smallNetworkPlan({ dtype: 'float64', batchSize: 1, oneDelayEach: true });
    const kernel = createJsNetworkKernel(plan, { threads: 2, minNeuronsForThreads: 0, columnAlign: 1 });
    expect(kernel.description).toMatch(/split by target/);
    // The worker delivers its own slice (on a busy machine the calling thread would otherwise take it).
    slices.workersOnly = true;
    let failure: unknown;
    for (let step = 0; step < 20 && failure === undefined; step++) {
      try {
        kernel.run({ steps: 1, firstStep: step, probes: [], sinks: [] });
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(WorkerError);
    expect(String(failure)).toMatch(/injected fault in delivery/);
    expect(() => kernel.run({ steps: 1, firstStep: 0, probes: [], sinks: [] })).toThrow(/half-advanced/);
    kernel.dispose();
  }, 20_000);
});
