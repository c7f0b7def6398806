/**
 * The reference backend: it interprets the step program with core's own `evaluate`, statement by statement,
 * one neuron at a time, in float64 or float32 arithmetic. It is slow and simple on purpose — independent of
 * every backend's code generator — so it serves as an oracle to compare backends with, and lets core's
 * tests exercise populations without a real backend.
 */
import type {
  Backend,
  Dtype,
  FloatArray,
  Kernel,
  KernelRequest,
  RunRequest,
  StateArray,
} from '../backend.js';
import { BackendError } from '../errors.js';
import {
  type Arithmetic,
  evaluate,
  FLOAT32_ARITHMETIC,
  FLOAT64_ARITHMETIC,
  type Scalar,
} from '../expr/evaluate.js';
import { inputBlock } from '../kernel/run-driver.js';
import type { NetworkKernel, NetworkPlan } from '../network/kernel/contract.js';
import { NetworkRunner } from '../network/runtime/network-runner.js';
import type { Statement, StepProgram } from '../program/program.js';
import { interpretDelivery } from './interpreter-delivery.js';
import { InterpreterPhaseKernel } from './interpreter-phase-kernel.js';

/** One statement's result, reported to `onStatement` (for tests that look inside a step). */
export interface StatementEvent {
  /** Step index within the current run (0-based). */
  step: number;
  /** Element index `row * n + neuron`. */
  index: number;
  statement: Statement;
  value: Scalar;
}

export interface InterpreterBackendOptions {
  name?: string;
  /** Dtypes to declare (default both). */
  dtypes?: readonly Dtype[];
  /** When false, `readState` throws and `run` returns a promise, as on an asynchronous (GPU) backend. */
  synchronousReads?: boolean;
  /** Called with each statement's result as the interpreter computes it (for tests that look inside a step). */
  onStatement?: (event: StatementEvent) => void;
}

export interface InterpreterBackend extends Backend {
  /** Every kernel this backend created, in order (for allocation and disposal checks). */
  readonly kernels: InterpreterKernel[];
}

export function interpreterBackend(options: InterpreterBackendOptions = {}): InterpreterBackend {
  const kernels: InterpreterKernel[] = [];
  const synchronousReads = options.synchronousReads ?? true;
  return {
    specificationVersion: 'v1',
    name: options.name ?? 'interpreter',
    dtypes: options.dtypes ?? ['float32', 'float64'],
    synchronousReads,
    synchronousRuns: synchronousReads,
    kernels,
    createKernel(request: KernelRequest): Kernel {
      const kernel = new InterpreterKernel(request, synchronousReads, options.onStatement);
      kernels.push(kernel);
      return kernel;
    },
    createNetworkKernel(plan: NetworkPlan): NetworkKernel {
      return new NetworkRunner(plan, {
        owner: options.name ?? 'interpreter',
        createPhaseKernel: (request) => new InterpreterPhaseKernel(request),
        compileDelivery: interpretDelivery,
      });
    },
  };
}

export class InterpreterKernel implements Kernel {
  readonly description: string;
  readonly request: KernelRequest;
  /** Every run request this kernel received. */
  readonly runs: RunRequest[] = [];
  disposed = false;
  private readonly arithmetic: Arithmetic;
  private readonly state = new Map<string, StateArray>();
  private readonly booleans = new Set<string>();
  private readonly params = new Map<string, number | FloatArray>();
  private readonly size: number;

  constructor(
    request: KernelRequest,
    private readonly synchronousReads: boolean,
    private readonly onStatement: ((event: StatementEvent) => void) | undefined,
  ) {
    this.request = request;
    this.arithmetic = request.dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
    this.size = request.n * request.batchSize;
    const FloatArrayType = request.dtype === 'float32' ? Float32Array : Float64Array;
    for (const variable of request.program.state) {
      if (variable.type === 'boolean') {
        this.booleans.add(variable.name);
        this.state.set(variable.name, new Uint8Array(this.size));
      } else {
        this.state.set(variable.name, new FloatArrayType(this.size));
      }
    }
    for (const name of request.program.parameters) {
      const value = request.parameters.get(name);
      if (value === undefined) throw new BackendError(`interpreter: no value for parameter "${name}"`);
      if (typeof value === 'number') {
        this.params.set(name, this.arithmetic.round(value));
      } else {
        if (value.length !== request.n) {
          throw new BackendError(
            `interpreter: parameter "${name}" has ${value.length} values, expected ${request.n}`,
          );
        }
        this.params.set(name, FloatArrayType.from(value));
      }
    }
    this.description = `interpreter ${request.dtype}`;
  }

  get program(): StepProgram {
    return this.request.program;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    const target = this.buffer(name);
    if (values.length !== target.length) {
      throw new BackendError(
        `interpreter: state "${name}" needs ${target.length} values, got ${values.length}`,
      );
    }
    if (this.booleans.has(name)) {
      for (let i = 0; i < values.length; i++) target[i] = values[i] ? 1 : 0;
    } else {
      target.set(values);
    }
  }

  readState(name: string): StateArray {
    if (!this.synchronousReads)
      throw new BackendError('interpreter: this backend reads state asynchronously');
    return this.buffer(name).slice();
  }

  async readStateAsync(name: string): Promise<StateArray> {
    return this.buffer(name).slice();
  }

  run(request: RunRequest): void | Promise<void> {
    this.checkLive();
    this.runs.push(request);
    this.runSteps(request);
    return this.synchronousReads ? undefined : Promise.resolve();
  }

  findNaN(): { state: string; index: number } | null {
    for (const [name, values] of this.state) {
      if (this.booleans.has(name)) continue;
      for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return { state: name, index: i };
    }
    return null;
  }

  findNonFinite(): { state: string; index: number } | null {
    for (const [name, values] of this.state) {
      if (this.booleans.has(name)) continue;
      for (let i = 0; i < values.length; i++)
        if (!Number.isFinite(values[i])) return { state: name, index: i };
    }
    return null;
  }

  dispose(): void {
    this.disposed = true;
  }

  private runSteps(request: RunRequest): void {
    const { n, batchSize } = this.request;
    const { input } = request;
    const round = this.arithmetic.round;
    const blockLength = inputBlock(input.layout, n, batchSize);
    for (let k = 0; k < request.steps; k++) {
      input.beforeStep?.(k);
      const t = round((request.firstStep + k) * this.program.dt);
      const base = input.perStep ? k * blockLength : 0;
      for (let b = 0; b < batchSize; b++) {
        for (let j = 0; j < n; j++) {
          const i = b * n + j;
          const offset = input.layout === 'scalar' ? 0 : input.layout === 'neuron' ? j : i;
          const I = input.data[base + offset];
          if (I === undefined)
            throw new BackendError(`interpreter: no input at ${base + offset} (step ${k})`);
          this.stepNeuron(k, i, j, I, t);
        }
      }
      for (const recording of request.recordings) {
        if (k % recording.stride === 0)
          recording.buffer.set(this.buffer(recording.name), (k / recording.stride) * this.size);
      }
    }
  }

  /** Runs the whole program for element `i` (neuron `j` of its row), statement by statement. */
  private stepNeuron(step: number, i: number, j: number, I: number, t: number): void {
    const values = new Map<string, Scalar>();
    for (const [name, buffer] of this.state)
      values.set(name, this.booleans.has(name) ? buffer[i] !== 0 : buffer[i]!);
    const locals = new Map<string, Scalar>();
    const lookup = (name: string): Scalar => {
      if (name === 'I') return I;
      if (name === 't') return t;
      const local = locals.get(name);
      if (local !== undefined) return local;
      const value = values.get(name);
      if (value !== undefined) return value;
      const param = this.params.get(name);
      if (param === undefined) throw new BackendError(`interpreter: unknown symbol "${name}"`);
      return typeof param === 'number' ? param : param[j]!;
    };
    for (const statement of this.program.statements) {
      const value = evaluate(statement.expr, lookup, this.arithmetic);
      this.onStatement?.({ step, index: i, statement, value });
      if (statement.kind === 'let') locals.set(statement.name, value);
      else {
        if (!values.has(statement.name))
          throw new BackendError(`interpreter: "${statement.name}" is not a state variable`);
        values.set(statement.name, value);
      }
    }
    for (const [name, buffer] of this.state) {
      const value = values.get(name)!;
      buffer[i] = this.booleans.has(name) ? (value ? 1 : 0) : (value as number);
    }
  }

  private buffer(name: string): StateArray {
    this.checkLive();
    const buffer = this.state.get(name);
    if (!buffer) throw new BackendError(`interpreter: no state "${name}"`);
    return buffer;
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError('interpreter: kernel used after dispose()');
  }
}
