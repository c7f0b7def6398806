import type { StepProgram } from '@synapticflow/core/backend';
import type { Recorder } from './recordings.js';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/**
 * A kernel's state: one kept [batchSize, n] tensor per variable (float32; boolean state as bool). Tensors
 * are immutable, so a step replaces them; the replaced one is disposed unless a recording still holds it.
 */
export class StateTensors {
  readonly booleans: ReadonlySet<string>;
  private readonly tensors = new Map<string, Tensor>();

  constructor(
    private readonly tf: TfjsNamespace,
    program: StepProgram,
    readonly shape: [number, number],
  ) {
    this.booleans = new Set(program.state.filter((s) => s.type === 'boolean').map((s) => s.name));
  }

  get size(): number {
    return this.shape[0] * this.shape[1];
  }

  get all(): ReadonlyMap<string, Tensor> {
    return this.tensors;
  }

  get(name: string): Tensor {
    return this.tensors.get(name)!;
  }

  /** Uploads `values` (validated by the caller) as the variable's new tensor. */
  write(name: string, values: ArrayLike<number>): void {
    const tensor = this.booleans.has(name)
      ? this.tf.tensor(
          Uint8Array.from(values, (v) => (v ? 1 : 0)),
          this.shape,
          'bool',
        )
      : this.tf.tensor(Float32Array.from(values), this.shape, 'float32');
    this.tensors.get(name)?.dispose();
    this.tensors.set(name, this.tf.keep(tensor));
  }

  /** Makes a step's output the variable's state; kept, so a user's enclosing `tf.tidy` cannot dispose it. */
  replace(name: string, next: Tensor, recorder: Recorder): void {
    const previous = this.tensors.get(name)!;
    this.tensors.set(name, this.tf.keep(next));
    if (!recorder.holds(previous)) previous.dispose();
  }

  isLive(tensor: Tensor): boolean {
    for (const value of this.tensors.values()) if (value === tensor) return true;
    return false;
  }

  dispose(): void {
    for (const tensor of this.tensors.values()) tensor.dispose();
    this.tensors.clear();
  }
}
