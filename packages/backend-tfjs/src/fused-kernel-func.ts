import type { KernelInput } from '@synapticflow/core/backend';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { isCpuStorage, valuesOf } from './cpu-storage.js';
import type { FusedLoop, FusedSource } from './fused-source.js';

/** The attributes of one call of a fused kernel. */
export interface FusedAttrs extends NamedAttrMap {
  /** Steps to advance; `t` of step k is (firstStep + k) * dt. */
  steps: number;
  firstStep: number;
  n: number;
  batchSize: number;
  /** How input `I` is laid out: one value, n values, or batchSize*n values per step. */
  layout: KernelInput['layout'];
  /** Whether `I` holds one block per step (else one block for all steps). */
  perStep: boolean;
}

/** Kernel input names: state `s_<name>`, per-neuron parameters `p_<name>`, and `I`. */
export const stateInput = (name: string) => `s_${name}`;
export const parameterInput = (name: string) => `p_${name}`;
export const INPUT = 'I';

/**
 * The tfjs kernel function of a fused step program on tfjs-cpu: reads its inputs' values from the backend,
 * runs the generated loop for `steps` steps into new arrays, and hands them to the backend as its outputs,
 * one [batchSize, n] tensor per state variable the program assigns, in `fused.writes` order. Inputs are
 * only read: after the first step the loop continues on its own outputs.
 */
export function fusedKernelFunc(fused: FusedSource, loop: FusedLoop): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    if (!isCpuStorage(backend)) throw new Error('a SynapticFlow fused kernel runs on tfjs-backend-cpu only');
    const { steps, firstStep, n, batchSize, layout, perStep } = attrs as FusedAttrs;
    // Zero steps would return outputs that no step wrote.
    if (!Number.isInteger(steps) || steps < 1)
      throw new Error(`fused kernel: steps must be >= 1, got ${steps}`);
    const size = n * batchSize;
    const read = (name: string, length: number): ArrayLike<number> => {
      const tensor = inputs[name];
      if (!tensor) throw new Error(`fused kernel: missing input "${name}"`);
      const values = valuesOf(backend, tensor);
      if (values.length !== length) {
        throw new Error(`fused kernel: input "${name}" has ${values.length} values, expected ${length}`);
      }
      return values;
    };
    const block = layout === 'scalar' ? 1 : layout === 'neuron' ? n : size;
    const reads = fused.reads.map((name) => read(stateInput(name), size));
    const params = fused.perNeuron.map((name) => read(parameterInput(name), n));
    const input = fused.readsInput ? read(INPUT, perStep ? block * steps : block) : [];
    const writes = fused.writes.map(({ bool }) => (bool ? new Uint8Array(size) : new Float32Array(size)));
    const neuronStride = layout === 'scalar' ? 0 : 1;
    const rowStride = layout === 'full' ? n : 0;
    loop(
      reads,
      writes,
      params,
      input,
      steps,
      firstStep,
      n,
      batchSize,
      perStep ? block : 0,
      rowStride,
      neuronStride,
    );
    return writes.map(
      (values, at): TensorInfo =>
        backend.makeTensorInfo([batchSize, n], fused.writes[at]!.bool ? 'bool' : 'float32', values),
    );
  };
}
