import { BackendError } from '@synapticflow/core';
import {
  type Kernel,
  type KernelRequest,
  kernelParameters,
  type RunRequest,
  type StateArray,
  type StepProgram,
} from '@synapticflow/core/backend';
import type { ActiveBackend } from './active-backend.js';
import { isCpuStorage } from './cpu-storage.js';
import { FusedRunner } from './fused-runner.js';
import { OpByOpRunner, type PlanInput } from './op-runner.js';
import { Recorder } from './recordings.js';
import { StateTensors } from './state-tensors.js';
import type { TfjsNamespace } from './tf-namespace.js';

/** The kernels of a compiled op-by-op plan, for inspection (tests, docs, bug reports). */
export interface PlanSummary {
  /** Kernels run once per `run` call (they need the run's constant input). */
  run: string[];
  /** Kernels run on every step. */
  step: string[];
}

/** The generated kernel that runs on tfjs-cpu: its name in tfjs's kernel registry and its source. */
export interface FusedKernelSummary {
  name: string;
  source: string;
}

/**
 * State as [batchSize, n] tensors (float32; spikes as bool). On tfjs-cpu (unless `fused` is off) a run is
 * one generated kernel registered with tfjs; on every other tfjs backend each step is one `tf.tidy` that
 * runs one tfjs kernel per operation. Nothing is read back unless state is read, recorded, or checked for
 * NaN after a run.
 */
export class TfjsKernel implements Kernel {
  private readonly tf: TfjsNamespace;
  private readonly program: StepProgram;
  private readonly state: StateTensors;
  private readonly opByOp: OpByOpRunner;
  private readonly fused: FusedRunner | null;
  /** Elements of all per-neuron parameters (each kept as one [n] tensor). */
  private readonly perNeuronElements: number;
  private disposed = false;

  constructor(
    request: KernelRequest,
    private readonly backend: ActiveBackend,
    options: { fused: boolean },
  ) {
    this.tf = backend.tf;
    this.program = request.program;
    kernelParameters('tfjs backend', request); // every parameter has a value
    this.perNeuronElements = [...request.parameters.values()].reduce<number>(
      (sum, value) => sum + (typeof value === 'number' ? 0 : value.length),
      0,
    );
    backend.activate();
    this.state = new StateTensors(this.tf, request.program, [request.batchSize, request.n]);
    this.opByOp = new OpByOpRunner(this.tf, request, this.state);
    this.fused = options.fused ? new FusedRunner(this.tf, request, this.state) : null;
    for (const variable of request.program.state) {
      this.writeState(variable.name, new Float32Array(this.state.size));
    }
  }

  get description(): string {
    const name = this.backend.requested ?? this.tf.getBackend() ?? 'an uninitialized backend';
    const path = this.runsFused(name)
      ? `one fused kernel per run or recorded step, registered as ${this.fused!.name}`
      : 'one kernel per operation';
    return `tfjs ${this.tf.version_core} float32 on ${name} (${path})`;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    this.checkLive();
    this.checkState(name);
    if (values.length !== this.state.size) {
      throw new BackendError(
        `tfjs backend: state "${name}" needs ${this.state.size} values, got ${values.length}`,
      );
    }
    this.backend.activate();
    this.state.write(name, values);
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
    return this.copy(name, this.state.get(name).dataSync());
  }

  async readStateAsync(name: string): Promise<StateArray> {
    this.checkLive();
    this.checkState(name);
    return this.copy(name, await this.state.get(name).data());
  }

  run(request: RunRequest): undefined | Promise<void> {
    this.checkLive();
    const runner = this.runsFused(this.backend.activate()) ? this.fused! : this.opByOp;
    const recorder = new Recorder(
      this.tf,
      request.recordings,
      this.state.size,
      this.backend.canReadSync(),
      (tensor) => this.state.isLive(tensor),
    );
    try {
      runner.run(request, recorder);
    } catch (error) {
      recorder.discard();
      throw error;
    }
    return recorder.finish();
  }

  /**
   * The first NaN in number state. On tfjs-cpu reads are free (the tensor's own array), so the fused path
   * scans the values. Elsewhere it is one read of a scalar: the sum of all number state is NaN exactly when
   * some element is NaN (or +Infinity meets -Infinity); only then are the variables read to find it.
   * Backends without synchronous reads skip the check (it would need a read per run).
   */
  findNaN(): { state: string; index: number } | null {
    return this.findInState(Number.isNaN);
  }

  /** As `findNaN`, for NaN or ±Infinity: the sum of all number state is then not finite (or overflowed). */
  findNonFinite(): { state: string; index: number } | null {
    return this.findInState((x) => !Number.isFinite(x));
  }

  private findInState(matches: (x: number) => boolean): { state: string; index: number } | null {
    this.checkLive();
    const numbers = this.program.state.filter((s) => s.type === 'number').map((s) => s.name);
    if (numbers.length === 0 || !this.backend.canReadSync()) return null;
    if (this.runsFused(this.backend.requested ?? this.tf.getBackend()))
      return this.scanState(numbers, matches);
    const { tf } = this;
    const sum = tf.tidy(() => {
      const all = numbers.map((name) => this.state.get(name));
      return tf.sum(all.length === 1 ? all[0]! : tf.addN(all));
    });
    const total = sum.dataSync()[0]!;
    sum.dispose();
    if (!matches(total)) return null;
    return this.scanState(numbers, matches);
  }

  /** State tensors and one [n] float32 tensor per per-neuron parameter; tfjs's own pools are not counted. */
  memoryBytes(): number {
    let bytes = 0;
    for (const name of this.state.all.keys())
      bytes += this.state.size * (this.state.booleans.has(name) ? 1 : 4);
    return bytes + this.perNeuronElements * 4;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.state.dispose();
    this.opByOp.dispose();
    this.fused?.dispose();
  }

  /** The kernels a run with this input layout launches on the op-by-op path: once per run, and per step. */
  plan(input: PlanInput): PlanSummary {
    this.checkLive();
    const plan = this.opByOp.planFor(input);
    return {
      run: plan.runInstructions.map((i) => i.label),
      step: plan.stepInstructions.map((i) => i.label),
    };
  }

  /** The generated kernel for tfjs-cpu, or null with `fused: false`. */
  fusedKernel(): FusedKernelSummary | null {
    return this.fused && { name: this.fused.name, source: this.fused.fused.source };
  }

  /** Whether runs on this tfjs backend take the fused path: only tfjs-backend-cpu's storage is readable. */
  private runsFused(backendName: string): boolean {
    if (this.fused === null || backendName !== 'cpu') return false;
    // The engine's backend is only inspected when it is the one named, so this never switches backends.
    return this.tf.getBackend() !== 'cpu' || isCpuStorage(this.tf.engine().backend);
  }

  private scanState(
    numbers: readonly string[],
    matches: (x: number) => boolean,
  ): { state: string; index: number } | null {
    for (const name of numbers) {
      const values = this.state.get(name).dataSync();
      for (let i = 0; i < values.length; i++) {
        if (matches(values[i]!)) return { state: name, index: i };
      }
    }
    return null;
  }

  private copy(name: string, values: ArrayLike<number>): StateArray {
    // dataSync on tfjs-cpu returns the tensor's own array: always hand out a copy.
    return this.state.booleans.has(name) ? Uint8Array.from(values) : Float32Array.from(values);
  }

  private checkState(name: string): void {
    if (!this.program.state.some((s) => s.name === name))
      throw new BackendError(`tfjs backend: no state "${name}"`);
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('tfjs backend: kernel used after dispose()');
  }
}
