import {
  FailedRunGuard,
  type NetworkKernel,
  type NetworkPlan,
  NetworkRunner,
  type NetworkRunRequest,
  type PhaseKernelRequest,
  type StateArray,
} from '@synapticflow/core/backend';
import type { Precision } from '../emit-expression.js';
import { WasmPhaseTeam } from './phase-team.js';
import { createWasmPhaseKernel, WasmPhaseKernel } from './wasm-phase-kernel.js';

export interface WasmNetworkThreads {
  /** Threads in all (default 1). */
  readonly threads?: number;
  /** Whether this thread may block while workers run; without it, networks run on one thread. */
  readonly blocking?: boolean;
  /**
   * A network whose populations hold fewer neurons in all (all batch rows) runs on one thread (default 16384:
   * from there on two threads beat one on CUBA-like networks, docs/performance.md).
   */
  readonly minNeuronsForThreads?: number;
  /** Slice boundaries fall on multiples of this many neurons (default 64; whole vectors at least). */
  readonly columnAlign?: number;
  /** Arithmetic of the populations' phases (default `exact`); see `WasmBackendOptions.precision`. */
  readonly precision?: Precision;
}

/**
 * A network on the wasm backend: core's runner (schedule, queues, sources, probes, JavaScript delivery over the
 * live views) with a WebAssembly phase kernel per population. With threads (on a thread that may block), the
 * populations' phases split over a team of workers on shared memories, one command per phase for all of them;
 * where every projection has one delay, delivery splits too (by target) and a step is one command (a step's
 * delivery and afterSpike with the next step's integrate). Results are bit-identical to one thread.
 */
export function createWasmNetworkKernel(plan: NetworkPlan, options: WasmNetworkThreads = {}): NetworkKernel {
  const threads = options.threads ?? 1;
  const createPhaseKernel = (request: PhaseKernelRequest) =>
    createWasmPhaseKernel(request, { precision: options.precision ?? 'exact' });
  if (threads === 1) {
    const runner = new NetworkRunner(plan, { owner: 'wasm', createPhaseKernel });
    if (options.precision === 'fast') describe(runner, arithmeticOf(options));
    return runner;
  }
  if (!(options.blocking ?? true)) {
    const runner = new NetworkRunner(plan, { owner: 'wasm', createPhaseKernel });
    // A browser's main thread may not wait for workers inside a step; the runner's description says so.
    describe(runner, `${arithmeticOf(options)}, on one thread (this thread may not block on workers)`);
    return runner;
  }
  return new ThreadedNetwork(plan, threads, options);
}

/** Networks split over threads from this many neurons in all (measured: docs/performance.md, network threads). */
export const DEFAULT_MIN_NEURONS_FOR_THREADS = 2 ** 14;

/** What the description adds for the arithmetic: nothing for the exact one. */
function arithmeticOf(options: WasmNetworkThreads): string {
  return options.precision === 'fast' ? ', fast arithmetic' : '';
}

function describe(runner: NetworkRunner, addition: string): void {
  Object.defineProperty(runner, 'description', { value: `${runner.description}${addition}` });
}

/**
 * The runner with a phase team: every run has the workers serve phase commands from start to end. A run that
 * fails in a worker leaves state half-advanced, so runs are refused until every state variable is written.
 */
class ThreadedNetwork implements NetworkKernel {
  readonly description: string;
  private readonly runner: NetworkRunner;
  private readonly team: WasmPhaseTeam;
  private readonly guard: FailedRunGuard;
  /** The guard's name of each population's state variable: `group.state`. */
  private readonly guardName: (group: number, name: string) => string;

  constructor(plan: NetworkPlan, threads: number, options: WasmNetworkThreads) {
    const minNeurons = options.minNeuronsForThreads ?? DEFAULT_MIN_NEURONS_FOR_THREADS;
    const precision = options.precision ?? 'exact';
    const team = new WasmPhaseTeam({
      threads,
      minElementsForThreads: minNeurons,
      columnAlign: options.columnAlign ?? 64,
    });
    this.team = team;
    this.runner = new NetworkRunner(plan, {
      owner: 'wasm',
      createPhaseKernel: (request) => createWasmPhaseKernel(request, { precision }),
      createPhaseKernelGroup: (requests) => {
        for (const request of requests) team.add(new WasmPhaseKernel(request, { shared: true, precision }));
        return team;
      },
    });
    this.guardName = (group, name) => `${plan.groups[group]!.name}.${name}`;
    this.guard = new FailedRunGuard(
      'wasm backend',
      plan.groups.flatMap((group, g) =>
        group.kind === 'population' ? group.phased.program.state.map((s) => this.guardName(g, s.name)) : [],
      ),
    );
    this.description =
      team.splitPopulations > 0
        ? `${this.runner.description}${arithmeticOf(options)}, phases on ${threads} threads (networks of ${minNeurons} neurons and more)`
        : `${this.runner.description}${arithmeticOf(options)}, on one thread: the network is too small to split over threads`;
  }

  readState(group: number, name: string): StateArray {
    return this.runner.readState(group, name);
  }

  writeState(group: number, name: string, values: ArrayLike<number>): void {
    this.runner.writeState(group, name, values);
    this.guard.written(this.guardName(group, name));
  }

  readSynapses(projection: number, name: string) {
    return this.runner.readSynapses(projection, name);
  }

  run(request: NetworkRunRequest): void {
    this.guard.run(() => this.runServed(request));
  }

  private runServed(request: NetworkRunRequest): void {
    const serving = this.team.begin();
    try {
      this.runner.run(request);
    } finally {
      // After a worker failure the team has already stopped; end() is then a no-op.
      if (serving) this.team.end();
    }
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
    this.team.dispose();
    this.runner.dispose();
  }
}
