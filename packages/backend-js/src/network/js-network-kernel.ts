import {
  FailedRunGuard,
  type NetworkKernel,
  type NetworkPlan,
  NetworkRunner,
  type NetworkRunRequest,
  type PhaseKernelRequest,
} from '@synapticflow/core/backend';
import type { Precision } from '../fast-program.js';
import { createJsPhaseKernel, JsPhaseKernel } from './js-phase-kernel.js';
import { PhaseTeam } from './phase-team.js';

/** Options of the typed-array network kernel: threads and how populations are split over them. */
export interface JsNetworkOptions {
  /** Threads in all (default 1); see `JsBackendOptions.threads`. */
  threads?: number;
  /** Whether this thread may block while workers run; where it may not, networks run on one thread. */
  blocking?: boolean;
  /** A network whose populations hold fewer neurons in all (all batch rows) runs on the calling thread only. */
  minNeuronsForThreads?: number;
  /** Slice boundaries fall on multiples of this many neurons (default 64). */
  columnAlign?: number;
  /** Arithmetic of float32 populations (default exact); see `JsBackendOptions.precision`. */
  precision?: Precision;
}

/**
 * The js backend's network kernel: core's NetworkRunner with generated phase kernels. With several threads,
 * the populations' phases are split over a PhaseTeam for the length of each run, one command per phase for
 * all of them; where every projection has one delay, delivery splits too (by target) and a step is one command.
 */
export function createJsNetworkKernel(plan: NetworkPlan, options: JsNetworkOptions = {}): NetworkKernel {
  const threads = options.threads ?? 1;
  const precision = options.precision ?? 'exact';
  const createPhaseKernel = (request: PhaseKernelRequest) => createJsPhaseKernel(request, { precision });
  // Fast arithmetic applies to float32 only.
  const arithmetic = precision === 'fast' && plan.dtype === 'float32' ? ', fast arithmetic' : '';
  if (threads === 1) {
    const runner = new NetworkRunner(plan, { owner: 'js', createPhaseKernel });
    if (arithmetic)
      Object.defineProperty(runner, 'description', { value: `${runner.description}${arithmetic}` });
    return runner;
  }
  if (options.blocking === false) {
    // The barrier between phases blocks, which a browser's main thread may not.
    const runner = new NetworkRunner(plan, { owner: 'js', createPhaseKernel });
    const description = `${runner.description}${arithmetic}, on one thread: network threads need a thread that may block (a worker)`;
    return new TeamNetworkKernel(runner, null, description, plan);
  }
  const team = new PhaseTeam({
    threads,
    minNeuronsForThreads: options.minNeuronsForThreads ?? DEFAULT_MIN_NEURONS_FOR_THREADS,
    columnAlign: options.columnAlign ?? 64,
  });
  let runner: NetworkRunner;
  try {
    runner = new NetworkRunner(plan, {
      owner: 'js',
      createPhaseKernel,
      createPhaseKernelGroup: (requests) => {
        for (const request of requests)
          team.add(new JsPhaseKernel(request, { shared: true, precision }), request.batchSize);
        return team;
      },
    });
  } catch (error) {
    team.dispose();
    throw error;
  }
  const split = team.splitPopulations;
  const description =
    split > 0
      ? `${runner.description}${arithmetic}, phases of ${split} population${split === 1 ? '' : 's'} on ${threads} threads`
      : `${runner.description}${arithmetic}, on one thread: the network is too small to split over threads`;
  return new TeamNetworkKernel(runner, team, description, plan);
}

/**
 * Networks split over threads from this many neurons in all rows (`JsBackendOptions.minUpdatesForThreads`
 * overrides it): from there on two threads beat one on CUBA-like networks (docs/performance.md).
 */
export const DEFAULT_MIN_NEURONS_FOR_THREADS = 2 ** 13;

/**
 * A NetworkRunner with its own description, whose runs split population phases over a PhaseTeam if given.
 * After a run that failed in a worker, some slices advanced and others not: runs are refused until every
 * population's state has been written again.
 */
class TeamNetworkKernel implements NetworkKernel {
  private readonly guard: FailedRunGuard;

  constructor(
    private readonly runner: NetworkRunner,
    private readonly team: PhaseTeam | null,
    readonly description: string,
    private readonly plan: NetworkPlan,
  ) {
    const names = plan.groups.flatMap((group) =>
      group.kind === 'population' ? group.phased.program.state.map((s) => `${group.name}.${s.name}`) : [],
    );
    this.guard = new FailedRunGuard('js backend', names);
  }

  run(request: NetworkRunRequest): void {
    const team = this.team;
    if (!team) {
      this.runner.run(request);
      return;
    }
    this.guard.run(() => {
      team.begin();
      try {
        this.runner.run(request);
      } finally {
        team.end();
      }
    });
  }

  readState(group: number, name: string) {
    return this.runner.readState(group, name);
  }

  writeState(group: number, name: string, values: ArrayLike<number>): void {
    this.runner.writeState(group, name, values);
    this.guard.written(`${this.plan.groups[group]!.name}.${name}`);
  }

  readSynapses(projection: number, name: string) {
    return this.runner.readSynapses(projection, name);
  }

  clearEvents(): void {
    this.runner.clearEvents();
  }

  findNonFinite() {
    return this.runner.findNonFinite();
  }

  memoryBytes(): number {
    return this.runner.memoryBytes();
  }

  dispose(): void {
    this.runner.dispose();
    this.team?.dispose();
  }
}
