import { BackendError } from '@synapticflow/core';
import type {
  Dtype,
  FloatArray,
  Kernel,
  KernelInput,
  KernelRequest,
  RunRequest,
  StateArray,
  StepProgram,
} from '@synapticflow/core/backend';
import { FailedRunGuard, kernelParameters, requireSharedMemory } from '@synapticflow/core/backend';
import { compileRun, generateRunSource, runFactoryBody } from './compile-step.js';
import { type Precision, withHoistedReciprocals } from './fast-program.js';
import { type RunVariant, ThreadedRuns } from './threaded-runs.js';

/** Options of a typed-array kernel: threads and how runs are split over them. */
export interface JsKernelOptions {
  /** Threads to split neurons over (default 1); see `JsBackendOptions.threads`. */
  threads?: number;
  /** Runs with fewer neuron updates per dispatch than this stay on the calling thread. */
  minUpdatesForThreads?: number;
  /** Thread boundaries fall on multiples of this many neurons (default 64). */
  columnAlign?: number;
  /** Whether this thread may block while workers run (false on a browser's main thread: runs return Promises). */
  blocking?: boolean;
  /** Arithmetic of float32 kernels (default exact); see `JsBackendOptions.precision`. */
  precision?: Precision;
}

/** State in typed arrays, advanced by generated fused loops (one per input layout, compiled on first use). */
export class JsKernel implements Kernel {
  readonly description: string;
  /** The program the run functions compile: the request's, rewritten in the fast mode. */
  private readonly program: StepProgram;
  private readonly precision: Precision;
  private readonly dtype: Dtype;
  private readonly shape: { n: number; batchSize: number };
  private readonly state: Record<string, StateArray> = {};
  private readonly params: Record<string, number | FloatArray> = {};
  private readonly compiled = new Map<string, RunVariant>();
  private readonly threads: ThreadedRuns | undefined;
  private readonly minUpdatesForThreads: number;
  private readonly blocking: boolean;
  private readonly guard: FailedRunGuard;
  private disposed = false;
  private readonly serial = ++kernelsCreated;

  constructor(request: KernelRequest, options: JsKernelOptions = {}) {
    const threads = options.threads ?? 1;
    this.minUpdatesForThreads = options.minUpdatesForThreads ?? 2 ** 16;
    this.blocking = options.blocking ?? true;
    this.dtype = request.dtype;
    // The fast mode is for float32 kernels; float64 ones stay exact.
    this.precision = request.dtype === 'float32' ? (options.precision ?? 'exact') : 'exact';
    this.shape = { n: request.n, batchSize: request.batchSize };
    this.guard = new FailedRunGuard(
      'js backend',
      request.program.state.map((variable) => variable.name),
    );
    const size = request.n * request.batchSize;
    const shared = threads > 1; // shared memory only where workers will see it
    if (shared) requireSharedMemory('js backend'); // before the first SharedArrayBuffer below
    for (const variable of request.program.state) {
      this.state[variable.name] =
        variable.type === 'boolean'
          ? allocateBytes(size, shared)
          : allocateFloats(request.dtype, size, shared);
    }
    for (const [name, value] of kernelParameters('js backend', request)) {
      if (typeof value === 'number') {
        this.params[name] = value;
      } else {
        const values = allocateFloats(request.dtype, value.length, shared);
        values.set(value);
        this.params[name] = values;
      }
    }
    this.program = request.program;
    if (this.precision === 'fast') {
      const { program, reciprocals } = withHoistedReciprocals(request.program, this.params);
      this.program = program;
      for (const [name, values] of reciprocals) {
        this.params[name] = allocateFloats(request.dtype, values.length, shared);
        (this.params[name] as FloatArray).set(values);
      }
    }
    if (shared) {
      const layout = { dtype: request.dtype, dt: request.program.dt, ...this.shape, state: this.state };
      const runs = new ThreadedRuns(layout, this.params, threads, options.columnAlign ?? 64);
      // Too few neurons to split: the team would sit idle.
      if (runs.ranges.length > 1) this.threads = runs;
      else runs.dispose();
    }
    const threadCount = this.threads?.ranges.length ?? 1;
    this.description = `js ${request.dtype} (fused loop${this.precision === 'fast' ? ', fast arithmetic' : ''}${threadCount > 1 ? `, ${threadCount} threads` : ''})`;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    const target = this.buffer(name);
    if (values.length !== target.length) {
      throw new BackendError(`state "${name}" needs ${target.length} values, got ${values.length}`);
    }
    target.set(values);
    this.guard.written(name);
  }

  readState(name: string): StateArray {
    return this.buffer(name).slice();
  }

  async readStateAsync(name: string): Promise<StateArray> {
    return this.readState(name);
  }

  run(request: RunRequest): void | Promise<void> {
    this.checkLive();
    return this.guard.run(() => this.advance(request));
  }

  findNaN(): { state: string; index: number } | null {
    return this.findInState(Number.isNaN);
  }

  findNonFinite(): { state: string; index: number } | null {
    return this.findInState((x) => !Number.isFinite(x));
  }

  private findInState(matches: (x: number) => boolean): { state: string; index: number } | null {
    for (const variable of this.program.state) {
      if (variable.type !== 'number') continue;
      const values = this.state[variable.name]!;
      for (let i = 0; i < values.length; i++) {
        if (matches(values[i]!)) return { state: variable.name, index: i };
      }
    }
    return null;
  }

  memoryBytes(): number {
    let bytes = this.threads?.stagedBytes ?? 0;
    for (const buffer of [...Object.values(this.state), ...Object.values(this.params)]) {
      if (typeof buffer !== 'number') bytes += buffer.byteLength;
    }
    return bytes;
  }

  dispose(): void {
    this.disposed = true;
    this.compiled.clear();
    this.threads?.dispose();
  }

  /** The generated source for an input layout, for inspection and docs. */
  source(input: Pick<KernelInput, 'layout' | 'perStep'> & { beforeStep?: boolean }): string {
    return generateRunSource(
      this.program,
      this.dtype,
      this.shape,
      this.params,
      { layout: input.layout, perStep: input.perStep, beforeStep: input.beforeStep ?? false },
      this.precision,
    );
  }

  private advance(request: RunRequest): void | Promise<void> {
    const size = this.shape.n * this.shape.batchSize;
    const perDispatch = request.input.beforeStep ? size : size * request.steps;
    // A blocking caller only dispatches to started workers (see WorkerTeam.ready); until then it runs alone.
    const threaded = this.threads && (!this.blocking || this.threads.ready);
    if (threaded && perDispatch >= this.minUpdatesForThreads) {
      const variant = (perStep: boolean) =>
        this.variant({ ...request.input, perStep, beforeStep: undefined });
      return this.threads!.run(request, variant, this.blocking);
    }
    this.variant(request.input).run(
      this.state,
      this.params,
      request.input.data,
      request.steps,
      request.firstStep,
      request.recordings,
      request.input.beforeStep,
      0,
      this.shape.n,
    );
  }

  private variant(input: KernelInput): RunVariant {
    const key = `${input.layout}/${input.perStep}/${input.beforeStep !== undefined}`;
    let variant = this.compiled.get(key);
    if (!variant) {
      const source = this.source({ ...input, beforeStep: input.beforeStep !== undefined });
      // A comment unique to the kernel keeps V8 from sharing compiled functions, and the type feedback behind
      // them, between kernels whose sources are equal: each kernel's loop is optimised for its own arrays.
      const own = `// kernel ${this.serial}\n${source}`;
      variant = { key, run: compileRun(own, this.program.dt), factoryBody: runFactoryBody(own) };
      this.compiled.set(key, variant);
    }
    return variant;
  }

  private buffer(name: string): StateArray {
    this.checkLive();
    const buffer = this.state[name];
    if (!buffer) throw new BackendError(`js backend: no state "${name}"`);
    return buffer;
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('js backend: kernel used after dispose()');
  }
}

let kernelsCreated = 0;

/** A float array in the dtype, on a SharedArrayBuffer where workers will see it. */
export function allocateFloats(dtype: Dtype, length: number, shared: boolean): FloatArray {
  const Float = dtype === 'float32' ? Float32Array : Float64Array;
  const bytes = length * Float.BYTES_PER_ELEMENT;
  return new Float(
    shared ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes),
  );
}

/** Bytes for boolean state, on a SharedArrayBuffer where workers will see it. */
export function allocateBytes(length: number, shared: boolean): Uint8Array {
  return new Uint8Array(
    shared ? (new SharedArrayBuffer(length) as unknown as ArrayBuffer) : new ArrayBuffer(length),
  );
}
