import type { KernelInput, KernelRequest, RunRequest } from '@synapticflow/core/backend';
import { compileStep, type PlanVariant, type StepPlan } from './compile-step.js';
import { InputUploader } from './inputs.js';
import { KernelTensors } from './kernel-tensors.js';
import type { Recorder } from './recordings.js';
import { RunFrames } from './run-frame.js';
import type { StateTensors } from './state-tensors.js';
import type { TfjsNamespace } from './tf-namespace.js';

/** The input variant a plan is compiled for. */
export type PlanInput = Pick<KernelInput, 'layout' | 'perStep'> & { beforeStep?: unknown };

/**
 * Runs the step program one tfjs kernel per operation, on any tfjs backend: one `tf.tidy` per step runs the
 * compiled plan for the input variant (compiled on first use).
 */
export class OpByOpRunner {
  private readonly tensors: KernelTensors;
  private readonly plans = new Map<string, StepPlan>();
  private readonly inputs: InputUploader;
  private readonly frames: RunFrames;

  constructor(
    private readonly tf: TfjsNamespace,
    private readonly request: KernelRequest,
    private readonly state: StateTensors,
  ) {
    this.tensors = new KernelTensors(tf);
    this.inputs = new InputUploader(tf, request.n, request.batchSize);
    this.frames = new RunFrames(tf, this.inputs);
  }

  run(request: RunRequest, recorder: Recorder): void {
    const { input } = request;
    const plan = this.planFor(input);
    this.frames.prepare(plan, input);
    for (let k = 0; k < request.steps; k++) {
      input.beforeStep?.(k);
      this.step(plan, input, k, request.firstStep + k, recorder);
      recorder.record(k, this.state.all);
    }
  }

  planFor(input: PlanInput): StepPlan {
    const variant: PlanVariant = {
      layout: input.layout,
      stepwise: input.perStep || input.beforeStep !== undefined,
    };
    const key = `${variant.layout}/${variant.stepwise}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compileStep(this.request.program, variant, {
        tf: this.tf,
        tensors: this.tensors,
        n: this.request.n,
        batchSize: this.request.batchSize,
        parameters: this.request.parameters,
      });
      this.plans.set(key, plan);
    }
    return plan;
  }

  dispose(): void {
    this.frames.dispose();
    this.tensors.dispose();
    this.plans.clear();
  }

  private step(plan: StepPlan, input: KernelInput, k: number, absoluteStep: number, recorder: Recorder) {
    const { slots } = plan;
    for (const { name, slot } of plan.stateReads) slots[slot] = this.state.get(name);
    const outputs = this.tf.tidy(() => {
      if (input.beforeStep || input.perStep) {
        if (plan.inputSlot !== null) slots[plan.inputSlot] = this.inputs.upload(input, k);
      }
      if (plan.timeSlot !== null) {
        slots[plan.timeSlot] = this.tf.scalar(Math.fround(absoluteStep * this.request.program.dt), 'float32');
      }
      for (const instruction of plan.stepInstructions) slots[instruction.out] = instruction.exec(slots);
      return plan.outputs.map((output) => slots[output.slot]!);
    });
    plan.outputs.forEach(({ name }, i) => {
      this.state.replace(name, outputs[i]!, recorder);
    });
  }
}
