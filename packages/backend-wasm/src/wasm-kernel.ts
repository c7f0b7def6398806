import { BackendError } from '@synapticflow/core';
import {
  driveRun,
  FailedRunGuard,
  type FloatArray,
  inputBlock,
  type Kernel,
  type KernelInput,
  type KernelRequest,
  kernelParameters,
  type RunRequest,
  type StateArray,
  type StepProgram,
  stepsPerInputChunk,
  type WorkerTeam,
} from '@synapticflow/core/backend';
import { compileRunModule, type RunModule } from './compile-program.js';
import type { Precision } from './emit-expression.js';
import { withHoistedReciprocals } from './fast-program.js';
import { instantiate } from './instantiate.js';
import { LinearMemory, SHARED_MAXIMUM_PAGES } from './linear-memory.js';
import { type MemoryLayout, planMemory, type StateRegion } from './memory-layout.js';
import { compileNaNScanModule, type NaNScan } from './nan-scan.js';
import { readPaddedRows, writePaddedRows } from './padded-rows.js';
import { wasmRelaxedSimdSupported } from './simd-support.js';
import { type VectorShape, vectorShape } from './vector-shape.js';
import { type ThreadModule, WasmThreads } from './wasm-threads.js';

/** steps, firstStep, input address, input stride (bytes between steps). */
type RunCall = [steps: number, firstStep: number, input: number, inputStride: number];
type RunFunction = (...args: [...RunCall, columnStart: number, columnEnd: number]) => void;

/**
 * Two vectors per loop iteration measured 2-9% faster than one at n = 10^6 on x64 (more with relaxed SIMD,
 * where fewer registers hold constants); more would spill in V8's 16 vector registers.
 */
const VECTORS_PER_ITERATION = 2;
/** Vector loads of the last input row may read this far past it (into lanes whose results are dropped). */
const INPUT_SLACK_BYTES = 16;
/** How a kernel splits long runs; the defaults suit every size, tests shrink them to cross the boundaries. */
export interface RunChunking {
  /**
   * Neuron updates per call into wasm while a module is new (default 2^20, a few milliseconds). V8 has no
   * on-stack replacement for wasm: a call that starts in the baseline compiler's code finishes there, so the
   * first runs are split into short calls, and the calls after tier-up run the optimised code.
   */
  updatesPerCall?: number;
  /** Updates a module does in split calls before whole runs go in one call (default 2^24, ~0.1 s of work). */
  warmUpUpdates?: number;
  /** Per-step input is copied in chunks of at most this many bytes (default 16 MiB), so memory stays bounded. */
  inputChunkBytes?: number;
}

/** How a kernel uses threads; see `WasmBackendOptions`. */
export interface WasmThreadOptions {
  threads?: number;
  minUpdatesForThreads?: number;
  /** Thread boundaries fall on multiples of this many neurons (default 64; rounded up to whole vectors). */
  columnAlign?: number;
  /** Whether this thread may block while workers run (false on a browser's main thread: runs return Promises). */
  blocking?: boolean;
}

interface CompiledRun extends ThreadModule {
  run: RunFunction;
  /** Neuron updates done so far: split calls until the optimising compiler has had time to take over. */
  updates: number;
}

/**
 * State, per-neuron parameters and input in one WebAssembly memory, advanced by modules compiled from the step
 * program (one per input layout, on first use, all sharing the memory).
 */
export class WasmKernel implements Kernel {
  readonly description: string;
  private readonly program: StepProgram;
  private readonly shape: VectorShape;
  private readonly layout: MemoryLayout;
  private readonly size: number;
  private readonly scalarParameters = new Map<string, number>();
  private readonly memory: LinearMemory;
  private readonly runs = new Map<KernelInput['layout'], CompiledRun>();
  private scans: { scan: NaNScan; scanNonFinite: NaNScan } | undefined;
  private readonly updatesPerCall: number;
  private readonly warmUpUpdates: number;
  private readonly inputChunkBytes: number;
  private disposed = false;
  private readonly guard: FailedRunGuard;

  private readonly threads: WasmThreads | undefined;
  /** Every module declares the memory shared where the kernel was asked for threads. */
  private readonly sharedPages: number | undefined;
  private readonly minUpdatesForThreads: number;
  private readonly blocking: boolean;

  /** The program the run modules compile: the request's, rewritten in the fast mode. */
  private readonly compiledProgram: StepProgram;
  private readonly precision: Precision;
  /** The fast mode's fused multiply-adds and lane selects, where the engine validates relaxed SIMD. */
  private readonly relaxedSimd: boolean;

  constructor(
    request: KernelRequest,
    chunking: RunChunking = {},
    threading: WasmThreadOptions = {},
    precision: Precision = 'exact',
  ) {
    const threads = threading.threads ?? 1;
    this.minUpdatesForThreads = threading.minUpdatesForThreads ?? 2 ** 16;
    this.blocking = threading.blocking ?? true;
    this.updatesPerCall = chunking.updatesPerCall ?? 2 ** 20;
    this.warmUpUpdates = chunking.warmUpUpdates ?? 2 ** 24;
    this.inputChunkBytes = chunking.inputChunkBytes ?? 16 * 2 ** 20;
    this.program = request.program;
    this.guard = new FailedRunGuard(
      'wasm backend',
      request.program.state.map((variable) => variable.name),
    );
    this.shape = vectorShape(request.dtype);
    this.size = request.n * request.batchSize;
    const perNeuron = new Map<string, Float64Array>();
    for (const [name, value] of kernelParameters('wasm backend', request)) {
      if (typeof value === 'number') {
        this.scalarParameters.set(name, value);
      } else {
        perNeuron.set(name, value);
      }
    }
    this.precision = precision;
    // Fused multiply-adds are within the float32 fast mode's bound; float64's covers reciprocals only.
    this.relaxedSimd = precision === 'fast' && request.dtype === 'float32' && wasmRelaxedSimdSupported();
    this.compiledProgram =
      precision === 'fast'
        ? withHoistedReciprocals(this.program, request.dtype, this.scalarParameters, perNeuron)
        : this.program;
    this.layout = planMemory(this.program, this.shape, request, [...perNeuron.keys()]);
    this.sharedPages = threads > 1 ? SHARED_MAXIMUM_PAGES : undefined;
    this.memory = new LinearMemory(this.layout.inputOffset + INPUT_SLACK_BYTES, request.dtype, threads > 1);
    for (const [name, values] of perNeuron) {
      const base = this.layout.perNeuron.get(name)! / this.shape.bytes;
      writePaddedRows(this.memory.floats, base, values, this.layout, 0, 1);
    }
    if (threads > 1) {
      const align = Math.ceil(((threading.columnAlign ?? 64) * this.shape.bytes) / 16) * 16;
      const team = new WasmThreads(this.memory.memory, this.layout.pitch * this.shape.bytes, threads, align);
      // Too few vectors to split: the team would sit idle.
      if (team.ranges.length > 1) this.threads = team;
      else team.dispose();
    }
    const threadCount = this.threads?.ranges.length ?? 1;
    this.description = `wasm ${request.dtype} (${this.shape.prefix} SIMD, fused loop${this.precision === 'fast' ? `, fast arithmetic${this.relaxedSimd ? ', relaxed SIMD' : ''}` : ''}${threadCount > 1 ? `, ${threadCount} threads` : ''})`;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    const region = this.region(name);
    if (values.length !== this.size) {
      throw new BackendError(`state "${name}" needs ${this.size} values, got ${values.length}`);
    }
    this.guard.written(name);
    const { n, pitch, batchSize } = this.layout;
    if (region.type === 'number') {
      writePaddedRows(
        this.memory.floats,
        region.offset / this.shape.bytes,
        values,
        this.layout,
        0,
        batchSize,
      );
      return;
    }
    const bytes = this.memory.bytes;
    for (let row = 0; row < batchSize; row++) {
      const start = region.offset + row * pitch;
      for (let j = 0; j < pitch; j++) bytes[start + j] = j < n && values[row * n + j] ? 1 : 0;
    }
  }

  readState(name: string): StateArray {
    const region = this.region(name);
    const copy =
      region.type === 'boolean'
        ? new Uint8Array(this.size)
        : this.shape.dtype === 'float32'
          ? new Float32Array(this.size)
          : new Float64Array(this.size);
    this.copyOut(region, copy, 0);
    return copy;
  }

  async readStateAsync(name: string): Promise<StateArray> {
    return this.readState(name);
  }

  run(request: RunRequest): void | Promise<void> {
    this.checkLive();
    return this.guard.run(() => this.advance(request));
  }

  /** Makes the calls into wasm a run takes, each split over the threads where it is worth it. */
  private advance(request: RunRequest): void | Promise<void> {
    const compiled = this.compiledRun(request.input.layout);
    const { n, pitch, batchSize, inputOffset } = this.layout;
    const updatesPerStep = pitch * batchSize;
    const rowBytes = pitch * this.shape.bytes;
    const blockBytes = inputBlock(request.input.layout, n, batchSize) * this.shape.bytes;
    const { threads, blocking } = this;
    const { input } = request;
    // Per call: the workers take their column ranges and this thread the first, or this thread takes all of
    // them where there are no workers, the call is small, or (blocking) the workers have not started yet.
    const dispatch = (call: RunCall): WorkerTeam | undefined => {
      if (!threads || (blocking && !threads.ready) || call[0] * updatesPerStep < this.minUpdatesForThreads) {
        compiled.run(...call, 0, rowBytes);
        return undefined;
      }
      return threads.dispatch(input.layout, compiled, call, (start, end) =>
        compiled.run(...call, start, end),
      );
    };
    const chunk = stepsPerInputChunk(blockBytes, this.inputChunkBytes);
    this.reserveInput(
      input.perStep && !input.beforeStep ? Math.min(request.steps, chunk) * blockBytes : blockBytes,
    );
    return driveRun(request, {
      n,
      batchSize,
      bytesPerElement: this.shape.bytes,
      inputChunkBytes: this.inputChunkBytes,
      blocking,
      maxStepsPerCall: () =>
        compiled.updates < this.warmUpUpdates
          ? Math.max(1, Math.floor(this.updatesPerCall / updatesPerStep))
          : Number.POSITIVE_INFINITY,
      stage: (from, count) => this.copyInput(input.data, from, count),
      advance: ({ first, steps, inputPerStep }) => {
        compiled.updates += steps * updatesPerStep;
        return dispatch([steps, request.firstStep + first, inputOffset, inputPerStep ? blockBytes : 0]);
      },
      record: (recording, row) =>
        this.copyOut(this.region(recording.name), recording.buffer, row * this.size),
    });
  }

  findNaN(): { state: string; index: number } | null {
    return this.findLane('scan', Number.isNaN);
  }

  findNonFinite(): { state: string; index: number } | null {
    return this.findLane('scanNonFinite', (x) => !Number.isFinite(x));
  }

  private findLane(
    scanName: 'scan' | 'scanNonFinite',
    matches: (x: number) => boolean,
  ): { state: string; index: number } | null {
    this.checkLive();
    this.scans ??= instantiate(compileNaNScanModule(this.shape, this.sharedPages), this.memory.memory) as {
      scan: NaNScan;
      scanNonFinite: NaNScan;
    };
    const scan = this.scans[scanName];
    const { pitch, n, batchSize } = this.layout;
    for (const variable of this.program.state) {
      const region = this.layout.state.get(variable.name)!;
      if (region.type !== 'number') continue;
      const end = region.offset + pitch * batchSize * this.shape.bytes;
      // The scan finds vectors with a matching lane; padding lanes do not count, so look at the lanes.
      for (let at = scan(region.offset, end); at >= 0; at = scan(at + 16, end)) {
        const floats = this.memory.floats;
        const first = (at - region.offset) / this.shape.bytes;
        for (let element = first; element < first + this.shape.lanes; element++) {
          const column = element % pitch;
          if (column < n && matches(floats[region.offset / this.shape.bytes + element]!)) {
            return { state: variable.name, index: Math.floor(element / pitch) * n + column };
          }
        }
      }
    }
    return null;
  }

  /** The whole linear memory: padded state rows, per-neuron parameters and the input region, in 64 KiB pages. */
  memoryBytes(): number {
    return this.memory.memory.buffer.byteLength;
  }

  dispose(): void {
    this.disposed = true;
    this.runs.clear();
    this.scans = undefined;
    this.threads?.dispose();
  }

  /** The generated module of an input layout and the mnemonics of its run function, for tests and docs. */
  inspect(layout: KernelInput['layout'] = 'neuron'): { bytes: Uint8Array; instructions: readonly string[] } {
    const { bytes, instructions } = this.compile(layout);
    return { bytes, instructions };
  }

  private compile(layout: KernelInput['layout']): RunModule {
    return compileRunModule(
      this.compiledProgram,
      this.layout,
      this.scalarParameters,
      layout,
      this.sharedPages,
      this.precision,
      this.relaxedSimd,
      VECTORS_PER_ITERATION,
    );
  }

  private compiledRun(layout: KernelInput['layout']): CompiledRun {
    let compiled = this.runs.get(layout);
    if (!compiled) {
      const { bytes, laneFunctions } = this.compile(layout);
      const module = new WebAssembly.Module(bytes);
      const run = instantiate(module, this.memory.memory, laneFunctions).run as RunFunction;
      compiled = { run, updates: 0, module, laneFunctions };
      this.runs.set(layout, compiled);
    }
    return compiled;
  }

  /** Copies a state region's rows (without padding) into `target` at `offset`. */
  private copyOut(region: StateRegion, target: StateArray, offset: number): void {
    const source = region.type === 'boolean' ? this.memory.bytes : this.memory.floats;
    const base = region.type === 'boolean' ? region.offset : region.offset / this.shape.bytes;
    readPaddedRows(source, base, target, offset, this.layout);
  }

  private copyInput(data: FloatArray, from: number, count: number): void {
    this.memory.floats.set(data.subarray(from, from + count), this.layout.inputOffset / this.shape.bytes);
  }

  private reserveInput(bytes: number): void {
    this.memory.reserve(this.layout.inputOffset + bytes + INPUT_SLACK_BYTES);
  }

  private region(name: string): StateRegion {
    this.checkLive();
    const region = this.layout.state.get(name);
    if (!region) throw new BackendError(`wasm backend: no state "${name}"`);
    return region;
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('wasm backend: kernel used after dispose()');
  }
}
