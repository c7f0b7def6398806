import {
  type ColumnRange,
  type Dtype,
  type FloatArray,
  nextRecordedStep,
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
   * The run as a sequence of dispatches: each `yield` leaves the workers running, and the driver waits for
   * them (blocking in Node and workers, asynchronously on a browser's main thread) before resuming.
   */
  *run(request: RunRequest, variant: (perStep: boolean) => RunVariant): Generator<WorkerTeam, void> {
    const { steps, firstStep, input, recordings } = request;
    const { n, batchSize } = this.shared;
    const block = { scalar: 1, neuron: n, full: n * batchSize }[input.layout];
    if (input.beforeStep) {
      const single = variant(false);
      for (let k = 0; k < steps; k++) {
        input.beforeStep(k);
        this.stage(input.data, input.perStep ? k * block : 0, block);
        yield this.dispatch(single, 1, firstStep + k, block);
        this.record(request, k);
      }
      return;
    }
    const chosen = variant(input.perStep);
    const perChunk = Math.max(1, Math.floor(INPUT_CHUNK_BYTES / (block * this.staged.BYTES_PER_ELEMENT)));
    if (!input.perStep) this.stage(input.data, 0, block);
    for (let k = 0; k < steps; ) {
      let count = Math.min(steps - k, nextRecordedStep(recordings, k) - k + 1);
      if (input.perStep) {
        count = Math.min(count, perChunk);
        this.stage(input.data, k * block, count * block);
      }
      yield this.dispatch(chosen, count, firstStep + k, input.perStep ? count * block : block);
      k += count;
      this.record(request, k - 1);
    }
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

  private record(request: RunRequest, k: number): void {
    const size = this.shared.n * this.shared.batchSize;
    for (const recording of request.recordings) {
      if (k % recording.stride !== 0) continue;
      recording.buffer.set(this.shared.state[recording.name]!, (k / recording.stride) * size);
    }
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
