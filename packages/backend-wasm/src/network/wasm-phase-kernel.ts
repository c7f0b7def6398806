import { BackendError } from '@synapticflow/core';
import {
  kernelParameters,
  type PhaseKernel,
  type PhaseKernelRequest,
  type StateArray,
} from '@synapticflow/core/backend';
import type { Precision } from '../emit-expression.js';
import { phasesWithHoistedReciprocals } from '../fast-program.js';
import { instantiate } from '../instantiate.js';
import type { LaneFunction } from '../lane-calls.js';
import { LinearMemory, SHARED_MAXIMUM_PAGES } from '../linear-memory.js';
import { wasmSimdSupported } from '../simd-support.js';
import { vectorShape } from '../vector-shape.js';
import { compilePhaseModule } from './compile-phases.js';
import { type PhaseLayout, planPhaseMemory } from './phase-layout.js';

/** The input current's region among the per-element ones. */
const INPUT = 'I';

type PhaseFunction = (step: number, start: number, end: number) => number;

/**
 * A population of a network in one WebAssembly memory: `integrate` and `afterSpike` are the two functions of
 * a module compiled from the phased program, `view` hands out typed arrays on the memory itself. The memory is
 * sized once and never grows, so the views stay valid until dispose.
 */
export function createWasmPhaseKernel(
  request: PhaseKernelRequest,
  options: WasmPhaseKernelOptions = {},
): PhaseKernel {
  return new WasmPhaseKernel(request, options);
}

/** Options of a wasm phase kernel: its memory shared with workers, and its arithmetic. */
export interface WasmPhaseKernelOptions {
  /** The memory is a shared one (on a SharedArrayBuffer) that worker threads can import. */
  readonly shared?: boolean;
  /** `fast`: both phases multiply by hoisted reciprocals (see `WasmBackendOptions.precision`). */
  readonly precision?: Precision;
}

export class WasmPhaseKernel implements PhaseKernel {
  readonly description: string;
  /** The compiled module and its Math imports, for worker threads to instantiate on the same memory. */
  readonly module: WebAssembly.Module;
  readonly laneFunctions: readonly LaneFunction[];
  /** Bytes of every number region the phases compute: the byte range of a whole call. */
  readonly regionBytes: number;
  readonly bytesPerElement: number;
  private readonly layout: PhaseLayout;
  private readonly linear: LinearMemory;
  private readonly views = new Map<string, StateArray>();
  private readonly spikeIndices: Uint32Array;
  private readonly integrateRange: PhaseFunction;
  private readonly afterSpikeRange: PhaseFunction;
  /** The afterSpike body over a byte range of the spike region, where the program allows it. */
  private readonly afterSpikeOnSpikes: PhaseFunction | null;
  /** Whether the spike region holds the last `integrate`'s whole list from its start (one unsplit call). */
  private spikesInPlace = false;
  private disposed = false;

  constructor(request: PhaseKernelRequest, options: WasmPhaseKernelOptions = {}) {
    if (!wasmSimdSupported()) {
      throw new BackendError('wasm backend: this engine has no WebAssembly SIMD (128-bit) support');
    }
    const { dtype, n, batchSize } = request;
    const program = request.phased.program;
    if (request.input.length !== n) {
      throw new BackendError(
        `wasm backend: input needs ${n} values (one per neuron), got ${request.input.length}`,
      );
    }
    const shape = vectorShape(dtype);
    const scalarParameters = new Map<string, number>();
    const perNeuron = new Map<string, Float64Array>();
    const parameters = kernelParameters('wasm backend', {
      program,
      dtype,
      n,
      batchSize,
      parameters: request.parameters,
    });
    for (const [name, value] of parameters) {
      if (typeof value === 'number') scalarParameters.set(name, value);
      else perNeuron.set(name, value);
    }
    const fast = options.precision === 'fast';
    // One input for every neuron (the default 0 included) is a constant of the step, as a scalar parameter is:
    // no region to stream, and folding sees its value.
    const input = request.input;
    const uniformInput = input.every((value) => Object.is(value, input[0]));
    if (uniformInput && n > 0) scalarParameters.set(INPUT, input[0]!);
    // Before the input joins perNeuron: the input is no parameter, its reciprocal is never hoisted.
    const phased = fast
      ? phasesWithHoistedReciprocals(request.phased, dtype, scalarParameters, perNeuron)
      : request.phased;
    if (!uniformInput || n === 0) perNeuron.set(INPUT, input);
    this.layout = planPhaseMemory(program, shape, n * batchSize, [...perNeuron.keys()]);
    this.regionBytes = this.layout.padded * shape.bytes;
    this.bytesPerElement = shape.bytes;
    const shared = options.shared ?? false;
    this.linear = new LinearMemory(this.layout.bytes, dtype, shared);
    const floats = this.linear.floats;
    for (const [name, values] of perNeuron) {
      const base = this.layout.perElement.get(name)! / shape.bytes;
      for (let row = 0; row < batchSize; row++) floats.set(values, base + row * n);
      // Padding lanes repeat the last neuron's values, so they compute something finite; they never count.
      floats.fill(floats[base + this.layout.size - 1]!, base + this.layout.size, base + this.layout.padded);
    }
    const compiled = compilePhaseModule(
      phased,
      this.layout,
      scalarParameters,
      shared ? SHARED_MAXIMUM_PAGES : undefined,
      options.precision,
    );
    this.module = new WebAssembly.Module(compiled.bytes);
    this.laneFunctions = compiled.laneFunctions;
    const exports = instantiate(this.module, this.linear.memory, this.laneFunctions);
    this.integrateRange = exports.integrate as PhaseFunction;
    this.afterSpikeRange = exports.afterSpike as PhaseFunction;
    this.afterSpikeOnSpikes = (exports.afterSpikeOnSpikes as PhaseFunction | undefined) ?? null;
    this.spikeIndices = new Uint32Array(this.linear.memory.buffer, this.layout.spikes, this.layout.padded);
    this.description = `wasm ${dtype} (${shape.prefix} SIMD, phased loop${fast ? ', fast arithmetic' : ''})`;
  }

  get memory(): WebAssembly.Memory {
    return this.linear.memory;
  }

  view(name: string): StateArray {
    this.checkLive();
    let view = this.views.get(name);
    if (!view) {
      const region = this.layout.state.get(name);
      if (!region) throw new BackendError(`wasm backend: no state "${name}"`);
      const { buffer } = this.linear.memory;
      const { size, shape } = this.layout;
      view =
        region.type === 'boolean'
          ? new Uint8Array(buffer, region.offset, size)
          : shape.dtype === 'float32'
            ? new Float32Array(buffer, region.offset, size)
            : new Float64Array(buffer, region.offset, size);
      this.views.set(name, view);
    }
    return view;
  }

  integrate(step: number, spikes: Uint32Array): number {
    const count = this.integrateSlice(step, 0, this.regionBytes);
    this.copySpikes(0, count, spikes, 0);
    this.spikesInPlace = true;
    return count;
  }

  /** Whether `afterSpike` runs on the spiking elements only (see `PhasedProgram.afterSpikeOnSpikesOnly`). */
  get afterSpikeOnSpikesOnly(): boolean {
    return this.afterSpikeOnSpikes !== null;
  }

  afterSpike(step: number, spikes: Uint32Array, count: number): void {
    if (!this.afterSpikeOnSpikes) {
      this.afterSpikeSlice(step, 0, this.regionBytes);
      return;
    }
    this.checkLive();
    // Split integrates leave each slice's spikes at its own offset: the merged list goes to the start.
    if (!this.spikesInPlace) {
      const indices = this.spikeIndices;
      for (let q = 0; q < count; q++) indices[q] = spikes[q]!;
    }
    this.afterSpikeOnSpikes(step, 0, count * 4);
  }

  /**
   * Integrates the vectors at byte offsets [start, end) of every region; their spikes wait in the spike
   * region from element `start / bytesPerElement` on (see `copySpikes`). Returns their count.
   */
  integrateSlice(step: number, start: number, end: number): number {
    this.checkLive();
    this.spikesInPlace = false;
    return this.integrateRange(step, start, end);
  }

  afterSpikeSlice(step: number, start: number, end: number): void {
    this.checkLive();
    this.afterSpikeRange(step, start, end);
  }

  /**
   * The afterSpike phase of the slice at byte offsets [start, end) after its own integrate, whose `count`
   * spikes still wait at the slice's place in the spike region: on those elements only where the program allows.
   */
  settleSlice(step: number, start: number, end: number, count: number): void {
    this.checkLive();
    if (!this.afterSpikeOnSpikes) {
      this.afterSpikeRange(step, start, end);
      return;
    }
    const from = (start / this.bytesPerElement) * 4;
    this.afterSpikeOnSpikes(step, from, from + count * 4);
  }

  /** Copies `count` spike indices of a slice that starts at byte `start` into `target` from `at` on. */
  copySpikes(start: number, count: number, target: Uint32Array, at: number): void {
    // An element-wise copy: a subarray per step would allocate.
    const indices = this.spikeIndices;
    const from = start / this.bytesPerElement;
    for (let q = 0; q < count; q++) target[at + q] = indices[from + q]!;
  }

  memoryBytes(): number {
    return this.linear.memory.buffer.byteLength;
  }

  dispose(): void {
    this.disposed = true;
    this.views.clear();
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('wasm backend: phase kernel used after dispose()');
  }
}
