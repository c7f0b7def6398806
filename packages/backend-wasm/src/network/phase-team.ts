import { BackendError } from '@synapticflow/core';
import { type ColumnRange, type PhaseKernel, partitionColumns, WorkerTeam } from '@synapticflow/core/backend';
import type { WasmPhaseKernel } from './wasm-phase-kernel.js';

/** Slots of the team's shared Int32Array control block. */
const CONTROL = {
  /** Bumped for every command; workers wait for it to change. */
  sequence: 0,
  /** 0 stop, 1 integrate, 2 afterSpike. */
  command: 1,
  population: 2,
  /** Workers done with the current command. */
  done: 3,
  /** Workers asleep in Atomics.wait on `sequence`. */
  sleepingWorkers: 4,
  /** 1 while the calling thread sleeps in Atomics.wait on `done`. */
  callerSleeping: 5,
  /** 1 once a worker's phase threw; the error itself travels through the WorkerTeam. */
  failed: 6,
  /** Worker w's spike count for the current integrate command is at `counts + w`. */
  counts: 7,
} as const;
const STOP = 0;
const INTEGRATE = 1;
const AFTER_SPIKE = 2;
/** Polls of a shared word before sleeping on it: a phase often ends within microseconds. */
const SPINS = 20000;
const MAX_WORKERS = 256;

/**
 * A worker serves one job per run: it instantiates every population's module on that population's shared
 * memory (once), then waits for commands (spinning briefly, then in Atomics.wait), runs its byte range of one
 * population's phase and counts itself done, until the stop command.
 */
const WORKER_HANDLER = `(init) => {
  const control = new Int32Array(init.control);
  const stepCell = new Float64Array(init.step);
  const C = ${JSON.stringify(CONTROL)};
  const populations = init.populations.map((p) => {
    const math = {};
    for (const name of p.laneFunctions) math[name] = Math[name];
    const exports = new WebAssembly.Instance(p.module, { env: { memory: p.memory }, math }).exports;
    return { integrate: exports.integrate, afterSpike: exports.afterSpike, ranges: p.ranges };
  });
  return (job) => {
    const w = job.worker;
    let seen = job.sequence;
    for (;;) {
      let spins = 0;
      let sequence;
      while ((sequence = Atomics.load(control, C.sequence)) === seen) {
        if (++spins < ${SPINS}) continue;
        Atomics.add(control, C.sleepingWorkers, 1);
        Atomics.wait(control, C.sequence, seen);
        Atomics.sub(control, C.sleepingWorkers, 1);
        spins = 0;
      }
      seen = sequence;
      const command = control[C.command];
      if (command === ${STOP}) return;
      const p = populations[control[C.population]];
      const range = p.ranges[w + 1];
      try {
        if (range === undefined) control[C.counts + w] = 0;
        else if (command === ${INTEGRATE}) control[C.counts + w] = p.integrate(stepCell[0], range.start, range.end);
        else p.afterSpike(stepCell[0], range.start, range.end);
      } catch (error) {
        Atomics.store(control, C.failed, 1);
        throw error;
      } finally {
        Atomics.add(control, C.done, 1);
        if (Atomics.load(control, C.callerSleeping) !== 0) Atomics.notify(control, C.done);
      }
    }
  };
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
  private readonly control: Int32Array<SharedArrayBuffer>;
  private readonly stepCell = new Float64Array(new SharedArrayBuffer(8));
  private team: WorkerTeam | null = null;
  private serving = false;
  private disposed = false;

  constructor(private readonly options: PhaseTeamOptions) {
    if (this.workers > MAX_WORKERS) {
      throw new BackendError(`wasm backend: at most ${MAX_WORKERS + 1} threads run a network`);
    }
    this.control = new Int32Array(new SharedArrayBuffer((CONTROL.counts + this.workers) * 4));
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
      afterSpike(step) {
        if (team.splits(population)) team.afterSpike(index, step);
        else kernel.afterSpike(step);
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
    Atomics.store(this.control, CONTROL.failed, 0);
    const sequence = Atomics.load(this.control, CONTROL.sequence);
    this.team.start(Array.from({ length: this.workers }, (_, worker) => ({ worker, sequence })));
    this.serving = true;
    return true;
  }

  /** Sends the workers the stop command and waits for them; throws a WorkerError if one failed. */
  end(): void {
    if (!this.serving) return;
    this.serving = false;
    this.command(STOP, 0, 0);
    this.team!.finish();
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.serving) {
      this.serving = false;
      this.command(STOP, 0, 0);
    }
    this.disposed = true;
    this.team?.dispose();
  }

  private splits(population: TeamPopulation): boolean {
    return this.serving && population.ranges.length > 1;
  }

  private integrate(index: number, step: number, spikes: Uint32Array): number {
    const { kernel, ranges } = this.populations[index]!;
    this.command(INTEGRATE, index, step);
    const own = ranges[0]!;
    const ownCount = kernel.integrateSlice(step, own.start, own.end);
    this.awaitWorkers();
    // Ranges are ascending, each range's list too: their concatenation is in ascending order.
    kernel.copySpikes(own.start, ownCount, spikes, 0);
    let count = ownCount;
    for (let r = 1; r < ranges.length; r++) {
      const rangeCount = this.control[CONTROL.counts + r - 1]!;
      kernel.copySpikes(ranges[r]!.start, rangeCount, spikes, count);
      count += rangeCount;
    }
    return count;
  }

  private afterSpike(index: number, step: number): void {
    const { kernel, ranges } = this.populations[index]!;
    this.command(AFTER_SPIKE, index, step);
    kernel.afterSpikeSlice(step, ranges[0]!.start, ranges[0]!.end);
    this.awaitWorkers();
  }

  private command(command: number, population: number, step: number): void {
    const { control } = this;
    Atomics.store(control, CONTROL.done, 0);
    control[CONTROL.command] = command;
    control[CONTROL.population] = population;
    this.stepCell[0] = step;
    Atomics.add(control, CONTROL.sequence, 1);
    if (Atomics.load(control, CONTROL.sleepingWorkers) !== 0) Atomics.notify(control, CONTROL.sequence);
  }

  /** The barrier: spins on the workers' done count, then sleeps on it; a failed or lost worker ends the run. */
  private awaitWorkers(): void {
    const { control } = this;
    const team = this.team!;
    const workers = this.workers;
    let spins = 0;
    for (
      let done = Atomics.load(control, CONTROL.done);
      done < workers;
      done = Atomics.load(control, CONTROL.done)
    ) {
      if (++spins < SPINS) continue;
      // A worker that died never counts itself done here; its team knows.
      if (team.faulted) break;
      Atomics.store(control, CONTROL.callerSleeping, 1);
      Atomics.wait(control, CONTROL.done, done, 50);
      Atomics.store(control, CONTROL.callerSleeping, 0);
      spins = SPINS - 1;
    }
    if (Atomics.load(control, CONTROL.failed) !== 0 || team.faulted) {
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
        control: this.control.buffer,
        step: this.stepCell.buffer,
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
