import { BackendError } from '@synapticflow/core';
import {
  type ColumnRange,
  PHASE_COMMAND,
  PhaseChannel,
  type PhaseKernel,
  partitionColumns,
  phaseJobSource,
  WorkerTeam,
} from '@synapticflow/core/backend';
import type { WasmPhaseKernel } from './wasm-phase-kernel.js';

const MAX_WORKERS = 256;

/**
 * A worker serves one job per run: it instantiates every population's module on that population's shared
 * memory (once), then waits for commands (spinning briefly, then in Atomics.wait), runs its byte range of one
 * population's phase and counts itself done, until the stop command.
 */
const WORKER_HANDLER = `(init) => {
  const control = new Int32Array(init.control);
  const stepCell = new Float64Array(init.step);
  const populations = init.populations.map((p) => {
    const math = {};
    for (const name of p.laneFunctions) math[name] = Math[name];
    const exports = new WebAssembly.Instance(p.module, { env: { memory: p.memory }, math }).exports;
    return { integrate: exports.integrate, afterSpike: exports.afterSpike, ranges: p.ranges };
  });
  return ${phaseJobSource({
    integrate: 'count = p.integrate(step, range.start, range.end);',
    afterSpike: 'p.afterSpike(step, range.start, range.end);',
  })};
}`;

interface TeamPopulation {
  readonly kernel: WasmPhaseKernel;
  /** Byte ranges of the population's regions: the calling thread takes the first, worker w the one at w + 1. */
  readonly ranges: readonly ColumnRange[];
}

export interface PhaseTeamOptions {
  /** Threads in all: the calling thread and `threads - 1` workers. */
  readonly threads: number;
  /** A population with fewer elements (neurons times batch rows) runs on the calling thread only. */
  readonly minElementsForThreads: number;
  /** Slice boundaries fall on multiples of this many elements (rounded up to whole vectors). */
  readonly columnAlign: number;
}

/**
 * Splits the phases of a network's populations over worker threads, every population's module instantiated
 * by each worker on the population's shared memory. A phase call runs contiguous byte ranges of the
 * population's regions (all batch rows laid end to end), one per thread, and waits at a spin barrier; the
 * ranges' spike lists, each ascending and in range order, are then concatenated. Every vector runs the same
 * code as on one thread and delivery stays on the calling thread, so results are bit-identical to one thread.
 * Between `begin` and `end` (one run) the workers serve phase commands; outside, the phases run unsplit.
 */
export class WasmPhaseTeam {
  private readonly populations: TeamPopulation[] = [];
  private readonly channel: PhaseChannel;
  private team: WorkerTeam | null = null;
  private serving = false;
  private disposed = false;

  constructor(private readonly options: PhaseTeamOptions) {
    if (this.workers > MAX_WORKERS) {
      throw new BackendError(`wasm backend: at most ${MAX_WORKERS + 1} threads run a network`);
    }
    this.channel = new PhaseChannel(this.workers);
  }

  get workers(): number {
    return this.options.threads - 1;
  }

  /** Wraps a population kernel (on a shared memory) so that its phases run split while the team serves. */
  add(kernel: WasmPhaseKernel): PhaseKernel {
    if (this.team)
      throw new BackendError('wasm backend: populations join a thread team before its first run');
    const { threads, minElementsForThreads, columnAlign } = this.options;
    const elements = kernel.regionBytes / kernel.bytesPerElement;
    const alignBytes = Math.ceil((columnAlign * kernel.bytesPerElement) / 16) * 16;
    const ranges =
      elements >= minElementsForThreads ? partitionColumns(kernel.regionBytes, threads, alignBytes) : [];
    const population = { kernel, ranges };
    const index = this.populations.length;
    this.populations.push(population);
    const team = this;
    return {
      description: kernel.description,
      view: (name) => kernel.view(name),
      integrate(step, spikes) {
        return team.splits(population) ? team.integrate(index, step, spikes) : kernel.integrate(step, spikes);
      },
      afterSpike(step, spikes, count) {
        // A phase on the spiking elements only runs on this thread, over the merged list.
        if (team.splits(population) && !kernel.afterSpikeOnSpikesOnly) team.afterSpike(index, step);
        else kernel.afterSpike(step, spikes, count);
      },
      memoryBytes: () => kernel.memoryBytes(),
      dispose: () => kernel.dispose(),
    };
  }

  /** Starts the workers serving phase commands; a run calls it first. Returns whether they serve. */
  begin(): boolean {
    this.checkLive();
    if (this.serving || !this.populations.some((p) => p.ranges.length > 1)) return this.serving;
    this.team ??= this.createTeam();
    // A browser worker's nested workers start through its event loop, which a blocked thread never reaches.
    if (!this.team.ready) return false;
    this.channel.start(this.team);
    this.serving = true;
    return true;
  }

  /** Sends the workers the stop command and waits for them; throws a WorkerError if one failed. */
  end(): void {
    if (!this.serving) return;
    this.serving = false;
    this.channel.command(PHASE_COMMAND.stop, 0, 0);
    this.team!.finish();
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.serving) {
      this.serving = false;
      this.channel.command(PHASE_COMMAND.stop, 0, 0);
    }
    this.disposed = true;
    this.team?.dispose();
  }

  private splits(population: TeamPopulation): boolean {
    return this.serving && population.ranges.length > 1;
  }

  private integrate(index: number, step: number, spikes: Uint32Array): number {
    const { kernel, ranges } = this.populations[index]!;
    this.channel.command(PHASE_COMMAND.integrate, index, step);
    const own = ranges[0]!;
    const ownCount = kernel.integrateSlice(step, own.start, own.end);
    this.awaitWorkers();
    // Ranges are ascending, each range's list too: their concatenation is in ascending order.
    kernel.copySpikes(own.start, ownCount, spikes, 0);
    let count = ownCount;
    for (let r = 1; r < ranges.length; r++) {
      const rangeCount = this.channel.count(r - 1);
      kernel.copySpikes(ranges[r]!.start, rangeCount, spikes, count);
      count += rangeCount;
    }
    return count;
  }

  private afterSpike(index: number, step: number): void {
    const { kernel, ranges } = this.populations[index]!;
    this.channel.command(PHASE_COMMAND.afterSpike, index, step);
    kernel.afterSpikeSlice(step, ranges[0]!.start, ranges[0]!.end);
    this.awaitWorkers();
  }

  /** Waits for every worker's slice; a failed or lost worker ends the run with its WorkerError. */
  private awaitWorkers(): void {
    if (!this.channel.awaitWorkers(this.team!)) {
      this.end(); // throws the worker's error as a WorkerError
      throw new BackendError('wasm backend: a worker failed in a network phase');
    }
  }

  private createTeam(): WorkerTeam {
    return new WorkerTeam({
      owner: 'wasm backend',
      workers: this.workers,
      handler: WORKER_HANDLER,
      init: {
        control: this.channel.control.buffer,
        step: this.channel.stepCell.buffer,
        populations: this.populations.map(({ kernel, ranges }) => ({
          module: kernel.module,
          memory: kernel.memory,
          laneFunctions: kernel.laneFunctions,
          ranges,
        })),
      },
    });
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('wasm backend: network threads used after dispose()');
  }
}
