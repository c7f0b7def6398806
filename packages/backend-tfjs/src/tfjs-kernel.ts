import {
  BackendError,
  type Kernel,
  type KernelInput,
  type KernelRequest,
  type RunRequest,
  type StateArray,
  type StepProgram,
} from '@synapticflow/core';
import type { ActiveBackend } from './active-backend.js';
import { compileStep, type PlanVariant, type StepPlan } from './compile-step.js';
import { InputUploader } from './inputs.js';
import { KernelTensors } from './kernel-tensors.js';
import { Recorder } from './recordings.js';
import { RunFrames } from './run-frame.js';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/** The kernels of a compiled plan, for inspection (tests, docs, bug reports). */
export interface PlanSummary {
  /** Kernels run once per `run` call (they need the run's constant input). */
  run: string[];
  /** Kernels run on every step. */
  step: string[];
}

/**
 * State as [batchSize, n] tensors (float32; spikes as bool), advanced by one `tf.tidy` per step that runs
 * the compiled plan. Nothing is read back unless state is read, recorded, or checked for NaN after a run.
 */
export class TfjsKernel implements Kernel {
  private readonly tf: TfjsNamespace;
  private readonly program: StepProgram;
  private readonly shape: [number, number];
  private readonly state = new Map<string, Tensor>();
  private readonly booleans: ReadonlySet<string>;
  private readonly tensors: KernelTensors;
  private readonly plans = new Map<string, StepPlan>();
  private readonly inputs: InputUploader;
  private readonly frames: RunFrames;
  private disposed = false;

  constructor(
    private readonly request: KernelRequest,
    private readonly backend: ActiveBackend,
  ) {
    this.tf = backend.tf;
    this.program = request.program;
    this.shape = [request.batchSize, request.n];
    this.booleans = new Set(request.program.state.filter((s) => s.type === 'boolean').map((s) => s.name));
    for (const name of request.program.parameters) {
      if (!request.parameters.has(name))
        throw new BackendError(`tfjs backend: no value for parameter "${name}"`);
    }
    backend.activate();
    this.tensors = new KernelTensors(this.tf);
    this.inputs = new InputUploader(this.tf, request.n, request.batchSize);
    this.frames = new RunFrames(this.tf, this.inputs);
    for (const variable of request.program.state) {
      this.writeState(variable.name, new Float32Array(this.size));
    }
  }

  get description(): string {
    const name = this.backend.requested ?? this.tf.getBackend() ?? 'an uninitialized backend';
    return `tfjs ${this.tf.version_core} float32 on ${name} (one kernel per operation)`;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    this.checkLive();
    this.checkState(name);
    if (values.length !== this.size) {
      throw new BackendError(`tfjs backend: state "${name}" needs ${this.size} values, got ${values.length}`);
    }
    this.backend.activate();
    const tensor = this.booleans.has(name)
      ? this.tf.tensor(
          Uint8Array.from(values, (v) => (v ? 1 : 0)),
          this.shape,
          'bool',
        )
      : this.tf.tensor(Float32Array.from(values), this.shape, 'float32');
    this.state.get(name)?.dispose();
    this.state.set(name, this.tf.keep(tensor));
  }

  readState(name: string): StateArray {
    this.checkLive();
    this.checkState(name);
    if (!this.backend.canReadSync()) {
      throw new BackendError(
        `tfjs backend "${this.backend.requested ?? this.tf.getBackend()}" cannot read state synchronously; ` +
          `use await population.read("${name}")`,
      );
    }
    return this.copy(name, this.state.get(name)!.dataSync());
  }

  async readStateAsync(name: string): Promise<StateArray> {
    this.checkLive();
    this.checkState(name);
    return this.copy(name, await this.state.get(name)!.data());
  }

  run(request: RunRequest): undefined | Promise<void> {
    this.checkLive();
    this.backend.activate();
    const { input } = request;
    const plan = this.planFor(input);
    this.frames.prepare(plan, input);
    const recorder = new Recorder(this.tf, request.recordings, this.size, this.backend.canReadSync(), (t) =>
      this.isState(t),
    );
    try {
      for (let k = 0; k < request.steps; k++) {
        input.beforeStep?.(k);
        this.step(plan, input, k, request.firstStep + k, recorder);
        recorder.record(k, this.state);
      }
    } catch (error) {
      recorder.discard();
      throw error;
    }
    return recorder.finish();
  }

  /**
   * The first NaN in number state. One read of a scalar: the sum of all number state is NaN exactly when
   * some element is NaN (or +Infinity meets -Infinity); only then are the variables read to find it.
   * Backends without synchronous reads skip the check (it would need a read per run).
   */
  findNaN(): { state: string; index: number } | null {
    this.checkLive();
    const numbers = this.program.state.filter((s) => s.type === 'number').map((s) => s.name);
    if (numbers.length === 0 || !this.backend.canReadSync()) return null;
    const { tf } = this;
    const sum = tf.tidy(() => {
      const all = numbers.map((name) => this.state.get(name)!);
      return tf.sum(all.length === 1 ? all[0]! : tf.addN(all));
    });
    const total = sum.dataSync()[0]!;
    sum.dispose();
    if (!Number.isNaN(total)) return null;
    for (const name of numbers) {
      const index = this.state.get(name)!.dataSync().findIndex(Number.isNaN);
      if (index >= 0) return { state: name, index };
    }
    return null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const tensor of this.state.values()) tensor.dispose();
    this.state.clear();
    this.frames.dispose();
    this.tensors.dispose();
    this.plans.clear();
  }

  /** The kernels a run with this input layout launches: once per run, and per step. */
  plan(input: Pick<KernelInput, 'layout' | 'perStep'> & { beforeStep?: unknown }): PlanSummary {
    this.checkLive();
    const plan = this.planFor(input);
    return {
      run: plan.runInstructions.map((i) => i.label),
      step: plan.stepInstructions.map((i) => i.label),
    };
  }

  private step(plan: StepPlan, input: KernelInput, k: number, absoluteStep: number, recorder: Recorder) {
    const { slots } = plan;
    for (const { name, slot } of plan.stateReads) slots[slot] = this.state.get(name);
    const outputs = this.tf.tidy(() => {
      if (input.beforeStep || input.perStep) {
        if (plan.inputSlot !== null) slots[plan.inputSlot] = this.inputs.upload(input, k);
      }
      if (plan.timeSlot !== null) {
        slots[plan.timeSlot] = this.tf.scalar(Math.fround(absoluteStep * this.program.dt), 'float32');
      }
      for (const instruction of plan.stepInstructions) slots[instruction.out] = instruction.exec(slots);
      return plan.outputs.map((output) => slots[output.slot]!);
    });
    plan.outputs.forEach(({ name }, i) => {
      const previous = this.state.get(name)!;
      this.state.set(name, this.tf.keep(outputs[i]!));
      if (!recorder.holds(previous)) previous.dispose();
    });
  }

  private planFor(input: Pick<KernelInput, 'layout' | 'perStep'> & { beforeStep?: unknown }): StepPlan {
    const variant: PlanVariant = {
      layout: input.layout,
      stepwise: input.perStep || input.beforeStep !== undefined,
    };
    const key = `${variant.layout}/${variant.stepwise}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compileStep(this.program, variant, {
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

  private copy(name: string, values: ArrayLike<number>): StateArray {
    // dataSync on tfjs-cpu returns the tensor's own array: always hand out a copy.
    return this.booleans.has(name) ? Uint8Array.from(values) : Float32Array.from(values);
  }

  private isState(tensor: Tensor): boolean {
    for (const value of this.state.values()) if (value === tensor) return true;
    return false;
  }

  private get size(): number {
    return this.shape[0] * this.shape[1];
  }

  private checkState(name: string): void {
    if (!this.program.state.some((s) => s.name === name))
      throw new BackendError(`tfjs backend: no state "${name}"`);
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('tfjs backend: kernel used after dispose()');
  }
}
