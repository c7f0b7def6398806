import { BackendError } from '@synapticflow/core';
import {
  type Dtype,
  type FloatArray,
  kernelParameters,
  type PhaseKernel,
  type PhaseKernelRequest,
  type StateArray,
} from '@synapticflow/core/backend';
import { type Precision, phasesWithHoistedReciprocals } from '../fast-program.js';
import { allocateBytes, allocateFloats } from '../js-kernel.js';
import { type CompiledPhases, compilePhases, generatePhaseSource, phaseFactoryBody } from './phase-source.js';

/** Options of a typed-array phase kernel. */
export interface JsPhaseKernelOptions {
  /** State, parameters and input in SharedArrayBuffers, for workers that run slices of the neurons. */
  shared?: boolean;
  /** Arithmetic of float32 phases (default exact); see `JsBackendOptions.precision`. Float64 stays exact. */
  precision?: Precision;
}

/**
 * A population's step in two calls (see `PhaseKernel`), as generated JavaScript loops over typed arrays that
 * the kernel owns. Both phases cover neurons `j0 … j1-1` of every batch row, all of them unless a caller
 * splits the neurons over threads.
 */
export class JsPhaseKernel implements PhaseKernel {
  readonly description: string;
  /** The text a worker compiles (`new Function('dt', factoryBody)`) to get the same phases. */
  readonly factoryBody: string;
  readonly state: Readonly<Record<string, StateArray>>;
  readonly params: Readonly<Record<string, number | FloatArray>>;
  readonly input: FloatArray;
  readonly n: number;
  readonly dtype: Dtype;
  /** The step in ms, baked into the generated phases. */
  readonly dt: number;
  private readonly phases: CompiledPhases;
  private disposed = false;

  constructor(request: PhaseKernelRequest, options: JsPhaseKernelOptions = {}) {
    const { dtype, n, batchSize } = request;
    const shared = options.shared ?? false;
    const fast = dtype === 'float32' && options.precision === 'fast';
    const program = request.phased.program;
    if (request.input.length !== n) {
      throw new BackendError(
        `js backend: input needs ${n} values (one per neuron), got ${request.input.length}`,
      );
    }
    const state: Record<string, StateArray> = {};
    for (const variable of program.state) {
      state[variable.name] =
        variable.type === 'boolean'
          ? allocateBytes(batchSize * n, shared)
          : allocateFloats(dtype, batchSize * n, shared);
    }
    const params: Record<string, number | FloatArray> = {};
    for (const [name, value] of kernelParameters('js backend', {
      program,
      dtype,
      n,
      batchSize,
      parameters: request.parameters,
    })) {
      if (typeof value === 'number') {
        params[name] = value;
      } else {
        const values = allocateFloats(dtype, value.length, shared);
        values.set(value);
        params[name] = values;
      }
    }
    this.input = allocateFloats(dtype, n, shared);
    this.input.set(request.input);
    this.state = state;
    this.params = params;
    this.n = n;
    this.dtype = dtype;
    this.dt = program.dt;
    let phased = request.phased;
    if (fast) {
      const rewritten = phasesWithHoistedReciprocals(phased, params);
      phased = rewritten.phased;
      for (const [name, values] of rewritten.reciprocals) {
        const copy = allocateFloats(dtype, values.length, shared);
        copy.set(values);
        params[name] = copy;
      }
    }
    const source = generatePhaseSource(phased, dtype, { n, batchSize }, params, fast ? 'fast' : 'exact');
    this.factoryBody = phaseFactoryBody(source);
    this.phases = compilePhases(source, program.dt);
    this.description = `js ${dtype} (phased loop${fast ? ', fast arithmetic' : ''})`;
  }

  view(name: string): StateArray {
    this.checkLive();
    const values = this.state[name];
    if (!values) throw new BackendError(`js backend: no state "${name}"`);
    return values;
  }

  integrate(step: number, spikes: Uint32Array): number {
    return this.integrateSlice(step, spikes, 0, this.n);
  }

  /** Whether `afterSpike` runs on the spiking elements only (see `PhasedProgram.afterSpikeOnSpikesOnly`). */
  get afterSpikeOnSpikesOnly(): boolean {
    return this.phases.afterSpikeOnSpikes !== null;
  }

  afterSpike(step: number, spikes: Uint32Array, count: number): void {
    const onSpikes = this.phases.afterSpikeOnSpikes;
    if (!onSpikes) {
      this.afterSpikeSlice(step, 0, this.n);
      return;
    }
    this.checkLive();
    onSpikes(this.state, this.params, this.input, step, spikes, 0, count);
  }

  /** `integrate` for neurons j0 … j1-1 of every row only; spikes are written from `spikes[0]`. */
  integrateSlice(step: number, spikes: Uint32Array, j0: number, j1: number): number {
    this.checkLive();
    return this.phases.integrate(this.state, this.params, this.input, step, spikes, j0, j1);
  }

  /**
   * `afterSpike` for neurons j0 … j1-1 of every row after their own `integrateSlice`, which wrote their `count`
   * spikes to `spikes`: on those neurons only where the program allows.
   */
  settleSlice(step: number, spikes: Uint32Array, count: number, j0: number, j1: number): void {
    const onSpikes = this.phases.afterSpikeOnSpikes;
    if (!onSpikes) {
      this.afterSpikeSlice(step, j0, j1);
      return;
    }
    this.checkLive();
    onSpikes(this.state, this.params, this.input, step, spikes, 0, count);
  }

  /** `afterSpike` for neurons j0 … j1-1 of every row only. */
  afterSpikeSlice(step: number, j0: number, j1: number): void {
    this.checkLive();
    this.phases.afterSpike(this.state, this.params, this.input, step, j0, j1);
  }

  memoryBytes(): number {
    let bytes = this.input.byteLength;
    for (const buffer of [...Object.values(this.state), ...Object.values(this.params)]) {
      if (typeof buffer !== 'number') bytes += buffer.byteLength;
    }
    return bytes;
  }

  dispose(): void {
    this.disposed = true;
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('js backend: phase kernel used after dispose()');
  }
}

/** The js backend's phased population kernel for networks (see `NetworkRunnerParts.createPhaseKernel`). */
export function createJsPhaseKernel(
  request: PhaseKernelRequest,
  options: JsPhaseKernelOptions = {},
): PhaseKernel {
  return new JsPhaseKernel(request, options);
}
