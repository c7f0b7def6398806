import type { WorkerTeam } from './worker-team.js';

/** Slots of a phase channel's shared Int32Array control block. */
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

/** The commands a phase channel carries. */
export const PHASE_COMMAND = { stop: 0, integrate: 1, afterSpike: 2 } as const;

/** Polls of a shared word before sleeping on it: a phase often ends within microseconds. */
const SPINS = 20000;

/**
 * The source of a worker's job handler for phase commands, `(job) => void`, for use inside a WorkerTeam
 * handler that has defined `control` and `stepCell` (views of the channel's buffers) and `populations`. The
 * job serves commands until the stop command: it waits (spinning briefly, then in Atomics.wait), runs its slice
 * and counts itself done. `integrate` and `afterSpike` are statements over `p` (the population), `range` (this
 * worker's), `w` (the worker) and `step`; `integrate` assigns this slice's spike count to `count`.
 */
export function phaseJobSource(calls: { integrate: string; afterSpike: string }): string {
  return `(job) => {
    const C = ${JSON.stringify(CONTROL)};
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
      if (command === ${PHASE_COMMAND.stop}) return;
      const p = populations[control[C.population]];
      const range = p.ranges[w + 1];
      const step = stepCell[0];
      try {
        if (range === undefined) control[C.counts + w] = 0;
        else if (command === ${PHASE_COMMAND.integrate}) {
          let count = 0;
          ${calls.integrate}
          control[C.counts + w] = count;
        } else {
          ${calls.afterSpike}
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
 * one shared control block and step cell, a command, and the barrier that waits for every worker.
 */
export class PhaseChannel {
  readonly control: Int32Array<SharedArrayBuffer>;
  readonly stepCell = new Float64Array(new SharedArrayBuffer(8));

  constructor(readonly workers: number) {
    this.control = new Int32Array(new SharedArrayBuffer((CONTROL.counts + workers) * 4));
  }

  /** Starts one job per worker on `team`, each serving commands from the current sequence on. */
  start(team: WorkerTeam): void {
    Atomics.store(this.control, CONTROL.failed, 0);
    const sequence = Atomics.load(this.control, CONTROL.sequence);
    team.start(Array.from({ length: this.workers }, (_, worker) => ({ worker, sequence })));
  }

  /** Posts a command (see PHASE_COMMAND) for one population and step, waking sleeping workers. */
  command(command: number, population: number, step: number): void {
    const { control } = this;
    Atomics.store(control, CONTROL.done, 0);
    control[CONTROL.command] = command;
    control[CONTROL.population] = population;
    this.stepCell[0] = step;
    Atomics.add(control, CONTROL.sequence, 1);
    if (Atomics.load(control, CONTROL.sleepingWorkers) !== 0) Atomics.notify(control, CONTROL.sequence);
  }

  /**
   * The barrier: spins on the workers' done count, then sleeps on it. Returns false where a worker's phase
   * threw or a worker was lost (the caller then ends the team's job, which throws its WorkerError).
   */
  awaitWorkers(team: WorkerTeam): boolean {
    const { control, workers } = this;
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
    return Atomics.load(control, CONTROL.failed) === 0 && !team.faulted;
  }

  /** Worker w's spike count for the last integrate command. */
  count(worker: number): number {
    return this.control[CONTROL.counts + worker]!;
  }
}
