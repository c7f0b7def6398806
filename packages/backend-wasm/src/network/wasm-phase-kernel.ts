import { BackendError } from '@synapticflow/core';
import {
  kernelParameters,
  type PhaseKernel,
  type PhaseKernelRequest,
  type StateArray,
} from '@synapticflow/core/backend';
import { instantiate } from '../instantiate.js';
import { LinearMemory } from '../linear-memory.js';
import { wasmSimdSupported } from '../simd-support.js';
import { vectorShape } from '../vector-shape.js';
import { compilePhaseModule } from './compile-phases.js';
import { type PhaseLayout, planPhaseMemory } from './phase-layout.js';

/** The input current's region among the per-element ones. */
const INPUT = 'I';

/**
 * A population of a network in one WebAssembly memory: `integrate` and `afterSpike` are the two functions of
 * a module compiled from the phased program, `view` hands out typed arrays on the memory itself. The memory is
 * sized once and never grows, so the views stay valid until dispose.
 */
export function createWasmPhaseKernel(request: PhaseKernelRequest): PhaseKernel {
  return new WasmPhaseKernel(request);
}

class WasmPhaseKernel implements PhaseKernel {
  readonly description: string;
  private readonly layout: PhaseLayout;
  private readonly memory: LinearMemory;
  private readonly views = new Map<string, StateArray>();
  private readonly spikeIndices: Uint32Array;
  private readonly integrateStep: (step: number) => number;
  private readonly afterSpikeStep: (step: number) => void;
  private disposed = false;

  constructor(request: PhaseKernelRequest) {
    if (!wasmSimdSupported()) {
      throw new BackendError('wasm backend: this engine has no WebAssembly SIMD (128-bit) support');
    }
    const { phased, dtype, n, batchSize } = request;
    const program = phased.program;
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
    perNeuron.set(INPUT, request.input);
    this.layout = planPhaseMemory(program, shape, n * batchSize, [...perNeuron.keys()]);
    this.memory = new LinearMemory(this.layout.bytes, dtype);
    const floats = this.memory.floats;
    for (const [name, values] of perNeuron) {
      const base = this.layout.perElement.get(name)! / shape.bytes;
      for (let row = 0; row < batchSize; row++) floats.set(values, base + row * n);
      // Padding lanes repeat the last neuron's values, so they compute something finite; they never count.
      floats.fill(floats[base + this.layout.size - 1]!, base + this.layout.size, base + this.layout.padded);
    }
    const { bytes, laneFunctions } = compilePhaseModule(phased, this.layout, scalarParameters);
    const exports = instantiate(bytes, this.memory.memory, laneFunctions);
    this.integrateStep = exports.integrate as (step: number) => number;
    this.afterSpikeStep = exports.afterSpike as (step: number) => void;
    this.spikeIndices = new Uint32Array(this.memory.memory.buffer, this.layout.spikes, this.layout.size);
    this.description = `wasm ${dtype} (${shape.prefix} SIMD, phased loop)`;
  }

  view(name: string): StateArray {
    this.checkLive();
    let view = this.views.get(name);
    if (!view) {
      const region = this.layout.state.get(name);
      if (!region) throw new BackendError(`wasm backend: no state "${name}"`);
      const { buffer } = this.memory.memory;
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
    this.checkLive();
    const count = this.integrateStep(step);
    // An element-wise copy: a subarray per step would allocate.
    const indices = this.spikeIndices;
    for (let q = 0; q < count; q++) spikes[q] = indices[q]!;
    return count;
  }

  afterSpike(step: number): void {
    this.checkLive();
    this.afterSpikeStep(step);
  }

  memoryBytes(): number {
    return this.memory.memory.buffer.byteLength;
  }

  dispose(): void {
    this.disposed = true;
    this.views.clear();
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('wasm backend: phase kernel used after dispose()');
  }
}
