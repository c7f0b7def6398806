import type { WorkerTeam } from './worker-team.js';

/**
 * Int32 slots in a cache line pair (128 bytes). Words that different threads write live in different lines, so
 * that a thread polling one word does not lose its line to writes of another.
 */
const LINE = 32;

/** Slots of a phase channel's shared Int32Array control block. */
const CONTROL = {
  /** Bumped for every command; workers wait for it to change. Written by the calling thread only. */
  sequence: 0,
  /** 0 stop, 1 integrate, 2 afterSpike, 3 deliver, 4 advance. */
  command: 1,
  /** Slices of the current command done by their workers. */
  done: LINE,
  /** 1 once a worker's phase threw; the error itself travels through the WorkerTeam. */
  failed: LINE + 1,
  /** Workers asleep in Atomics.wait on `sequence`. */
  sleepingWorkers: 2 * LINE,
  /** 1 while the calling thread sleeps in Atomics.wait on `done`. */
  callerSleeping: 2 * LINE + 1,
  /**
   * Each worker's lines from here on: first its claim word (the sequence number of the current command while
   * nobody has claimed the worker's slice of it, anything else once claimed), then its spike count of each
   * population for the current integrate command.
   */
  workers: 3 * LINE,
} as const;

/** The commands a phase channel carries; a phase command covers every population of the network. */
export const PHASE_COMMAND = { stop: 0, integrate: 1, afterSpike: 2, deliver: 3, advance: 4 } as const;

/** Polls of a shared word before sleeping on it: a phase often ends within microseconds. */
const SPINS = 20000;

/**
 * Phases in a row whose every worker slice the calling thread ran (the workers came late) before it runs
 * phases alone for a while; the idle workers then fall asleep and leave their cores to the calling thread.
 */
const LATE_PHASES = 4;
/** Phases the calling thread first runs alone; each further late try doubles them, up to the longest. */
const ALONE_FIRST = 16;
const ALONE_LONGEST = 4096;

/** The statements a backend's worker runs for each phase (see `phaseJobSource`). */
export interface PhaseJobCalls {
  /** Over `p`, `range` (this worker's), `w` and `step`; assigns the slice's spike count to `count`. */
  readonly integrate: string;
  /** Over `p`, `range`, `w` and `step`: the afterSpike phase on the whole slice. */
  readonly afterSpike: string;
  /** Over `w` and `step`: the worker's share of the whole network's delivery (a deliver command). */
  readonly deliver?: string;
  /**
   * Over `p`, `range`, `w`, `step` and `count` (the spikes this slice produced at `step`, which wait where its
   * integrate left them): the afterSpike phase of the slice, on its spiking elements only where the program
   * allows. An advance command runs it after the worker's delivery.
   */
  readonly settle?: string;
}

/**
 * The source of a worker's job handler for phase commands, `(job) => void`, for use inside a WorkerTeam
 * handler that has defined `control` and `stepCell` (views of the channel's buffers) and `populations` (each
 * with `ranges`). The job serves commands until the stop command: it waits (spinning briefly, then in
 * Atomics.wait), claims its slice of the command, runs its slice of every population that has one
 * (`p.ranges[w + 1]`) and counts itself done, so one barrier ends a phase of the whole network. Where the
 * calling thread claimed the slice first (the worker came late), the worker leaves it and waits again. An
 * advance command settles one step (deliver, then `settle` on every slice) and integrates the next, so a step
 * costs one barrier.
 */
export function phaseJobSource(calls: PhaseJobCalls): string {
  return `(job) => {
    const C = ${JSON.stringify(CONTROL)};
    const w = job.worker;
    const claim = job.claim;
    const counts = claim + 1;
    let seen = job.sequence;
    const integrateAll = (step) => {
      for (let i = 0; i < populations.length; i++) {
        const p = populations[i];
        const range = p.ranges[w + 1];
        let count = 0;
        if (range !== undefined) {
          ${calls.integrate}
        }
        control[counts + i] = count;
      }
    };
    const deliverAll = (step) => {
      ${calls.deliver ?? ''}
    };
    const settleAll = (step) => {
      deliverAll(step);
      for (let i = 0; i < populations.length; i++) {
        const p = populations[i];
        const range = p.ranges[w + 1];
        const count = control[counts + i];
        if (range !== undefined) {
          ${calls.settle ?? ''}
        }
      }
    };
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
      // Command and steps hold still once this worker's slice is claimed: the next command waits for it.
      if (Atomics.compareExchange(control, claim, sequence, ~sequence) !== sequence) continue;
      const command = control[C.command];
      if (command === ${PHASE_COMMAND.stop}) return;
      const step = stepCell[0];
      try {
        if (command === ${PHASE_COMMAND.integrate}) integrateAll(step);
        else if (command === ${PHASE_COMMAND.deliver}) deliverAll(step);
        else if (command === ${PHASE_COMMAND.advance}) {
          if (stepCell[1] >= 0) settleAll(stepCell[1]);
          if (step >= 0) integrateAll(step);
        } else for (let i = 0; i < populations.length; i++) {
          const p = populations[i];
          const range = p.ranges[w + 1];
          if (range !== undefined) {
            ${calls.afterSpike}
          }
        }
      } catch (error) {
        Atomics.store(control, C.failed, 1);
        throw error;
      } finally {
        Atomics.add(control, C.done, 1);
        if (Atomics.load(control, C.callerSleeping) !== 0) Atomics.notify(control, C.done);
      }
    }
  }`;
}

/**
 * The calling thread's side of the phase commands that backends' network thread teams send their workers:
 * one shared control block and step cell, a command, and the barrier that waits for every worker. The calling
 * thread may claim the slice of a worker that has not started it yet (`claim`) and run it itself, the same
 * code on the same slice, so a worker that sleeps or waits for a core costs one thread's speed, not a stall.
 */
export class PhaseChannel {
  readonly control: Int32Array<SharedArrayBuffer>;
  /** `[0]`: the step a command integrates (or runs its phase of); `[1]`: the step an advance settles. */
  readonly stepCell = new Float64Array(new SharedArrayBuffer(16));
  /** Slots per worker: a claim word and a count per population, in whole cache lines. */
  private readonly workerSlots: number;
  /** Workers' slices of the current command that the calling thread claimed. */
  private claimed = 0;
  /** Phases in a row in which every worker came late. */
  private latePhases = 0;
  /** Phases the calling thread still runs alone, and how many the next such stretch lasts. */
  private alone = 0;
  private aloneNext = ALONE_FIRST;

  constructor(
    readonly workers: number,
    readonly populations: number,
  ) {
    this.workerSlots = Math.ceil((1 + populations) / LINE) * LINE;
    this.control = new Int32Array(new SharedArrayBuffer((CONTROL.workers + workers * this.workerSlots) * 4));
  }

  /** Starts one job per worker on `team`, each serving commands from the current sequence on. */
  start(team: WorkerTeam): void {
    Atomics.store(this.control, CONTROL.failed, 0);
    this.latePhases = 0;
    this.alone = 0;
    this.aloneNext = ALONE_FIRST;
    const sequence = Atomics.load(this.control, CONTROL.sequence);
    team.start(
      Array.from({ length: this.workers }, (_, worker) => ({
        worker,
        sequence,
        claim: this.claimSlot(worker),
      })),
    );
  }

  /**
   * Posts a command (see PHASE_COMMAND) for every population and one step, waking sleeping workers. An advance
   * settles step `settle` (-1: none), then integrates `step` (-1: none).
   */
  command(command: number, step: number, settle = -1): void {
    const { control } = this;
    const sequence = (control[CONTROL.sequence]! + 1) | 0;
    Atomics.store(control, CONTROL.done, 0);
    control[CONTROL.command] = command;
    this.stepCell[0] = step;
    this.stepCell[1] = settle;
    this.claimed = 0;
    for (let w = 0; w < this.workers; w++) Atomics.store(control, this.claimSlot(w), sequence);
    Atomics.store(control, CONTROL.sequence, sequence);
    if (Atomics.load(control, CONTROL.sleepingWorkers) !== 0) Atomics.notify(control, CONTROL.sequence);
  }

  /**
   * Whether the next phase goes to the workers. False for a stretch of phases after workers came late to
   * several phases in a row (a busy machine): the caller then runs the phase alone, unsplit, and the workers,
   * idle, soon sleep. Each stretch that ends in late workers again is twice as long, up to 4096 phases.
   */
  workersWanted(): boolean {
    if (this.alone === 0) return true;
    this.alone--;
    return false;
  }

  /**
   * Claims worker `worker`'s slice of the current (phase) command for the calling thread. True where the
   * worker had not claimed it: the caller then runs that slice itself, writing its counts with `setCount`.
   */
  claim(worker: number): boolean {
    const sequence = this.control[CONTROL.sequence]!;
    if (Atomics.compareExchange(this.control, this.claimSlot(worker), sequence, ~sequence) !== sequence)
      return false;
    this.claimed++;
    return true;
  }

  /**
   * The barrier: spins until every slice the workers claimed is done, then sleeps. Returns false where a
   * worker's phase threw or a worker was lost (the caller then ends the team's job, which throws its
   * WorkerError).
   */
  awaitWorkers(team: WorkerTeam): boolean {
    const { control } = this;
    const workers = this.workers - this.claimed;
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
    if (this.claimed < this.workers) {
      this.latePhases = 0;
      this.aloneNext = ALONE_FIRST;
    } else if (++this.latePhases >= LATE_PHASES) {
      this.latePhases = 0;
      this.alone = this.aloneNext;
      this.aloneNext = Math.min(2 * this.aloneNext, ALONE_LONGEST);
    }
    return Atomics.load(control, CONTROL.failed) === 0 && !team.faulted;
  }

  /** Commands posted since the channel was made, the stop commands included. */
  get commandsSent(): number {
    return Atomics.load(this.control, CONTROL.sequence);
  }

  /** Worker `worker`'s spike count of population `population` for the last integrate command. */
  count(worker: number, population: number): number {
    return this.control[this.claimSlot(worker) + 1 + population]!;
  }

  /** Records the spike count of a slice the calling thread ran for worker `worker` (see `claim`). */
  setCount(worker: number, population: number, count: number): void {
    this.control[this.claimSlot(worker) + 1 + population] = count;
  }

  private claimSlot(worker: number): number {
    return CONTROL.workers + worker * this.workerSlots;
  }
}
