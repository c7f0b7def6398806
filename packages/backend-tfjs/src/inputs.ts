import type { KernelInput } from '@synapticflow/core/backend';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/** Uploads input blocks as tensors of the layout's shape: [] (scalar), [n] (neuron) or [batchSize, n] (full). */
export class InputUploader {
  constructor(
    private readonly tf: TfjsNamespace,
    private readonly n: number,
    private readonly batchSize: number,
  ) {}

  blockLength(layout: KernelInput['layout']): number {
    return layout === 'scalar' ? 1 : layout === 'neuron' ? this.n : this.n * this.batchSize;
  }

  /**
   * The input of step `k` of a run as a new tensor. The block is copied first: tfjs-cpu would otherwise
   * keep the caller's array, which `beforeStep` refills in place.
   */
  upload(input: KernelInput, k: number): Tensor {
    const length = this.blockLength(input.layout);
    const start = input.perStep ? k * length : 0;
    const block = Float32Array.from(input.data.subarray(start, start + length));
    const shape =
      input.layout === 'scalar' ? [] : input.layout === 'neuron' ? [this.n] : [this.batchSize, this.n];
    return this.tf.tensor(block, shape, 'float32');
  }
}

/** The float32 bits of a constant input block, to tell whether a later run has the same input. */
export function inputBits(input: KernelInput, length: number): Uint32Array {
  return new Uint32Array(Float32Array.from(input.data.subarray(0, length)).buffer);
}

export function sameBits(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
