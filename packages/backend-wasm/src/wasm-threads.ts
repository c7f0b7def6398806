import { type ColumnRange, type KernelInput, partitionColumns, WorkerTeam } from '@synapticflow/core/backend';
import type { LaneFunction } from './lane-calls.js';

/**
 * Each worker instantiates the kernel's modules on the same shared memory and runs its column range. Lane
 * functions are the Math functions of the same name (see LANE_FUNCTIONS), so every thread computes alike.
 */
const WORKER_HANDLER = `(init) => {
  const runs = new Map();
  return (job) => {
    let run = runs.get(job.layout);
    if (run === undefined) {
      const math = {};
      for (const name of job.laneFunctions) math[name] = Math[name];
      run = new WebAssembly.Instance(job.module, { env: { memory: init.memory }, math }).exports.run;
      runs.set(job.layout, run);
    }
    run(job.steps, job.firstStep, job.input, job.inputStride, job.start, job.end);
  };
}`;

export interface ThreadModule {
  readonly module: WebAssembly.Module;
  readonly laneFunctions: readonly LaneFunction[];
}

/**
 * Splits every call into `run` over threads by columns of the padded rows: the calling thread takes the first
 * range, workers the rest, all on one shared memory. The vector code per neuron is the same on every thread, so
 * results are bit-identical to one thread.
 */
export class WasmThreads {
  /** Byte offsets within a row. */
  readonly ranges: readonly ColumnRange[];
  private readonly team: WorkerTeam;

  /** `alignBytes`: a multiple of 16 (whole vectors); rows are whole vectors, so every range is. */
  constructor(memory: WebAssembly.Memory, rowBytes: number, threads: number, alignBytes: number) {
    this.ranges = partitionColumns(rowBytes, threads, alignBytes);
    this.team = new WorkerTeam({
      owner: 'wasm backend',
      workers: this.ranges.length - 1,
      handler: WORKER_HANDLER,
      init: { memory },
    });
  }

  /** Whether every worker has started (see WorkerTeam.ready). */
  get ready(): boolean {
    return this.team.ready;
  }

  /** Starts one call on the workers, runs this thread's range with `runOwn`, and returns the team to wait on. */
  dispatch(
    layout: KernelInput['layout'],
    compiled: ThreadModule,
    [steps, firstStep, input, inputStride]: readonly [number, number, number, number],
    runOwn: (start: number, end: number) => void,
  ): WorkerTeam {
    const [own, ...others] = this.ranges;
    this.team.start(
      others.map(({ start, end }) => ({
        layout,
        module: compiled.module,
        laneFunctions: compiled.laneFunctions,
        steps,
        firstStep,
        input,
        inputStride,
        start,
        end,
      })),
    );
    runOwn(own!.start, own!.end);
    return this.team;
  }

  dispose(): void {
    this.team.dispose();
  }
}
