import {
  type Backend,
  DTYPES,
  type Dtype,
  type FloatArray,
  type Kernel,
  type ParameterValue,
  type RunRequest,
  type StateArray,
} from '../backend.js';
import {
  BackendError,
  BrokenPopulationError,
  BusyError,
  DisposedError,
  InputError,
  ParameterError,
  SynapticFlowError,
} from '../errors.js';
import { inputBlock } from '../kernel/run-driver.js';
import type { ModelSpec } from '../model/spec.js';
import { isValidatedModel, type ValidatedModel, validateModel } from '../model/validate.js';
import type { RefractoryMode } from '../program/build.js';
import type { StepProgram } from '../program/program.js';
import { stageRangeWarnings } from '../program/stage-range-warnings.js';
import {
  broadcastInitial,
  type InitialState,
  type InitialValue,
  initialValueOf,
  resolveInitialState,
} from './initial-state.js';
import {
  finiteIn,
  type InputShape,
  prepareRunInput,
  prepareStepInput,
  type RunInput,
  type StepInput,
} from './input.js';
import {
  bytesPerValue,
  checkPopulationMemory,
  checkRunMemory,
  DEFAULT_MEMORY_LIMIT_BYTES,
  populationBytes,
  type RecordingSize,
} from './memory.js';
import { overflowWarnings } from './overflow-warnings.js';
import { programParameters } from './parameters.js';
import { type ProgramChoices, resolvePopulationProgram } from './population-program.js';
import {
  REPLAY_ALWAYS_BYTES,
  REPLAY_MIN_STEPS,
  REPLAY_SNAPSHOT_LIMIT_BYTES,
  replayToFirstNonFinite,
  type StateSnapshot,
  takeSnapshot,
} from './replay.js';

/** Options of a population: size, backend, dtype, dt, parameters, initial state and more. */
export interface PopulationOptions extends ProgramChoices {
  backend: Backend;
  /** Number of neurons; give `n` or `shape` (their product). The batch is not part of it. */
  n?: number;
  shape?: readonly number[];
  batchSize?: number;
  /** Time step in ms (default 0.1). */
  dt?: number;
  dtype?: Dtype;
  /**
   * Initial values that replace the model's, per state variable: one number, n values (shared by the batch
   * rows) or batchSize*n values. `reset()` restores them.
   */
  init?: InitialState;
  /**
   * Most bytes the population may need for its state, parameters and one run's recordings (default
   * `DEFAULT_MEMORY_LIMIT_BYTES`, 4 GiB); larger requests raise a MemoryLimitError before anything is allocated.
   */
  memoryLimitBytes?: number;
}

/** Options of `Population.run`: the input, the state to record and the recording stride. */
export interface RunOptions {
  input?: RunInput;
  /** Record spikes of every step (default true). */
  spikes?: boolean;
  /** Other state to record, e.g. ["v", "traces"]. */
  record?: readonly string[];
  /** Record those every `stride` steps (default 1): row j is the state after step j*stride. */
  stride?: number;
}

/** What `Population.run` returns: the spikes of every step and the recorded state. */
export interface RunResult {
  steps: number;
  /** steps x batchSize x n, 1 where the neuron spiked (absent when `spikes: false`). */
  spikes?: Uint8Array;
  stride: number;
  /** ceil(steps/stride) x batchSize x n per recorded state variable. */
  recorded: Record<string, StateArray>;
}

/** Raised when a state variable became NaN or ±Infinity, which a finite simulation should never produce. */
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
  /** Most bytes the population may need for state, parameters and one run's recordings. */
  readonly memoryLimitBytes: number;
  private readonly parameterValues: Map<string, ParameterValue | null>;
  private readonly initialValues: Map<string, InitialValue>;
  private batch: number;
  private kernel: Kernel | null = null;
  private disposed = false;
  private stepsTaken = 0;
  /** The call running on the kernel now (a re-entrant call from an input function sees it). */
  private running: string | null = null;
  /** `runAsync` calls queued or running; each waits for the one before it. */
  private pendingRuns = 0;
  private lastRun: Promise<unknown> = Promise.resolve();
  /** Set when a run failed inside the backend: the state is partly advanced until `reset()`. */
  private brokenBy: { cause: unknown } | null = null;

  constructor(model: ModelSpec | ValidatedModel, options: PopulationOptions) {
    this.model = isValidatedModel(model) ? model : validateModel(model as ModelSpec);
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
    this.memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
    if (typeof this.memoryLimitBytes !== 'number' || !(this.memoryLimitBytes > 0)) {
      throw new ParameterError(`memoryLimitBytes must be a number > 0, got ${this.memoryLimitBytes}`);
    }
    const resolved = resolvePopulationProgram(this.model, this.n, this.dt, options);
    this.refractoryMode = resolved.refractoryMode;
    this.parameterValues = resolved.parameterValues;
    this.program = resolved.program;
    const { integratorName, integrator } = resolved;
    // Sizes are checked before the overflow scan and before anything batchSize*n long is built.
    this.checkPopulationMemory(this.batch);
    this.initialValues = resolveInitialState(options.init, this.program, this.n, this.batch, this.dtype);
    this.warnings = [
      ...overflowWarnings(this.model, this.parameterValues, this.n, this.dtype, this.dt),
      ...stageRangeWarnings(this.model, integratorName, integrator, this.parameterValues),
    ];
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
    return this.enter('kernelDescription', { whileRunning: true, whileBroken: true }).description;
  }

  /** Bytes the kernel holds (state, parameters, staging), where its backend reports them; null otherwise. */
  get kernelMemoryBytes(): number | null {
    return this.enter('kernelMemoryBytes', { whileRunning: true, whileBroken: true }).memoryBytes?.() ?? null;
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
    this.enter('setBatchSize', { whileBroken: true });
    const batch = checkCount(batchSize, 'batchSize');
    this.checkPopulationMemory(batch);
    for (const [name, value] of this.initialValues) {
      if (typeof value !== 'number' && value.length !== this.n && value.length !== this.n * batch) {
        throw new ParameterError(
          `init.${name} has batchSize*n = ${value.length} values for batchSize ${this.batch}; ` +
            `a batch of ${batch} needs n = ${this.n} or ${this.n * batch} values (create a new population)`,
        );
      }
    }
    this.batch = batch;
    this.kernel?.dispose();
    this.kernel = null;
    this.allocate();
  }

  /** Runs one time step. `x`: one number, n values (broadcast over the batch) or batchSize*n values. */
  forward(x: StepInput): void {
    this.enter('forward');
    this.checkSynchronousRuns('forward');
    const input = prepareStepInput(x, this.inputShape());
    const started = this.startRun('forward', 1, {
      steps: 1,
      firstStep: this.stepsTaken,
      input,
      recordings: [],
    });
    started.settle(started.outcome);
  }

  /** Runs `steps` steps inside the kernel, recording what is asked. */
  run(steps: number, options: RunOptions = {}): RunResult {
    this.enter('run');
    this.checkSynchronousRuns('run');
    const { request, result } = this.prepareRun(steps, options);
    const started = this.startRun('run', steps, request, result);
    return started.settle(started.outcome);
  }

  /**
   * `run` for every backend, including those whose kernels run asynchronously. Calls made before an earlier
   * `runAsync` settled wait for it, so two concurrent runs give the state of two sequential ones.
   */
  async runAsync(steps: number, options: RunOptions = {}): Promise<RunResult> {
    this.enter('runAsync', { whileRunning: true });
    this.pendingRuns++;
    const turn = this.lastRun.then(async () => {
      this.enter('runAsync');
      const { request, result } = this.prepareRun(steps, options);
      const started = this.startRun('runAsync', steps, request, result);
      try {
        await started.outcome;
      } catch (error) {
        return started.settle(undefined, error);
      }
      return started.settle(undefined);
    });
    this.lastRun = turn.then(
      () => this.pendingRuns--,
      () => this.pendingRuns--,
    );
    return turn;
  }

  /** A copy of a state variable (batchSize*n values, row-major). */
  state(name: string): StateArray {
    const kernel = this.enter('state', { whileRunning: true });
    this.checkState(name);
    if (!this.backend.synchronousReads) {
      throw new BackendError(
        `backend "${this.backend.name}" reads state asynchronously; use await population.read("${name}")`,
      );
    }
    return kernel.readState(name);
  }

  /** A copy of a state variable; works on every backend. */
  async read(name: string): Promise<StateArray> {
    const kernel = this.enter('read', { whileRunning: true });
    this.checkState(name);
    return kernel.readStateAsync(name);
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
   * chosen initial conditions. Number state must be finite in the dtype; boolean state takes 0 or 1.
   */
  writeState(name: string, values: ArrayLike<number>): void {
    const kernel = this.enter('writeState');
    this.checkState(name);
    const size = this.batch * this.n;
    if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
      throw new InputError(
        `state "${name}" needs an array of batchSize*n = ${size} values, got ${typeof values}`,
        { field: 'state', name },
      );
    }
    if (values.length !== size) {
      throw new InputError(`state "${name}" needs batchSize*n = ${size} values, got ${values.length}`, {
        field: 'state',
        name,
      });
    }
    const boolean = this.program.state.find((s) => s.name === name)!.type === 'boolean';
    for (let i = 0; i < size; i++) {
      const value = values[i]!;
      const valid = boolean ? value === 0 || value === 1 : finiteIn(this.dtype, value);
      if (!valid)
        throw new InputError(
          `state "${name}"[${i}] is ${value}; expected ${boolean ? '0 or 1' : `a finite number in ${this.dtype}`}`,
          { field: 'state', name, index: i },
        );
    }
    kernel.writeState(name, values);
  }

  /** Restores the initial state (the seed's `reset_state_variables`, or the `init` option's values). */
  reset(): void {
    const kernel = this.enter('reset', { whileBroken: true });
    this.running = 'reset';
    try {
      this.writeInitialState(kernel);
    } finally {
      this.running = null;
    }
    this.brokenBy = null;
    this.stepsTaken = 0;
  }

  /** Releases the backend's buffers; the population cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.enter('dispose', { whileBroken: true });
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
    this.writeInitialState(this.kernel);
    this.brokenBy = null;
    this.stepsTaken = 0;
  }

  private writeInitialState(kernel: Kernel): void {
    const values = new Float64Array(this.batch * this.n);
    for (const variable of this.program.state) {
      const initial = initialValueOf(variable, this.initialValues, this.parameterValues, this.n, this.dtype);
      broadcastInitial(initial, this.n, values);
      kernel.writeState(variable.name, values);
    }
  }

  /**
   * Checks that `method` may run now and returns the live kernel: not after dispose, not while a run is in
   * progress (a call from an input function, or while a `runAsync` is pending), not on a broken population.
   */
  private enter(method: string, allow: { whileRunning?: boolean; whileBroken?: boolean } = {}): Kernel {
    if (this.disposed || !this.kernel) throw new DisposedError(`population of "${this.model.name}"`);
    if (!allow.whileRunning) {
      if (this.running !== null) throw new BusyError(`${method}()`, `${this.running}()`);
      if (this.pendingRuns > 0 && method !== 'runAsync') throw new BusyError(`${method}()`, 'runAsync()');
    }
    if (this.brokenBy && !allow.whileBroken) {
      throw new BrokenPopulationError(
        `${method}() on population of "${this.model.name}"`,
        this.brokenBy.cause,
      );
    }
    return this.kernel;
  }

  /** Starts a run on the kernel; `settle` turns its outcome into the result or the right error. */
  private startRun(
    method: string,
    steps: number,
    request: RunRequest,
    result?: RunResult,
  ): { outcome: void | Promise<void>; settle: (outcome: unknown, error?: unknown) => RunResult } {
    const kernel = this.kernel!;
    // A callback input can fail mid-run; the steps before it have happened and must count.
    let started = 0;
    let inputFailed = false;
    const fill = request.input.beforeStep;
    const input = fill
      ? {
          ...request.input,
          beforeStep: (step: number) => {
            started = step;
            try {
              fill(step);
            } catch (error) {
              inputFailed = true;
              throw error;
            }
          },
        }
      : request.input;
    const fail = (error: unknown): never => {
      if (inputFailed) this.stepsTaken += started;
      else this.brokenBy = { cause: error };
      throw error;
    };
    const snapshot = this.snapshotForReplay(request);
    this.running = method;
    let outcome: void | Promise<void>;
    try {
      outcome = kernel.run({ ...request, input });
    } catch (error) {
      fail(error);
    } finally {
      this.running = null;
    }
    return {
      outcome: outcome!,
      settle: (_outcome, ...failure) => {
        if (failure.length > 0) fail(failure[0]);
        const firstStep = this.stepsTaken;
        this.stepsTaken += steps;
        this.checkFinite(firstStep, result, snapshot && { snapshot, request });
        return result ?? { steps, stride: 1, recorded: {} };
      },
    };
  }

  private inputShape(): InputShape {
    const FloatArrayType = this.dtype === 'float32' ? Float32Array : Float64Array;
    return {
      n: this.n,
      batchSize: this.batch,
      dtype: this.dtype,
      makeArray: (length) => new FloatArrayType(length),
    };
  }

  private checkState(name: string): void {
    if (typeof name !== 'string' || !this.program.state.some((s) => s.name === name)) {
      throw new ParameterError(
        `"${this.model.name}" population has no state "${name}" (state: ${this.stateNames.join(', ')})`,
      );
    }
  }

  /** Per-neuron parameters a kernel may hold: those given per neuron and, with them, every derived one. */
  private perNeuronParameterCount(): number {
    const given = [...this.parameterValues.values()].filter((v) => v instanceof Float64Array).length;
    return given === 0 ? 0 : given + this.program.derived.length;
  }

  private checkPopulationMemory(batchSize: number): void {
    const perNeuron = this.perNeuronParameterCount();
    checkPopulationMemory(
      populationBytes(this.program, this.dtype, this.n, batchSize, perNeuron),
      this.memoryLimitBytes,
      this.n,
      batchSize,
    );
  }

  private prepareRun(steps: number, options: RunOptions): { request: RunRequest; result: RunResult } {
    checkCount(steps, 'steps');
    if (options === null || typeof options !== 'object')
      throw new ParameterError(
        `run options must be an object, got ${options === null ? 'null' : typeof options}`,
      );
    const stride = checkCount(options.stride ?? 1, 'stride');
    const record = options.record ?? [];
    if (!Array.isArray(record))
      throw new ParameterError('record must be an array of state names, e.g. ["v"]');
    for (const name of record) this.checkState(name);
    const size = this.batch * this.n;
    const rows = Math.ceil(steps / stride);
    const spikes = (options.spikes ?? true) && this.program.spikes;
    const sizes: RecordingSize[] = [];
    if (spikes) sizes.push({ name: spikes, length: steps * size, bytesPerValue: 1 });
    for (const name of record) {
      const boolean = this.program.state.find((s) => s.name === name)!.type === 'boolean';
      sizes.push({ name, length: rows * size, bytesPerValue: boolean ? 1 : bytesPerValue(this.dtype) });
    }
    const perNeuron = this.perNeuronParameterCount();
    checkRunMemory(
      steps,
      sizes,
      populationBytes(this.program, this.dtype, this.n, this.batch, perNeuron),
      this.memoryLimitBytes,
    );
    const input = prepareRunInput(options.input, steps, this.inputShape());
    const recordings = [];
    const result: RunResult = { steps, stride, recorded: {} };
    if (spikes) {
      result.spikes = new Uint8Array(steps * size);
      recordings.push({ name: spikes, stride: 1, buffer: result.spikes });
    }
    for (const name of record) {
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
    return { request: { steps, firstStep: this.stepsTaken, input, recordings }, result };
  }

  private checkSynchronousRuns(method: string): void {
    if (this.backend.synchronousRuns === false) {
      throw new BackendError(
        `backend "${this.backend.name}" runs asynchronously; use runAsync() instead of ${method}()`,
      );
    }
  }

  /** Raises a StateError where number state became NaN or ±Infinity, naming the first step seen with it. */
  private checkFinite(
    firstStep: number,
    result: RunResult | undefined,
    replay: { snapshot: StateSnapshot; request: RunRequest } | null,
  ): void {
    const kernel = this.kernel!;
    const find = () => (kernel.findNonFinite ? kernel.findNonFinite() : (kernel.findNaN?.() ?? null));
    let bad = find();
    if (!bad) return;
    if (replay) {
      // Replay from the state before the run to find the step it first appeared at (and stop there).
      const { request } = replay;
      const block = inputBlock(request.input.layout, this.n, this.batch);
      const step = replayToFirstNonFinite(kernel, replay.snapshot, request, block, find);
      if (step >= 0) {
        bad = find()!;
        this.stepsTaken = firstStep + step + 1;
        this.throwStateError(bad, `at step ${firstStep + step}`);
      }
    }
    const lastStep = this.stepsTaken - 1;
    const stride = result?.stride ?? 1;
    const recorded = result ? firstNonFiniteRow(result, bad.state, bad.index, this.batch * this.n) : -1;
    const seen = firstStep + recorded * stride;
    const when =
      lastStep === firstStep
        ? `at step ${lastStep}`
        : recorded >= 0 && stride === 1
          ? `at step ${seen} (first seen in the recording of "${bad.state}")`
          : recorded > 0
            ? `between steps ${seen - stride + 1} and ${seen} (first seen in the recording of "${bad.state}", every ${stride} steps)`
            : `between steps ${firstStep} and ${lastStep} (record "${bad.state}" with run(steps, { record: ["${bad.state}"] }) ` +
              'to find the step)';
    this.throwStateError(bad, when);
  }

  private throwStateError(bad: { state: string; index: number }, when: string): never {
    const value = this.backend.synchronousReads ? this.kernel!.readState(bad.state)[bad.index]! : Number.NaN;
    const what = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    const row = Math.floor(bad.index / this.n);
    throw new StateError(
      `state "${bad.state}" became ${what} (batch row ${row}, neuron ${bad.index % this.n}) ${when}; ` +
        'check the model for operations without a finite result (e.g. an input so large that R*I overflows the dtype)',
    );
  }

  /**
   * A copy of the state before a run of several steps, so that a run ending with NaN or Infinity in state can
   * be replayed to name the step; null where a replay is not possible (input functions, asynchronous
   * backends) or the copy would be large.
   */
  private snapshotForReplay(request: RunRequest): StateSnapshot | null {
    const kernel = this.kernel!;
    if (request.steps < 2 || request.input.beforeStep || !this.backend.synchronousReads) return null;
    if (this.backend.synchronousRuns === false || (!kernel.findNonFinite && !kernel.findNaN)) return null;
    const bytes = populationBytes(this.program, this.dtype, this.n, this.batch, 0);
    if (bytes > REPLAY_SNAPSHOT_LIMIT_BYTES) return null;
    // The copy costs about as much as a step: short runs of large populations go without (they name a range).
    if (bytes > REPLAY_ALWAYS_BYTES && request.steps < REPLAY_MIN_STEPS) return null;
    return takeSnapshot(kernel, this.stateNames);
  }
}

/** Row of a recording where element `index` of `state` is first not finite, or -1. */
function firstNonFiniteRow(result: RunResult, state: string, index: number, size: number): number {
  const buffer = result.recorded[state];
  if (!buffer) return -1;
  for (let row = 0; row * size < buffer.length; row++) {
    if (!Number.isFinite(buffer[row * size + index]!)) return row;
  }
  return -1;
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
