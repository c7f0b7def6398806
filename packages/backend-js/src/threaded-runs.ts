import {
  type ColumnRange,
  type Dtype,
  driveRun,
  type FloatArray,
  inputBlock,
  partitionColumns,
  type RunRequest,
  type StateArray,
  WorkerTeam,
} from '@synapticflow/core/backend';
import type { CompiledRun } from './compile-step.js';

/** Each worker compiles the same run source as the calling thread and runs it on its columns of shared state. */
const WORKER_HANDLER = `(init) => {
  const view = (d) =>
    d.type === 'boolean' ? new Uint8Array(d.buffer) : init.dtype === 'float32' ? new Float32Array(d.buffer) : new Float64Array(d.buffer);
  const state = {};
  for (const name in init.state) state[name] = view(init.state[name]);
  const params = {};
  for (const name in init.params) params[name] = view(init.params[name]);
  const runs = new Map();
  return (job) => {
    let run = runs.get(job.variant);
    if (run === undefined) {
      run = new Function('dt', job.factoryBody)(init.dt);
      runs.set(job.variant, run);
    }
    const input = init.dtype === 'float32' ? new Float32Array(job.input, 0, job.inputLength) : new Float64Array(job.input, 0, job.inputLength);
    run(state, params, input, job.steps, job.firstStep, [], undefined, job.start, job.end);
  };
}`;

/** Per-step input is staged into shared memory in chunks of at most this many bytes. */
const INPUT_CHUNK_BYTES = 16 * 2 ** 20;

export interface ThreadedState {
  readonly dtype: Dtype;
  readonly n: number;
  readonly batchSize: number;
  readonly dt: number;
  readonly state: Readonly<Record<string, StateArray>>;
}

/** A compiled variant and the text workers compile to get the same function. */
export interface RunVariant {
  readonly key: string;
  readonly run: CompiledRun;
  readonly factoryBody: string;
}

/**
 * Runs on several threads: neurons are split into contiguous column ranges, the calling thread takes the
 * first and workers the rest, all on state in SharedArrayBuffers. Every neuron's arithmetic is the same code
 * as on one thread, so results are bit-identical. Recordings and `beforeStep` are served by the calling
 * thread between dispatches.
 */
export class ThreadedRuns {
  readonly ranges: readonly ColumnRange[];
  private readonly team: WorkerTeam;
  private staged: FloatArray;

  constructor(
    private readonly shared: ThreadedState,
    /** Scalars (baked into the generated source) and per-neuron arrays in shared memory. */
    private readonly params: Readonly<Record<string, number | FloatArray>>,
    threads: number,
    /** Thread boundaries fall on multiples of this many neurons, so no two threads write one cache line. */
    columnAlign: number,
  ) {
    this.ranges = partitionColumns(shared.n, threads, columnAlign);
    this.staged = this.allocate(1024);
    const describe = (values: StateArray) => ({
      buffer: values.buffer,
      type: values instanceof Uint8Array ? 'boolean' : 'number',
    });
    this.team = new WorkerTeam({
      owner: 'js backend',
      workers: this.ranges.length - 1,
      handler: WORKER_HANDLER,
      init: {
        dtype: shared.dtype,
        dt: shared.dt,
        state: Object.fromEntries(Object.entries(shared.state).map(([name, v]) => [name, describe(v)])),
        params: Object.fromEntries(
          Object.entries(params).flatMap(([name, v]) => (typeof v === 'number' ? [] : [[name, describe(v)]])),
        ),
      },
    });
  }

  /**
   * Runs `request` through core's run driver: each call leaves the workers running while this thread does its
   * own range, and the driver waits for them (blocking in Node and workers, asynchronously on a browser's main
   * thread) before staging, recording and calling again.
   */
  run(
    request: RunRequest,
    variant: (perStep: boolean) => RunVariant,
    blocking: boolean,
  ): void | Promise<void> {
    const { n, batchSize, state } = this.shared;
    const block = inputBlock(request.input.layout, n, batchSize);
    return driveRun(request, {
      n,
      batchSize,
      bytesPerElement: this.staged.BYTES_PER_ELEMENT,
      inputChunkBytes: INPUT_CHUNK_BYTES,
      blocking,
      stage: (from, count) => this.stage(request.input.data, from, count),
      advance: ({ first, steps, inputPerStep }) =>
        this.dispatch(
          variant(inputPerStep),
          steps,
          request.firstStep + first,
          inputPerStep ? steps * block : block,
        ),
      record: (recording, row) => recording.buffer.set(state[recording.name]!, row * n * batchSize),
    });
  }

  /** Whether every worker has started (see WorkerTeam.ready). */
  get ready(): boolean {
    return this.team.ready;
  }

  /** Bytes of the shared input staging buffer. */
  get stagedBytes(): number {
    return this.staged.byteLength;
  }

  dispose(): void {
    this.team.dispose();
  }

  private dispatch(variant: RunVariant, steps: number, firstStep: number, inputLength: number): WorkerTeam {
    const [own, ...others] = this.ranges;
    this.team.start(
      others.map((range) => ({
        variant: variant.key,
        factoryBody: variant.factoryBody,
        input: this.staged.buffer,
        inputLength,
        steps,
        firstStep,
        start: range.start,
        end: range.end,
      })),
    );
    const { state } = this.shared;
    variant.run(state, this.params, this.staged, steps, firstStep, [], undefined, own!.start, own!.end);
    return this.team;
  }

  /** Copies input elements [from, from + count) to the start of the shared staging buffer, growing it. */
  private stage(data: FloatArray, from: number, count: number): void {
    if (count > this.staged.length) this.staged = this.allocate(Math.max(count, 2 * this.staged.length));
    this.staged.set(data.subarray(from, from + count));
  }

  private allocate(length: number): FloatArray {
    const Float = this.shared.dtype === 'float32' ? Float32Array : Float64Array;
    return new Float(new SharedArrayBuffer(length * Float.BYTES_PER_ELEMENT) as unknown as ArrayBuffer);
  }
}
