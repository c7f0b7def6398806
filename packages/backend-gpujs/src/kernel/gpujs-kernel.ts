import { BackendError } from '@synapticflow/core';
import {
  inputBlock,
  type Kernel,
  type KernelInput,
  type KernelRequest,
  kernelParameters,
  type Recording,
  type RunRequest,
  recordStep,
  type StateArray,
  type StepProgram,
} from '@synapticflow/core/backend';
import type { KernelSource } from '../codegen/kernel-source.js';
import { type LaunchGroup, type LaunchStrategy, planLaunches } from '../codegen/launch-plan.js';
import { byLastAssignment } from '../codegen/live-statements.js';
import { createArrayStore } from '../device/array-store.js';
import { BitRecorder, canPackBits } from '../device/bit-recorder.js';
import type { DeviceStore, DeviceValue } from '../device/device-store.js';
import { createTextureStore } from '../device/texture-store.js';
import { type GpuInstance, usesTextures } from '../gpujs.js';
import { describeKernel, describeLaunches } from './describe.js';
import { StepLauncher } from './step-launcher.js';

export interface GpujsKernelOptions {
  gpu: GpuInstance;
  /** The mode asked of gpu.js, for the description. */
  mode: string;
  strategy: LaunchStrategy;
  optimizeFloatMemory: boolean;
  /** Called once on dispose (the backend releases its gpu.js instance with the last kernel). */
  onDispose(): void;
}

/**
 * A population's state on gpu.js: in textures between steps on the GL kernels (read back only for
 * recordings and reads), in typed arrays on the cpu and WebAssembly kernels. Each step launches the
 * kernels of a StepLauncher, compiled per input layout on first use.
 */
export class GpujsKernel implements Kernel {
  private readonly program: StepProgram;
  private readonly options: GpujsKernelOptions;
  private readonly shape: { n: number; batchSize: number };
  private readonly store: DeviceStore;
  private readonly groups: LaunchGroup[];
  private readonly settings: object;
  private readonly state = new Map<string, DeviceValue>();
  private readonly parameters = new Map<string, DeviceValue>();
  private readonly scalars = new Map<string, number>();
  private readonly perNeuron = new Set<string>();
  private readonly launchers = new Map<KernelInput['layout'], StepLauncher>();
  private lastLauncher: StepLauncher | null = null;
  private disposed = false;

  constructor(request: KernelRequest, options: GpujsKernelOptions) {
    if (request.dtype !== 'float32') {
      throw new BackendError(`gpujs backend computes in float32 only, not ${request.dtype}`);
    }
    this.program = request.program;
    this.options = options;
    this.shape = { n: request.n, batchSize: request.batchSize };
    const { gpu } = options;
    const textures = usesTextures(gpu.Kernel);
    const common = {
      pipeline: true,
      immutable: true, // a fresh output per launch: a step reads last step's textures while writing new ones
      precision: 'single',
      tactic: 'precision', // highp everywhere, whatever gpu.js would pick for the texture size
      optimizeFloatMemory: options.optimizeFloatMemory,
    } as const;
    this.settings = { ...common, output: [request.n, request.batchSize] };
    this.store = textures ? createTextureStore(gpu, this.shape, common) : createArrayStore(this.shape);
    const updated = byLastAssignment(
      request.program.statements,
      request.program.state
        .map((s) => s.name)
        .filter((name) => request.program.statements.some((s) => s.kind === 'set' && s.name === name)),
    );
    // A GL kernel map writes one texture per draw buffer; the cpu kernel has no such limit.
    const maxOutputs = textures ? (gpu.Kernel.features.channelCount ?? 4) : Number.POSITIVE_INFINITY;
    this.groups = planLaunches(updated, options.strategy, maxOutputs);
    for (const [name, value] of kernelParameters('gpujs backend', { ...request, dtype: 'float32' })) {
      if (typeof value === 'number') {
        this.scalars.set(name, value);
      } else {
        this.perNeuron.add(name);
        this.parameters.set(name, this.store.row(Float32Array.from(value), true));
      }
    }
    const zeros = new Float32Array(this.size);
    for (const variable of request.program.state) this.state.set(variable.name, this.store.grid(zeros, true));
  }

  get description(): string {
    return describeKernel(this.options.mode, this.kernelsInUse(), describeLaunches(this.groups));
  }

  /**
   * The gpu.js kernel classes of the last step (after any fallback gpu.js made, with its reason); before the
   * first step, the class the mode selects.
   */
  kernelsInUse(): { className: string; fallbackReason: string | null }[] {
    return (
      this.lastLauncher?.kernelsInUse() ?? [{ className: this.options.gpu.Kernel.name, fallbackReason: null }]
    );
  }

  /** The generated gpu.js kernel sources for an input layout, for inspection and docs. */
  sources(layout: KernelInput['layout'] = 'scalar'): readonly KernelSource[] {
    return this.launcher(layout).sources;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    const old = this.value(name);
    if (values.length !== this.size) {
      throw new BackendError(`state "${name}" needs ${this.size} values, got ${values.length}`);
    }
    this.state.set(name, this.store.grid(Float32Array.from(values), true));
    this.store.release(old);
  }

  readState(name: string): StateArray {
    const value = this.value(name);
    if (this.store.usesTextures) {
      throw new BackendError(
        `gpujs backend: state "${name}" is in a GL texture; read it with await population.read("${name}")`,
      );
    }
    const copy = this.isBoolean(name) ? new Uint8Array(this.size) : new Float32Array(this.size);
    this.store.readGrid(value, copy, 0);
    return copy;
  }

  async readStateAsync(name: string): Promise<StateArray> {
    const values = await this.store.readGridAsync(this.value(name));
    return this.isBoolean(name) ? Uint8Array.from(values) : values;
  }

  run(request: RunRequest): void {
    this.checkLive();
    const { steps, firstStep, input, recordings } = request;
    const launcher = this.launcher(input.layout);
    this.lastLauncher = launcher;
    const block = inputBlock(input.layout, this.shape.n, this.shape.batchSize);
    // Constant input is uploaded once per run; input that changes per step is uploaded every step.
    const varies = input.perStep || input.beforeStep !== undefined;
    let constant: DeviceValue | null = null;
    // Spikes (boolean state) recorded on a GL kernel: one readback per 24 recorded steps, not per step.
    const packed = new Map<Recording, BitRecorder>();
    for (const recording of recordings) {
      if (!canPackBits(this.store) || !this.isBoolean(recording.name)) continue;
      packed.set(recording, new BitRecorder(this.store, recording.buffer, this.size));
    }
    try {
      for (let k = 0; k < steps; k++) {
        input.beforeStep?.(k);
        const start = input.perStep ? k * block : 0;
        let perStep: DeviceValue | null = null;
        let value: DeviceValue | number;
        if (input.layout === 'scalar') {
          value = Math.fround(input.data[start]!);
        } else if (varies) {
          value = perStep = this.upload(input, start, block);
        } else {
          value = constant ??= this.upload(input, start, block);
        }
        const time = Math.fround((firstStep + k) * this.program.dt);
        const next = launcher.launch({ state: this.state, parameters: this.parameters, input: value, time });
        if (perStep) this.store.release(perStep);
        for (const [name, updated] of next) {
          this.store.release(this.state.get(name)!);
          this.state.set(name, updated);
        }
        recordStep(recordings, k, (recording, row) => {
          const bits = packed.get(recording);
          if (bits) bits.add(row, this.value(recording.name));
          else this.store.readGrid(this.value(recording.name), recording.buffer, row * this.size);
        });
      }
    } finally {
      for (const bits of packed.values()) bits.flush();
      if (constant) this.store.release(constant);
    }
  }

  /** The first NaN in number state; only where state is in arrays (a texture would need a readback). */
  findNaN(): { state: string; index: number } | null {
    return this.findInState(Number.isNaN);
  }

  /** The first NaN or ±Infinity in number state, where state is in arrays. */
  findNonFinite(): { state: string; index: number } | null {
    return this.findInState((x) => !Number.isFinite(x));
  }

  private findInState(matches: (x: number) => boolean): { state: string; index: number } | null {
    if (this.store.usesTextures || this.disposed) return null;
    const values = new Float32Array(this.size);
    for (const variable of this.program.state) {
      if (variable.type !== 'number') continue;
      this.store.readGrid(this.value(variable.name), values, 0);
      const index = values.findIndex(matches);
      if (index >= 0) return { state: variable.name, index };
    }
    return null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const value of [...this.state.values(), ...this.parameters.values()]) this.store.release(value);
    this.state.clear();
    this.parameters.clear();
    for (const launcher of this.launchers.values()) launcher.dispose();
    this.launchers.clear();
    this.lastLauncher = null;
    this.store.dispose();
    this.options.onDispose();
  }

  private get size(): number {
    return this.shape.n * this.shape.batchSize;
  }

  private upload(input: KernelInput, start: number, length: number): DeviceValue {
    const view = input.data.subarray(start, start + length);
    const values = view instanceof Float32Array ? view : Float32Array.from(view);
    return input.layout === 'full' ? this.store.grid(values, false) : this.store.row(values, false);
  }

  private launcher(layout: KernelInput['layout']): StepLauncher {
    this.checkLive();
    let launcher = this.launchers.get(layout);
    if (!launcher) {
      launcher = new StepLauncher({
        gpu: this.options.gpu,
        program: this.program,
        layout,
        groups: this.groups,
        perNeuron: this.perNeuron,
        scalars: this.scalars,
        settings: this.settings,
      });
      this.launchers.set(layout, launcher);
    }
    return launcher;
  }

  private isBoolean(name: string): boolean {
    return this.program.state.some((s) => s.name === name && s.type === 'boolean');
  }

  private value(name: string): DeviceValue {
    this.checkLive();
    const value = this.state.get(name);
    if (!value) throw new BackendError(`gpujs backend: no state "${name}"`);
    return value;
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('gpujs backend: kernel used after dispose()');
  }
}
