import type { KernelInput } from '@synapticflow/core/backend';
import type { StepPlan } from './compile-step.js';
import { type InputUploader, inputBits, sameBits } from './inputs.js';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/**
 * The tensors that depend on a run's constant input but not on state (the input itself and, for ELIF,
 * `R*I + restPot`), computed once per run. The last frame is kept, so a loop of `forward(x)` with the same
 * `x` uploads and computes them once, not once per call.
 */
export class RunFrames {
  private current: { plan: StepPlan; bits: Uint32Array; tensors: Tensor[]; values: Tensor[] } | null = null;

  constructor(
    private readonly tf: TfjsNamespace,
    private readonly inputs: InputUploader,
  ) {}

  /** Puts the run-tier tensors for this input into the plan's slots. */
  prepare(plan: StepPlan, input: KernelInput): void {
    if (plan.inputSlot === null || plan.runSlots.length === 0) return;
    const bits = inputBits(input, this.inputs.blockLength(input.layout));
    const frame = this.current;
    if (!frame || frame.plan !== plan || !sameBits(frame.bits, bits)) {
      this.dispose();
      this.current = this.compute(plan, input, bits);
    }
    const { values } = this.current!;
    plan.runSlots.forEach((slot, i) => {
      plan.slots[slot] = values[i];
    });
  }

  dispose(): void {
    for (const tensor of this.current?.tensors ?? []) tensor.dispose();
    this.current = null;
  }

  private compute(plan: StepPlan, input: KernelInput, bits: Uint32Array) {
    const { tf } = this;
    const inputTensor = tf.keep(this.inputs.upload(input, 0));
    plan.slots[plan.inputSlot!] = inputTensor;
    let values: Tensor[];
    try {
      values = tf.tidy(() => {
        for (const instruction of plan.runInstructions)
          plan.slots[instruction.out] = instruction.exec(plan.slots);
        return plan.runSlots.map((slot) => plan.slots[slot]!);
      });
    } catch (error) {
      inputTensor.dispose();
      throw error;
    }
    for (const value of values) tf.keep(value);
    const tensors = [...new Set([inputTensor, ...values])];
    return { plan, bits, tensors, values };
  }
}
