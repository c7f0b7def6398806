import { BackendError } from '@synapticflow/core';
import {
  type ColumnRange,
  PHASE_COMMAND,
  PhaseChannel,
  type PhaseKernel,
  type PhaseKernelGroup,
  partitionColumns,
  phaseJobSource,
  SPLIT_DELIVERY_WORKER_CALL,
  SPLIT_DELIVERY_WORKER_SETUP,
  type SplitDeliveryPlan,
  splitDeliveryObstacle,
  type TargetOwnership,
  TargetSplitDelivery,
  WorkerTeam,
} from '@synapticflow/core/backend';
import type { WasmPhaseKernel } from './wasm-phase-kernel.js';

const MAX_WORKERS = 256;

/**
 * A worker serves one job per run: it instantiates every population's module on that population's shared
 * memory (once), then waits for commands (spinning briefly, then in Atomics.wait), runs its byte range of every
 * population's phase and counts itself done, until the stop command.
 */
const WORKER_HANDLER = `(init) => {
  const control = new Int32Array(init.control);
  const stepCell = new Float64Array(init.step);
  const populations = init.populations.map((p) => {
    const math = {};
    for (const name of p.laneFunctions) math[name] = Math[name];
    const exports = new WebAssembly.Instance(p.module, { env: { memory: p.memory }, math }).exports;
    return {
      integrate: exports.integrate,
      afterSpike: exports.afterSpike,
      onSpikes: exports.afterSpikeOnSpikes ?? null,
      spikeBytesPerElement: 4 / p.bytesPerElement,
      ranges: p.ranges,
    };
  });
  ${SPLIT_DELIVERY_WORKER_SETUP}
  return ${phaseJobSource({
    integrate: 'count = p.integrate(step, range.start, range.end);',
    afterSpike: 'p.afterSpike(step, range.start, range.end);',
    deliver: SPLIT_DELIVERY_WORKER_CALL,
    settle: `if (p.onSpikes === null) p.afterSpike(step, range.start, range.end);
          else {
            const from = range.start * p.spikeBytesPerElement;
            p.onSpikes(step, from, from + count * 4);
          }`,
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
  /** A network whose populations hold fewer elements in all (neurons times batch rows) runs on one thread. */
  readonly minElementsForThreads: number;
  /** Slice boundaries fall on multiples of this many elements (rounded up to whole vectors). */
  readonly columnAlign: number;
}

/**
 * Splits the phases of a network's populations over worker threads, every population's module instantiated
 * by each worker on the population's shared memory. A phase of the whole network is one command: every thread
 * runs its contiguous byte range of each population's regions (all batch rows laid end to end), then all meet
 * at one spin barrier; each population's ranges' spike lists, each ascending and in range order, are then
 * concatenated. Every vector runs the same code as on one thread, so results are bit-identical to one thread.
 * Where the runner hands over its delivery (`splitDelivery`), each thread applies the events onto the elements
 * of its byte ranges, in the single-thread order, and a step is one command (`advanceAll`): a step's delivery and
 * afterSpike ride with the next step's integrate. Between `begin` and `end` (one run) the workers serve phase
 * commands; outside, the phases run unsplit. The network splits only if its populations hold
 * `minElementsForThreads` elements in all: the barriers cost the same whatever the step's work.
 */
export class WasmPhaseTeam implements PhaseKernelGroup {
  private readonly populations: TeamPopulation[] = [];
  private readonly members: PhaseKernel[] = [];
  private channel: PhaseChannel | null = null;
  private team: WorkerTeam | null = null;
  /** The network's delivery, split by target like the phases, once the runner handed it over. */
  private delivery: TargetSplitDelivery | null = null;
  private deliverCommands = 0;
  /** The calling thread's own slice's spike count of each population at the last split integrate. */
  private ownCounts = new Uint32Array(0);
  /** Whether the last integrate ran unsplit: its spikes then wait merged, not at each slice's place. */
  private integratedWhole = true;
  private serving = false;
  private disposed = false;

  constructor(private readonly options: PhaseTeamOptions) {
    if (this.workers > MAX_WORKERS) {
      throw new BackendError(`wasm backend: at most ${MAX_WORKERS + 1} threads run a network`);
    }
  }

  /** Populations whose phases are split over the threads while the team serves (0: the network is too small). */
  get splitPopulations(): number {
    const elements = this.populations.reduce(
      (sum, { kernel }) => sum + kernel.regionBytes / kernel.bytesPerElement,
      0,
    );
    if (elements < this.options.minElementsForThreads) return 0;
    return this.populations.filter((p) => p.ranges.length > 1).length;
  }

  /** Phase commands the workers have been sent (one per phase of the network, and one to stop each run). */
  get commandsSent(): number {
    return this.channel?.commandsSent ?? 0;
  }

  /** Deliver commands the workers have been sent: steps whose delivery split by target. */
  get deliveriesSplit(): number {
    return this.deliverCommands;
  }

  /** The populations' kernels, in the order they joined; each steps alone, unsplit. */
  get kernels(): readonly PhaseKernel[] {
    return this.members;
  }

  get workers(): number {
    return this.options.threads - 1;
  }

  /**
   * Adds a population kernel (on a shared memory), whose phases `integrateAll` and `afterSpikeAll` split while
   * the team serves. Returns the kernel as the network sees it.
   */
  add(kernel: WasmPhaseKernel): PhaseKernel {
    if (this.team)
      throw new BackendError('wasm backend: populations join a thread team before its first run');
    const { threads, columnAlign } = this.options;
    const alignBytes = Math.ceil((columnAlign * kernel.bytesPerElement) / 16) * 16;
    this.populations.push({ kernel, ranges: partitionColumns(kernel.regionBytes, threads, alignBytes) });
    this.ownCounts = new Uint32Array(this.populations.length);
    // Between commands the workers only wait, so the calling thread may run a whole population itself.
    const member: PhaseKernel = {
      description: kernel.description,
      view: (name) => kernel.view(name),
      integrate: (step, spikes) => kernel.integrate(step, spikes),
      afterSpike: (step, spikes, count) => kernel.afterSpike(step, spikes, count),
      memoryBytes: () => kernel.memoryBytes(),
      dispose: () => kernel.dispose(),
    };
    this.members.push(member);
    return member;
  }

  /** Every population's integrate phase for `step`: one command and one barrier while serving. */
  integrateAll(step: number, spikes: readonly Uint32Array[], counts: Uint32Array): void {
    // Outside a run, or for a while after workers came late (a busy machine), every population runs whole here.
    if (!this.serving || !this.channel!.workersWanted()) {
      this.integrateWhole(step, spikes, counts);
      return;
    }
    this.channel!.command(PHASE_COMMAND.integrate, step);
    this.runSplit(-1, step, spikes, counts);
  }

  /**
   * Settles step `settle` (delivery, afterSpike) and integrates step `integrate`: one command and one barrier
   * while serving, each thread on its own elements (see PhaseKernelGroup.advanceAll).
   */
  advanceAll(
    settle: number | null,
    integrate: number | null,
    spikes: readonly Uint32Array[],
    counts: Uint32Array,
  ): void {
    const served = this.serving && this.channel!.workersWanted();
    // Unsplit, or after an unsplit integrate (its spikes wait merged, not at each slice's place), the step
    // settles here, whole.
    if (settle !== null && (!served || this.integratedWhole)) {
      this.delivery!.runWhole();
      for (let i = 0; i < this.populations.length; i++)
        this.populations[i]!.kernel.afterSpike(settle, spikes[i]!, counts[i]!);
      settle = null;
    }
    if (!served) {
      if (integrate !== null) this.integrateWhole(integrate, spikes, counts);
      return;
    }
    if (settle === null && integrate === null) return;
    this.channel!.command(PHASE_COMMAND.advance, integrate ?? -1, settle ?? -1);
    if (settle !== null) this.deliverCommands++;
    this.runSplit(settle ?? -1, integrate ?? -1, spikes, counts);
  }

  private integrateWhole(step: number, spikes: readonly Uint32Array[], counts: Uint32Array): void {
    const { populations } = this;
    for (let i = 0; i < populations.length; i++)
      counts[i] = populations[i]!.kernel.integrate(step, spikes[i]!);
    this.integratedWhole = true;
  }

  /**
   * After a command: the calling thread's slices, those of late workers, the barrier, then (where the command
   * integrated) each population's slices' spike lists merged into `spikes`. -1: no settle, no integrate.
   */
  private runSplit(
    settle: number,
    integrate: number,
    spikes: readonly Uint32Array[],
    counts: Uint32Array,
  ): void {
    const { populations } = this;
    const channel = this.channel!;
    this.runSlot(0, settle, integrate);
    // Slices of workers that have not started yet run here; their spikes land where the worker's would.
    for (let w = 0; w < this.workers; w++) if (channel.claim(w)) this.runSlot(w + 1, settle, integrate);
    this.awaitWorkers();
    if (integrate < 0) return;
    this.integratedWhole = false;
    // Ranges are ascending, each range's list too: their concatenation is in ascending order.
    for (let i = 0; i < populations.length; i++) {
      const { kernel, ranges } = populations[i]!;
      const target = spikes[i]!;
      let count = 0;
      for (let r = 0; r < ranges.length; r++) {
        const rangeCount = this.slotCount(r, i);
        kernel.copySpikes(ranges[r]!.start, rangeCount, target, count);
        count += rangeCount;
      }
      counts[i] = count;
    }
  }

  /** Thread slot `slot`'s share of a command (0: the calling thread, w + 1: worker w), as the worker runs it. */
  private runSlot(slot: number, settle: number, integrate: number): void {
    const { populations } = this;
    if (settle >= 0) {
      this.delivery!.runSlice(slot);
      for (let i = 0; i < populations.length; i++) {
        const { kernel, ranges } = populations[i]!;
        const range = ranges[slot];
        if (range) kernel.settleSlice(settle, range.start, range.end, this.slotCount(slot, i));
      }
    }
    if (integrate < 0) return;
    for (let i = 0; i < populations.length; i++) {
      const { kernel, ranges } = populations[i]!;
      const range = ranges[slot];
      const count = range ? kernel.integrateSlice(integrate, range.start, range.end) : 0;
      if (slot === 0) this.ownCounts[i] = count;
      else this.channel!.setCount(slot - 1, i, count);
    }
  }

  /** The spike count of population `population` in thread slot `slot`'s slice at the last split integrate. */
  private slotCount(slot: number, population: number): number {
    return slot === 0 ? this.ownCounts[population]! : this.channel!.count(slot - 1, population);
  }

  /** Every population's afterSpike phase for `step`: one command and one barrier while serving. */
  afterSpikeAll(step: number, spikes: readonly Uint32Array[], counts: Uint32Array): void {
    const { populations } = this;
    // Phases on the spiking elements only (every population's, see PhasedProgram.afterSpikeOnSpikesOnly) cost
    // too little to split: they run here over the merged lists, with no command and no barrier.
    if (!this.serving || !this.channel!.workersWanted() || this.afterSpikeOnSpikesOnly()) {
      for (let i = 0; i < populations.length; i++)
        populations[i]!.kernel.afterSpike(step, spikes[i]!, counts[i]!);
      return;
    }
    const channel = this.channel!;
    channel.command(PHASE_COMMAND.afterSpike, step);
    for (let i = 0; i < populations.length; i++) {
      const { kernel, ranges } = populations[i]!;
      kernel.afterSpikeSlice(step, ranges[0]!.start, ranges[0]!.end);
    }
    for (let w = 0; w < this.workers; w++) {
      if (!channel.claim(w)) continue;
      for (let i = 0; i < populations.length; i++) {
        const { kernel, ranges } = populations[i]!;
        const range = ranges[w + 1];
        if (range) kernel.afterSpikeSlice(step, range.start, range.end);
      }
    }
    this.awaitWorkers();
  }

  /** Whether delivery may split by target: the network is large enough to split its phases. */
  get splitsDelivery(): boolean {
    return this.splitPopulations > 0;
  }

  /**
   * Takes the network's delivery: each thread owns the elements of its byte ranges (all batch rows end to
   * end). Declined (false) where a synapse program writes synapse variables that batch rows share.
   */
  splitDelivery(plan: SplitDeliveryPlan): boolean {
    if (this.team) throw new BackendError('wasm backend: delivery joins a thread team before its first run');
    const ownership: TargetOwnership[] = this.populations.map(({ kernel, ranges }) => ({
      by: 'element',
      slices: ranges.map((range) => ({
        lo: range.start / kernel.bytesPerElement,
        hi: range.end / kernel.bytesPerElement,
      })),
    }));
    if (splitDeliveryObstacle(plan, ownership) !== null) return false;
    this.delivery = new TargetSplitDelivery(plan, ownership);
    return true;
  }

  /** Every projection's delivery of `step`: one command and one barrier while serving. */
  deliverAll(step: number): void {
    const delivery = this.delivery!;
    if (!this.serving || !this.channel!.workersWanted()) {
      delivery.runWhole();
      return;
    }
    const channel = this.channel!;
    channel.command(PHASE_COMMAND.deliver, step);
    this.deliverCommands++;
    delivery.runSlice(0);
    for (let w = 0; w < this.workers; w++) if (channel.claim(w)) delivery.runSlice(w + 1);
    this.awaitWorkers();
  }

  /** Whether every population's afterSpike runs on its spiking elements only. */
  private afterSpikeOnSpikesOnly(): boolean {
    return this.populations.every((population) => population.kernel.afterSpikeOnSpikesOnly);
  }

  /** Starts the workers serving phase commands; a run calls it first. Returns whether they serve. */
  begin(): boolean {
    this.checkLive();
    if (this.serving || this.splitPopulations === 0) return this.serving;
    this.team ??= this.createTeam();
    // A browser worker's nested workers start through its event loop, which a blocked thread never reaches.
    if (!this.team.ready) return false;
    this.channel!.start(this.team);
    this.serving = true;
    return true;
  }

  /** Sends the workers the stop command and waits for them; throws a WorkerError if one failed. */
  end(): void {
    if (!this.serving) return;
    this.serving = false;
    this.channel!.command(PHASE_COMMAND.stop, 0);
    this.team!.finish();
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.serving) {
      this.serving = false;
      this.channel!.command(PHASE_COMMAND.stop, 0);
    }
    this.disposed = true;
    this.team?.dispose();
  }

  /** Waits for every worker's slice; a failed or lost worker ends the run with its WorkerError. */
  private awaitWorkers(): void {
    if (!this.channel!.awaitWorkers(this.team!)) {
      this.end(); // throws the worker's error as a WorkerError
      throw new BackendError('wasm backend: a worker failed in a network phase');
    }
  }

  private createTeam(): WorkerTeam {
    this.channel = new PhaseChannel(this.workers, this.populations.length);
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
          bytesPerElement: kernel.bytesPerElement,
          ranges,
        })),
        delivery: this.delivery?.workerInit() ?? null,
      },
    });
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('wasm backend: network threads used after dispose()');
  }
}
