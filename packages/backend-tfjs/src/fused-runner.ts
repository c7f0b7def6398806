import { BackendError } from '@synapticflow/core';
import {
  type KernelInput,
  type KernelRequest,
  type RunRequest,
  stepsToNextRecording,
} from '@synapticflow/core/backend';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { type FusedAttrs, fusedKernelFunc, INPUT, parameterInput, stateInput } from './fused-kernel-func.js';
import { acquireFusedKernel, type FusedKernelLease, fusedKernelName } from './fused-registry.js';
import { compileFusedLoop, type FusedSource, generateFusedSource } from './fused-source.js';
import type { Recorder } from './recordings.js';
import type { StateTensors } from './state-tensors.js';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/**
 * Runs the step program as one generated tfjs kernel on tfjs-cpu: a whole `run` is one kernel call, split
 * only where a recording needs the state after a step, or where a `beforeStep` callback must run between
 * steps. Each call's outputs become the new state (tfjs kernels return new tensors; inputs stay untouched).
 */
export class FusedRunner {
  readonly fused: FusedSource;
  readonly name: string;
  private registration: FusedKernelLease | null = null;
  /** Per-neuron parameters as [n] tensors, made on the first run. */
  private params: Tensor[] | null = null;

  constructor(
    private readonly tf: TfjsNamespace,
    private readonly request: KernelRequest,
    private readonly state: StateTensors,
  ) {
    this.fused = generateFusedSource(request.program, request.parameters);
    this.name = fusedKernelName(this.fused.source);
  }

  run(request: RunRequest, recorder: Recorder): void {
    this.lease().ensureRegistered();
    const { input, steps } = request;
    const reads = this.fused.readsInput;
    // A constant input is one tensor for the whole run; per-step data and callbacks need one per call.
    const constant = reads && !input.perStep && !input.beforeStep ? this.upload(input, 0, 1) : null;
    try {
      for (let k = 0; k < steps; ) {
        input.beforeStep?.(k);
        const count = input.beforeStep ? 1 : stepsToNextRecording(request, k);
        const block = constant ?? (reads ? this.upload(input, k, count) : null);
        try {
          this.advance(request, k, count, block, recorder);
        } finally {
          if (block !== constant) block?.dispose();
        }
        k += count;
        recorder.record(k - 1, this.state.all);
      }
    } finally {
      constant?.dispose();
    }
  }

  dispose(): void {
    this.registration?.release();
    this.registration = null;
    for (const tensor of this.params ?? []) tensor.dispose();
    this.params = null;
  }

  /** One kernel call: `count` steps from step `first` of the run. */
  private advance(
    request: RunRequest,
    first: number,
    count: number,
    input: Tensor | null,
    recorder: Recorder,
  ): void {
    const { n, batchSize } = this.request;
    const inputs: NamedTensorMap = {};
    for (const name of this.fused.reads) inputs[stateInput(name)] = this.state.get(name);
    this.perNeuron().forEach((tensor, at) => {
      inputs[parameterInput(this.fused.perNeuron[at]!)] = tensor;
    });
    if (input) inputs[INPUT] = input;
    const attrs: FusedAttrs = {
      steps: count,
      firstStep: request.firstStep + first,
      n,
      batchSize,
      layout: request.input.layout,
      perStep: request.input.perStep,
    };
    const outputs = this.tf.engine().runKernel(this.name, inputs, attrs) as Tensor[];
    this.fused.writes.forEach(({ name }, at) => {
      this.state.replace(name, outputs[at]!, recorder);
    });
  }

  /**
   * The input of `count` steps from `first` as a flat tensor. A float32 block is wrapped, not copied: the
   * kernel only reads it, and the tensor is disposed before the caller's data can change (before the next
   * `beforeStep` call, or at the end of the run).
   */
  private upload(input: KernelInput, first: number, count: number): Tensor {
    const { n, batchSize } = this.request;
    const block = input.layout === 'scalar' ? 1 : input.layout === 'neuron' ? n : n * batchSize;
    const start = input.perStep ? first * block : 0;
    const length = input.perStep ? count * block : block;
    const view = input.data.subarray(start, start + length);
    const values = view instanceof Float32Array ? view : Float32Array.from(view);
    return this.tf.tensor(values, [length], 'float32');
  }

  private perNeuron(): Tensor[] {
    this.params ??= this.fused.perNeuron.map((name) => {
      const values = this.request.parameters.get(name)!;
      if (typeof values === 'number' || values.length !== this.request.n) {
        throw new BackendError(
          `tfjs backend: parameter "${name}" needs ${this.request.n} values (one per neuron)`,
        );
      }
      return this.tf.keep(this.tf.tensor(Float32Array.from(values), [values.length], 'float32'));
    });
    return this.params;
  }

  /** The registration, made on the first run: kernels that never run on tfjs-cpu register nothing. */
  private lease(): FusedKernelLease {
    const { fused } = this;
    this.registration ??= acquireFusedKernel(this.tf, fused.source, () =>
      fusedKernelFunc(fused, compileFusedLoop(fused.source)),
    );
    return this.registration;
  }
}
