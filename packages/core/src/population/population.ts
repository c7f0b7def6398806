import {
  type Backend,
  DTYPES,
  type Dtype,
  type FloatArray,
  type Kernel,
  type ParameterValue,
  type StateArray,
} from '../backend.js';
import { BackendError, DisposedError, InputError, ParameterError, SynapticFlowError } from '../errors.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from '../expr/evaluate.js';
import { FEATURE_PARAMETERS } from '../model/features.js';
import type { ModelSpec, ParameterSpec } from '../model/spec.js';
import { type ValidatedModel, validateModel } from '../model/validate.js';
import { buildProgram, type RefractoryMode } from '../program/build.js';
import { INTEGRATORS } from '../program/integrators.js';
import type { StepProgram } from '../program/program.js';
import { stageRangeWarnings } from '../program/stage-range-warnings.js';
import {
  type InputShape,
  prepareRunInput,
  prepareStepInput,
  type RunInput,
  type StepInput,
} from './input.js';
import { overflowWarnings } from './overflow-warnings.js';
import {
  evaluatePerNeuron,
  type ParameterInput,
  programParameters,
  resolveParameters,
} from './parameters.js';

export interface PopulationOptions {
  backend: Backend;
  /** Number of neurons; give `n` or `shape` (their product). The batch is not part of it. */
  n?: number;
  shape?: readonly number[];
  batchSize?: number;
  /** Time step in ms (default 0.1). */
  dt?: number;
  dtype?: Dtype;
  refractory?: RefractoryMode;
  integrator?: string;
  /** Model parameters: a number, one number per neuron, or null where the parameter is nullable. */
  params?: Readonly<Record<string, ParameterInput | undefined>>;
  /** Spike traces (default: on where the model has a threshold, as in the seed). */
  spikeTrace?: boolean;
  additiveSpikeTrace?: boolean;
  traceTau?: number | ArrayLike<number>;
  traceScale?: number | ArrayLike<number>;
  /** Keep a running sum of the input in the `summedInput` state. */
  sumInput?: boolean;
}

export interface RunOptions {
  input?: RunInput;
  /** Record spikes of every step (default true). */
  spikes?: boolean;
  /** Other state to record, e.g. ["v", "traces"]. */
  record?: readonly string[];
  /** Record those every `stride` steps (default 1): row j is the state after step j*stride. */
  stride?: number;
}

export interface RunResult {
  steps: number;
  /** steps x batchSize x n, 1 where the neuron spiked (absent when `spikes: false`). */
  spikes?: Uint8Array;
  stride: number;
  /** ceil(steps/stride) x batchSize x n per recorded state variable. */
  recorded: Record<string, StateArray>;
}

/** Raised when a state variable became NaN, which a finite simulation should never produce. */
export class StateError extends SynapticFlowError {
  constructor(message: string) {
    super('STATE', message);
  }
}

/**
 * A population of neurons of one model on one backend: the object users hold. It validates everything,
 * builds the step program and leaves the arithmetic to the backend's kernel.
 */
export class Population {
  readonly model: ValidatedModel;
  readonly backend: Backend;
  readonly n: number;
  readonly shape: readonly number[];
  readonly dt: number;
  readonly dtype: Dtype;
  readonly refractoryMode: RefractoryMode;
  readonly program: StepProgram;
  /** Problems with the parameter set that do not stop the run, e.g. exp() overflowing the dtype before the threshold. */
  readonly warnings: readonly string[];
  private readonly parameterValues: Map<string, ParameterValue | null>;
  private batch: number;
  private kernel: Kernel | null = null;
  private disposed = false;
  private stepsTaken = 0;

  constructor(model: ModelSpec | ValidatedModel, options: PopulationOptions) {
    this.model =
      'spec' in model && 'equations' in model && Array.isArray(model.equations)
        ? (model as ValidatedModel)
        : validateModel(model as ModelSpec);
    const { backend } = options;
    if (!backend || typeof backend.createKernel !== 'function') {
      throw new BackendError(
        'options.backend must be a backend, e.g. jsBackend() from @synapticflow/backend-js',
      );
    }
    this.backend = backend;
    [this.n, this.shape] = resolveSize(options);
    this.batch = checkCount(options.batchSize ?? 1, 'batchSize');
    this.dt = options.dt ?? 0.1;
    if (typeof this.dt !== 'number' || !Number.isFinite(this.dt) || this.dt <= 0) {
      throw new ParameterError(`dt must be a finite number > 0 (ms), got ${this.dt}`);
    }
    this.dtype = options.dtype ?? 'float32';
    if (!DTYPES.includes(this.dtype))
      throw new ParameterError(`dtype must be "float32" or "float64", got ${JSON.stringify(this.dtype)}`);
    if (!backend.dtypes.includes(this.dtype)) {
      throw new BackendError(
        `backend "${backend.name}" does not support dtype ${this.dtype}; it supports ${backend.dtypes.join(', ')}`,
      );
    }
    this.refractoryMode = options.refractory ?? 'steps';
    if (this.refractoryMode !== 'steps' && this.refractoryMode !== 'seed') {
      throw new ParameterError(
        `refractory must be "steps" or "seed", got ${JSON.stringify(this.refractoryMode)}`,
      );
    }
    const integrator = INTEGRATORS[options.integrator ?? 'euler'];
    if (!integrator) {
      throw new ParameterError(
        `unknown integrator ${JSON.stringify(options.integrator)} (available: ${Object.keys(INTEGRATORS).join(', ')})`,
      );
    }
    const traces = (options.spikeTrace ?? this.model.threshold !== null) && this.model.threshold !== null;
    if (options.spikeTrace && !this.model.threshold) {
      throw new ParameterError(
        `spikeTrace needs a model with a threshold; "${this.model.name}" never spikes`,
      );
    }

    // Trace parameters are checked even while traces are off, so a typo never passes silently.
    const extra: Record<string, ParameterSpec> = this.model.threshold ? { ...FEATURE_PARAMETERS } : {};
    for (const name of Object.keys(extra)) {
      if (this.model.parameters.has(name))
        throw new ParameterError(`model "${this.model.name}" defines "${name}", which spike traces also use`);
    }
    const given: Record<string, ParameterInput | undefined> = { ...options.params };
    if (options.traceTau !== undefined) given.traceTau = options.traceTau;
    if (options.traceScale !== undefined) given.traceScale = options.traceScale;
    this.parameterValues = resolveParameters(this.model, extra, given, this.n);
    const nullParameters = new Set([...this.parameterValues].filter(([, v]) => v === null).map(([k]) => k));

    this.warnings = [
      ...overflowWarnings(this.model, this.parameterValues, this.n, this.dtype, this.dt),
      ...stageRangeWarnings(this.model, options.integrator ?? 'euler', integrator, this.parameterValues),
    ];
    this.program = buildProgram(this.model, {
      dt: this.dt,
      refractory: this.refractoryMode,
      integrator,
      traces: { enabled: traces, additive: options.additiveSpikeTrace ?? false },
      sumInput: options.sumInput ?? false,
      nullParameters,
    });
    this.allocate();
  }

  get batchSize(): number {
    return this.batch;
  }

  /** Steps taken since the last reset. */
  get stepCount(): number {
    return this.stepsTaken;
  }

  /** What actually runs: backend, dtype and engine details. */
  get kernelDescription(): string {
    return this.liveKernel().description;
  }

  /** Bytes the kernel holds (state, parameters, staging), where its backend reports them; null otherwise. */
  get kernelMemoryBytes(): number | null {
    return this.liveKernel().memoryBytes?.() ?? null;
  }

  /** Parameter values as resolved (defaults filled in); per-neuron ones as Float64Array. */
  get params(): ReadonlyMap<string, ParameterValue | null> {
    return this.parameterValues;
  }

  /** Names of the state variables, e.g. v, s, refractory, traces. */
  get stateNames(): string[] {
    return this.program.state.map((s) => s.name);
  }

  /** Changes the batch size; state is re-allocated and reset, as in the seed. */
  setBatchSize(batchSize: number): void {
    this.liveKernel();
    this.batch = checkCount(batchSize, 'batchSize');
    this.kernel?.dispose();
    this.kernel = null;
    this.allocate();
  }

  /** Runs one time step. `x`: one number, n values (broadcast over the batch) or batchSize*n values. */
  forward(x: StepInput): void {
    const kernel = this.liveKernel();
    this.checkSynchronousRuns('forward');
    const input = prepareStepInput(x, this.inputShape());
    kernel.run({ steps: 1, firstStep: this.stepsTaken, input, recordings: [] });
    this.finish(1);
  }

  /** Runs `steps` steps inside the kernel, recording what is asked. */
  run(steps: number, options: RunOptions = {}): RunResult {
    const kernel = this.liveKernel();
    this.checkSynchronousRuns('run');
    const { request, result, stepsStarted } = this.prepareRun(steps, options);
    try {
      kernel.run(request);
    } catch (error) {
      this.stepsTaken += stepsStarted();
      throw error;
    }
    this.finish(steps);
    return result;
  }

  /** `run` for every backend, including those whose kernels run asynchronously. */
  async runAsync(steps: number, options: RunOptions = {}): Promise<RunResult> {
    const kernel = this.liveKernel();
    const { request, result, stepsStarted } = this.prepareRun(steps, options);
    try {
      await kernel.run(request);
    } catch (error) {
      this.stepsTaken += stepsStarted();
      throw error;
    }
    this.finish(steps);
    return result;
  }

  /** A copy of a state variable (batchSize*n values, row-major). */
  state(name: string): StateArray {
    this.checkState(name);
    if (!this.backend.synchronousReads) {
      throw new BackendError(
        `backend "${this.backend.name}" reads state asynchronously; use await population.read("${name}")`,
      );
    }
    return this.liveKernel().readState(name);
  }

  /** A copy of a state variable; works on every backend. */
  async read(name: string): Promise<StateArray> {
    this.checkState(name);
    return this.liveKernel().readStateAsync(name);
  }

  /** Spikes of the last step, batchSize*n values of 0 or 1. */
  get s(): Uint8Array {
    return this.state('s') as Uint8Array;
  }

  /** Spike traces, batchSize*n values. */
  get traces(): FloatArray {
    return this.state('traces') as FloatArray;
  }

  /**
   * Overwrites one state variable with batchSize*n values (row-major, batch first), e.g. to start from
   * chosen initial conditions. Number state must be finite (Infinity is allowed: exp can overflow to it);
   * boolean state takes 0 or 1.
   */
  writeState(name: string, values: ArrayLike<number>): void {
    const kernel = this.liveKernel();
    this.checkState(name);
    const size = this.batch * this.n;
    if (values.length !== size) {
      throw new InputError(`state "${name}" needs batchSize*n = ${size} values, got ${values.length}`);
    }
    const boolean = this.program.state.find((s) => s.name === name)!.type === 'boolean';
    for (let i = 0; i < size; i++) {
      const value = values[i]!;
      const valid = boolean ? value === 0 || value === 1 : !Number.isNaN(value) && typeof value === 'number';
      if (!valid)
        throw new InputError(
          `state "${name}"[${i}] is ${value}; expected ${boolean ? '0 or 1' : 'a number (not NaN)'}`,
        );
    }
    kernel.writeState(name, values);
  }

  /** Restores the initial state (the seed's `reset_state_variables`). */
  reset(): void {
    const kernel = this.liveKernel();
    const arithmetic = this.dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
    const size = this.batch * this.n;
    for (const variable of this.program.state) {
      const perNeuron = evaluatePerNeuron(
        (lookup) => Number(evaluate(variable.initial, lookup, arithmetic)),
        this.parameterValues,
        this.n,
      );
      const values = new Float64Array(size);
      for (let i = 0; i < size; i++)
        values[i] = typeof perNeuron === 'number' ? perNeuron : perNeuron[i % this.n]!;
      kernel.writeState(variable.name, values);
    }
    this.stepsTaken = 0;
  }

  /** Releases the backend's buffers; the population cannot be used afterwards. */
  dispose(): void {
    this.kernel?.dispose();
    this.kernel = null;
    this.disposed = true;
  }

  private allocate(): void {
    this.kernel = this.backend.createKernel({
      program: this.program,
      dtype: this.dtype,
      n: this.n,
      batchSize: this.batch,
      parameters: programParameters(this.program, this.parameterValues, this.n, this.dtype),
    });
    this.reset();
  }

  private liveKernel(): Kernel {
    if (this.disposed || !this.kernel) throw new DisposedError(`population of "${this.model.name}"`);
    return this.kernel;
  }

  private inputShape(): InputShape {
    const FloatArrayType = this.dtype === 'float32' ? Float32Array : Float64Array;
    return { n: this.n, batchSize: this.batch, makeArray: (length) => new FloatArrayType(length) };
  }

  private checkState(name: string): void {
    if (!this.program.state.some((s) => s.name === name)) {
      throw new ParameterError(
        `"${this.model.name}" population has no state "${name}" (state: ${this.stateNames.join(', ')})`,
      );
    }
  }

  private prepareRun(steps: number, options: RunOptions) {
    checkCount(steps, 'steps');
    const stride = checkCount(options.stride ?? 1, 'stride');
    const size = this.batch * this.n;
    const rows = Math.ceil(steps / stride);
    const recordings = [];
    const result: RunResult = { steps, stride, recorded: {} };
    if ((options.spikes ?? true) && this.program.spikes) {
      result.spikes = new Uint8Array(steps * size);
      recordings.push({ name: this.program.spikes, stride: 1, buffer: result.spikes });
    }
    for (const name of options.record ?? []) {
      this.checkState(name);
      const variable = this.program.state.find((s) => s.name === name)!;
      const buffer =
        variable.type === 'boolean'
          ? new Uint8Array(rows * size)
          : this.dtype === 'float32'
            ? new Float32Array(rows * size)
            : new Float64Array(rows * size);
      result.recorded[name] = buffer;
      recordings.push({ name, stride, buffer });
    }
    const prepared = prepareRunInput(options.input, steps, this.inputShape());
    // A callback input can fail mid-run; the steps before it have happened and must count.
    let started = 0;
    const fill = prepared.beforeStep;
    const input = fill
      ? {
          ...prepared,
          beforeStep: (step: number) => {
            started = step;
            fill(step);
          },
        }
      : prepared;
    return {
      request: { steps, firstStep: this.stepsTaken, input, recordings },
      result,
      stepsStarted: () => started,
    };
  }

  private checkSynchronousRuns(method: string): void {
    if (this.backend.synchronousRuns === false) {
      throw new BackendError(
        `backend "${this.backend.name}" runs asynchronously; use runAsync() instead of ${method}()`,
      );
    }
  }

  private finish(steps: number): void {
    this.stepsTaken += steps;
    const nan = this.kernel?.findNaN?.();
    if (nan) {
      const row = Math.floor(nan.index / this.n);
      throw new StateError(
        `state "${nan.state}" became NaN (batch row ${row}, neuron ${nan.index % this.n}) by step ${this.stepsTaken - 1}; ` +
          'check the model for operations without a finite result (e.g. an input so large that R*I overflows the dtype)',
      );
    }
  }
}

function resolveSize(options: PopulationOptions): [number, readonly number[]] {
  if (options.shape !== undefined) {
    if (!Array.isArray(options.shape) || options.shape.length === 0)
      throw new ParameterError('shape must be a non-empty array of positive integers');
    for (const [i, d] of options.shape.entries()) checkCount(d, `shape[${i}]`);
    const n = options.shape.reduce((a, b) => a * b, 1);
    if (options.n !== undefined && options.n !== n) {
      throw new ParameterError(
        `n = ${options.n} does not match shape [${options.shape.join(', ')}] (product ${n})`,
      );
    }
    return [n, [...options.shape]];
  }
  if (options.n === undefined) throw new ParameterError('give the number of neurons as n (or shape)');
  const n = checkCount(options.n, 'n');
  return [n, [n]];
}

function checkCount(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new ParameterError(`${name} must be a positive integer, got ${value}`);
  return value;
}
