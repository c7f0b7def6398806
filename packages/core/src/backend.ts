import type { NetworkKernel, NetworkPlan } from './network/kernel/contract.js';
import type { StepProgram } from './program/program.js';

/**
 * The contract a compute backend implements. A backend compiles a model-agnostic step program into a kernel
 * that advances state buffers; it never sees a model by name. `specificationVersion` lets backends outside
 * this repository state which contract they meet.
 */
export interface Backend {
  readonly specificationVersion: 'v1';
  /** Short name used in summaries, traces and `--backend`. */
  readonly name: string;
  /** The dtypes this backend computes in; asking for another is a clear error. */
  readonly dtypes: readonly Dtype[];
  /** Whether `Kernel.readState` works; GPU backends may only read asynchronously. */
  readonly synchronousReads: boolean;
  /** False where `Kernel.run` returns a Promise; users then call `runAsync` (forward needs synchronous runs). */
  readonly synchronousRuns?: boolean;
  /** Whether the backend's `threads` option splits runs over worker threads; absent means it has none. */
  readonly supportsThreads?: boolean;
  /** Compiles a step program into a kernel for one population (its dtype, size and batch). */
  createKernel(request: KernelRequest): Kernel;
  /** Runs networks (populations connected by synapses); absent where the backend has no network support yet. */
  createNetworkKernel?(plan: NetworkPlan): NetworkKernel;
}

export type Dtype = 'float32' | 'float64';
/** Every dtype a population can compute in. */
export const DTYPES: readonly Dtype[] = ['float32', 'float64'];

export type FloatArray = Float32Array | Float64Array;
/** Number state in the population's dtype; boolean state (spikes) as 0/1 bytes. */
export type StateArray = FloatArray | Uint8Array;

/** A parameter's value: one number for all neurons or one per neuron (length n, shared by batch rows). */
export type ParameterValue = number | Float64Array;

export interface KernelRequest {
  readonly program: StepProgram;
  readonly dtype: Dtype;
  /** Neurons per batch row. */
  readonly n: number;
  readonly batchSize: number;
  /** A value for every name in `program.parameters`, already validated. */
  readonly parameters: ReadonlyMap<string, ParameterValue>;
}

/**
 * Input current for a run, indexed per step `k` and element `i = row * n + neuron`:
 * `scalar` one value, `neuron` n values broadcast over batch rows, `full` batchSize*n values.
 * With `perStep`, `data` holds `steps` such blocks back to back. `beforeStep`, if given, is called
 * before each step (it refills `data` in place).
 */
export interface KernelInput {
  readonly layout: 'scalar' | 'neuron' | 'full';
  readonly perStep: boolean;
  readonly data: FloatArray;
  /** Called before each step of a per-step input whose data is refilled in place (`data` holds one step then). */
  readonly beforeStep?: (step: number) => void;
}

/** State to copy out during a run: row j (of ceil(steps/stride)) is the state after step j*stride. */
export interface Recording {
  readonly name: string;
  readonly stride: number;
  readonly buffer: StateArray;
}

export interface RunRequest {
  readonly steps: number;
  /** Steps taken since the last reset, so that `t = (firstStep + k) * dt`. */
  readonly firstStep: number;
  readonly input: KernelInput;
  readonly recordings: readonly Recording[];
}

export interface Kernel {
  /** What actually runs, e.g. "js float32 (fused loop)"; shown in summaries and bug reports. */
  readonly description: string;
  /** Overwrites a state variable with batchSize*n values (row-major, batch first). */
  writeState(name: string, values: ArrayLike<number>): void;
  /** A copy of a state variable; throws a BackendError where the backend cannot read synchronously. */
  readState(name: string): StateArray;
  /** A copy of a state variable, read when the backend has it; works on every backend. */
  readStateAsync(name: string): Promise<StateArray>;
  /** Advances all neurons `steps` steps without returning to the caller in between. */
  run(request: RunRequest): void | Promise<void>;
  /** The first NaN in number state, if the backend can tell cheaply; lets the population refuse silent NaNs. */
  findNaN?(): { state: string; index: number } | null;
  /** The first NaN or ±Infinity in number state; where given, the population uses it instead of `findNaN`. */
  findNonFinite?(): { state: string; index: number } | null;
  /**
   * Bytes of buffers the kernel holds (state, parameters, input staging), for memory reports such as bytes
   * per neuron; optional, since not every engine can tell.
   */
  memoryBytes?(): number;
  /** Releases buffers, kernels and device memory. */
  dispose(): void;
}

/** The first step at or after `k` after which some recording copies state out (Infinity without recordings). */
export function nextRecordedStep(recordings: readonly Pick<Recording, 'stride'>[], k: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const { stride } of recordings) next = Math.min(next, Math.ceil(k / stride) * stride);
  return next;
}
