import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/**
 * Tensors that live as long as a kernel: literals as scalars, per-neuron parameters as [n] tensors, and
 * whatever the compiler computed from them once. Keyed by what they hold, so every compiled input variant
 * shares them. Kept (`tf.keep`), so a user's enclosing `tf.tidy` cannot dispose them.
 */
export class KernelTensors {
  private readonly tensors = new Map<string, Tensor>();

  constructor(private readonly tf: TfjsNamespace) {}

  get(key: string, make: () => Tensor): Tensor {
    let tensor = this.tensors.get(key);
    if (!tensor) {
      tensor = this.tf.keep(this.tf.tidy(make));
      this.tensors.set(key, tensor);
    }
    return tensor;
  }

  dispose(): void {
    for (const tensor of this.tensors.values()) tensor.dispose();
    this.tensors.clear();
  }
}

/** A cache key for a number that tells -0 from 0. */
export function numberKey(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}
