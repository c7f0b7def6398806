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
import type { JsPhaseKernel } from './js-phase-kernel.js';

/**
 * Each worker serves one job for a whole run: it waits for a command in the control block (spinning briefly,
 * then in Atomics.wait), runs its slice of every population's phase, reports their spike counts and waits
 * again, until the stop command.
 */
const WORKER_HANDLER = `(init) => {
  const control = new Int32Array(init.control);
  const stepCell = new Float64Array(init.step);
  const views = (record, dtype) => {
    const out = {};
    for (const name in record) {
      const d = record[name];
      out[name] = d.type === 'boolean' ? new Uint8Array(d.buffer) : dtype === 'float32' ? new Float32Array(d.buffer) : new Float64Array(d.buffer);
    }
    return out;
  };
  const populations = init.populations.map((p) => ({
    phases: new Function('dt', p.factoryBody)(p.dt),
    state: views(p.state, p.dtype),
    params: views(p.params, p.dtype),
    input: p.dtype === 'float32' ? new Float32Array(p.input) : new Float64Array(p.input),
    ranges: p.ranges,
    lists: p.lists.map((buffer) => new Uint32Array(buffer)),
  }));
  ${SPLIT_DELIVERY_WORKER_SETUP}
  return ${phaseJobSource({
    integrate:
      'count = p.phases.integrate(p.state, p.params, p.input, step, p.lists[w], range.start, range.end);',
    afterSpike: 'p.phases.afterSpike(p.state, p.params, p.input, step, range.start, range.end);',
    deliver: SPLIT_DELIVERY_WORKER_CALL,
    settle: `if (p.phases.afterSpikeOnSpikes === null)
            p.phases.afterSpike(p.state, p.params, p.input, step, range.start, range.end);
          else p.phases.afterSpikeOnSpikes(p.state, p.params, p.input, step, p.lists[w], 0, count);`,
  })};
}`;

interface TeamPopulation {
  readonly kernel: JsPhaseKernel;
  readonly batchSize: number;
  /** Column ranges: the calling thread takes the first, worker w the one at w + 1. */
  readonly ranges: readonly ColumnRange[];
  /** Spike lists of the calling thread's slice and of each worker's, in shared memory. */
  readonly own: Uint32Array;
  readonly lists: readonly Uint32Array[];
  readonly cursors: Int32Array;
}

export interface PhaseTeamOptions {
  /** Threads in all: the calling thread and `threads - 1` workers. */
  readonly threads: number;
  /** A network whose populations hold fewer neurons in all (all batch rows) runs on the calling thread only. */
  readonly minNeuronsForThreads: number;
  /** Slice boundaries fall on multiples of this many neurons. */
  readonly columnAlign: number;
}

/**
 * Splits the phases of a network's populations over worker threads, state in SharedArrayBuffers: a phase of
 * the whole network is one command, in which every thread runs its contiguous neuron slice of every batch row
 * of every population, and one spin barrier; `integrateAll` then merges each population's slices' spike lists
 * into ascending order. Every neuron runs the same generated code as on one thread, so results are
 * bit-identical. Where the runner hands over its delivery (`splitDelivery`), each thread applies the events onto
 * the columns it integrates, in the single-thread order, and a step is one command (`advanceAll`): a step's
 * delivery and afterSpike ride with the next step's integrate. Between `begin` and `end` (one run) the workers serve phase
 * commands; outside, the phases run unsplit. The network splits only if its populations hold
 * `minNeuronsForThreads` neurons in all: the barriers cost the same whatever the step's work.
 */
export class PhaseTeam implements PhaseKernelGroup {
  private readonly populations: TeamPopulation[] = [];
  private readonly members: PhaseKernel[] = [];
  private channel: PhaseChannel | null = null;
  private team: WorkerTeam | null = null;
  /** The network's delivery, split by target like the phases, once the runner handed it over. */
  private delivery: TargetSplitDelivery | null = null;
  private deliverCommands = 0;
  /** The calling thread's own slice's spike count of each population at the last split integrate. */
  private ownCounts = new Uint32Array(0);
  /** Whether the last integrate ran unsplit: its spikes then wait merged, not in each slice's list. */
  private integratedWhole = true;
  private serving = false;
  private disposed = false;

  constructor(private readonly options: PhaseTeamOptions) {}

  /** Populations whose phases are split over the threads while the team serves (0: the network is too small). */
  get splitPopulations(): number {
    const neurons = this.populations.reduce((sum, p) => sum + p.kernel.n * p.batchSize, 0);
    if (neurons < this.options.minNeuronsForThreads) return 0;
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
   * Adds a population kernel (created with `shared: true`), whose phases `integrateAll` and `afterSpikeAll`
   * split while the team serves. Returns the kernel as the network sees it.
   */
  add(kernel: JsPhaseKernel, batchSize: number): PhaseKernel {
    if (this.team) throw new BackendError('js backend: populations join a thread team before its first run');
    const { threads, columnAlign } = this.options;
    const ranges = partitionColumns(kernel.n, threads, columnAlign);
    const width = (range: ColumnRange | undefined) => (range ? batchSize * (range.end - range.start) : 0);
    const population: TeamPopulation = {
      kernel,
      batchSize,
      ranges,
      own: new Uint32Array(width(ranges[0])),
      lists: Array.from(
        { length: this.workers },
        (_, w) => new Uint32Array(new SharedArrayBuffer(Math.max(1, width(ranges[w + 1])) * 4)),
      ),
      cursors: new Int32Array(ranges.length),
    };
    this.populations.push(population);
    this.ownCounts = new Uint32Array(this.populations.length);
    // Between commands the workers only wait, so the calling thread may run a whole population itself.
    const member: PhaseKernel = {
      description: kernel.description,
      view: (name) => kernel.view(name),
      integrate: (step, spikes) => kernel.integrate(step, spikes),
      afterSpike: (step, spikes, count) => kernel.afterSpike(step, spikes, count),
      memoryBytes: () =>
        kernel.memoryBytes() + population.lists.reduce((sum, list) => sum + list.byteLength, 0),
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
   * while serving, each thread on its own columns (see PhaseKernelGroup.advanceAll).
   */
  advanceAll(
    settle: number | null,
    integrate: number | null,
    spikes: readonly Uint32Array[],
    counts: Uint32Array,
  ): void {
    const served = this.serving && this.channel!.workersWanted();
    // Unsplit, or after an unsplit integrate (its spikes wait merged, not in each slice's list), the step
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
    this.runSlot(0, settle, integrate, spikes);
    // Slices of workers that have not started yet run here, into the workers' own lists and counts.
    for (let w = 0; w < this.workers; w++)
      if (channel.claim(w)) this.runSlot(w + 1, settle, integrate, spikes);
    this.awaitWorkers();
    if (integrate < 0) return;
    this.integratedWhole = false;
    for (let i = 0; i < populations.length; i++) {
      const ownCount = this.ownCounts[i]!;
      counts[i] = populations[i]!.ranges.length > 1 ? this.mergeSpikes(i, ownCount, spikes[i]!) : ownCount;
    }
  }

  /** Thread slot `slot`'s share of a command (0: the calling thread, w + 1: worker w), as the worker runs it. */
  private runSlot(slot: number, settle: number, integrate: number, spikes: readonly Uint32Array[]): void {
    const { populations } = this;
    if (settle >= 0) {
      this.delivery!.runSlice(slot);
      for (let i = 0; i < populations.length; i++) {
        const { kernel, ranges } = populations[i]!;
        const range = ranges[slot];
        if (range)
          kernel.settleSlice(
            settle,
            this.slotList(slot, i, spikes),
            this.slotCount(slot, i),
            range.start,
            range.end,
          );
      }
    }
    if (integrate < 0) return;
    for (let i = 0; i < populations.length; i++) {
      const range = populations[i]!.ranges[slot];
      const count = range
        ? populations[i]!.kernel.integrateSlice(
            integrate,
            this.slotList(slot, i, spikes),
            range.start,
            range.end,
          )
        : 0;
      if (slot === 0) this.ownCounts[i] = count;
      else this.channel!.setCount(slot - 1, i, count);
    }
  }

  /** Where thread slot `slot` writes population `population`'s spikes: a one-slice population's go in place. */
  private slotList(slot: number, population: number, spikes: readonly Uint32Array[]): Uint32Array {
    const { ranges, own, lists } = this.populations[population]!;
    if (slot > 0) return lists[slot - 1]!;
    return ranges.length === 1 ? spikes[population]! : own;
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

  /** Takes the network's delivery: each thread owns the target columns it integrates, in every batch row. */
  splitDelivery(plan: SplitDeliveryPlan): boolean {
    if (this.team) throw new BackendError('js backend: delivery joins a thread team before its first run');
    const ownership: TargetOwnership[] = this.populations.map(({ ranges }) => ({
      by: 'column',
      slices: ranges.map((range) => ({ lo: range.start, hi: range.end })),
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

  /** Merges population `index`'s slice spike lists (the calling thread's has `ownCount`) into `spikes`. */
  private mergeSpikes(index: number, ownCount: number, spikes: Uint32Array): number {
    const { kernel, batchSize, ranges, own, lists, cursors } = this.populations[index]!;
    const channel = this.channel!;
    // Slices are column ranges of every row: row by row, slice by slice is ascending order.
    cursors.fill(0);
    let count = 0;
    for (let row = 1; row <= batchSize; row++) {
      const rowEnd = row * kernel.n;
      for (let s = 0; s < ranges.length; s++) {
        const list = s === 0 ? own : lists[s - 1]!;
        const end = s === 0 ? ownCount : channel.count(s - 1, index);
        let c = cursors[s]!;
        while (c < end && list[c]! < rowEnd) spikes[count++] = list[c++]!;
        cursors[s] = c;
      }
    }
    return count;
  }

  /** Waits for every worker's slice; a failed or lost worker ends the run with its WorkerError. */
  private awaitWorkers(): void {
    if (!this.channel!.awaitWorkers(this.team!)) {
      this.end(); // throws the worker's error as a WorkerError
      throw new BackendError('js backend: a worker failed in a network phase');
    }
  }

  private createTeam(): WorkerTeam {
    if (this.workers > 256) throw new BackendError('js backend: at most 257 threads run a network');
    this.channel = new PhaseChannel(this.workers, this.populations.length);
    const describe = (values: ArrayLike<number> & { buffer: ArrayBufferLike }) => ({
      buffer: values.buffer,
      type: values instanceof Uint8Array ? 'boolean' : 'number',
    });
    return new WorkerTeam({
      owner: 'js backend',
      workers: this.workers,
      handler: WORKER_HANDLER,
      init: {
        control: this.channel.control.buffer,
        step: this.channel.stepCell.buffer,
        populations: this.populations.map(({ kernel, ranges, lists }) => ({
          factoryBody: kernel.factoryBody,
          dt: kernel.dt,
          dtype: kernel.dtype,
          state: Object.fromEntries(Object.entries(kernel.state).map(([name, v]) => [name, describe(v)])),
          params: Object.fromEntries(
            Object.entries(kernel.params).flatMap(([name, v]) =>
              typeof v === 'number' ? [] : [[name, describe(v)]],
            ),
          ),
          input: kernel.input.buffer,
          ranges,
          lists: lists.map((list) => list.buffer),
        })),
        delivery: this.delivery?.workerInit() ?? null,
      },
    });
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('js backend: network threads used after dispose()');
  }
}
