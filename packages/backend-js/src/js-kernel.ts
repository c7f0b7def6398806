import type {
  Dtype,
  FloatArray,
  Kernel,
  KernelInput,
  KernelRequest,
  RunRequest,
  StateArray,
  StepProgram,
} from '@synapticflow/core';
import { BackendError } from '@synapticflow/core';
import { type CompiledRun, compileRun, generateRunSource } from './compile-step.js';

/** State in typed arrays, advanced by generated fused loops (one per input layout, compiled on first use). */
export class JsKernel implements Kernel {
  readonly description: string;
  private readonly program: StepProgram;
  private readonly dtype: Dtype;
  private readonly shape: { n: number; batchSize: number };
  private readonly state: Record<string, StateArray> = {};
  private readonly params: Record<string, number | FloatArray> = {};
  private readonly compiled = new Map<string, CompiledRun>();
  private disposed = false;

  constructor(request: KernelRequest) {
    this.program = request.program;
    this.dtype = request.dtype;
    this.shape = { n: request.n, batchSize: request.batchSize };
    const FloatArrayType = request.dtype === 'float32' ? Float32Array : Float64Array;
    const size = request.n * request.batchSize;
    for (const variable of request.program.state) {
      this.state[variable.name] =
        variable.type === 'boolean' ? new Uint8Array(size) : new FloatArrayType(size);
    }
    for (const name of request.program.parameters) {
      const value = request.parameters.get(name);
      if (value === undefined) throw new BackendError(`js backend: no value for parameter "${name}"`);
      if (typeof value === 'number') {
        this.params[name] = request.dtype === 'float32' ? Math.fround(value) : value;
      } else {
        this.params[name] = FloatArrayType.from(value);
      }
    }
    this.description = `js ${request.dtype} (fused loop)`;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    const target = this.buffer(name);
    if (values.length !== target.length) {
      throw new BackendError(`state "${name}" needs ${target.length} values, got ${values.length}`);
    }
    target.set(values);
  }

  readState(name: string): StateArray {
    return this.buffer(name).slice();
  }

  async readStateAsync(name: string): Promise<StateArray> {
    return this.readState(name);
  }

  run(request: RunRequest): void {
    this.checkLive();
    const run = this.variant(request.input);
    run(
      this.state,
      this.params,
      request.input.data,
      request.steps,
      request.firstStep,
      request.recordings,
      request.input.beforeStep,
    );
  }

  findNaN(): { state: string; index: number } | null {
    for (const variable of this.program.state) {
      if (variable.type !== 'number') continue;
      const values = this.state[variable.name]!;
      for (let i = 0; i < values.length; i++) {
        if (Number.isNaN(values[i])) return { state: variable.name, index: i };
      }
    }
    return null;
  }

  dispose(): void {
    this.disposed = true;
    this.compiled.clear();
  }

  /** The generated source for an input layout, for inspection and docs. */
  source(input: Pick<KernelInput, 'layout' | 'perStep'> & { beforeStep?: boolean }): string {
    return generateRunSource(this.program, this.dtype, this.shape, this.params, {
      layout: input.layout,
      perStep: input.perStep,
      beforeStep: input.beforeStep ?? false,
    });
  }

  private variant(input: KernelInput): CompiledRun {
    const key = `${input.layout}/${input.perStep}/${input.beforeStep !== undefined}`;
    let run = this.compiled.get(key);
    if (!run) {
      run = compileRun(
        this.source({ ...input, beforeStep: input.beforeStep !== undefined }),
        this.program.dt,
      );
      this.compiled.set(key, run);
    }
    return run;
  }

  private buffer(name: string): StateArray {
    this.checkLive();
    const buffer = this.state[name];
    if (!buffer) throw new BackendError(`js backend: no state "${name}"`);
    return buffer;
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('js backend: kernel used after dispose()');
  }
}
