import type { FloatArray, StateArray } from '../backend.js';
import { BackendError } from '../errors.js';
import {
  type Arithmetic,
  evaluate,
  FLOAT32_ARITHMETIC,
  FLOAT64_ARITHMETIC,
  type Scalar,
} from '../expr/evaluate.js';
import type { PhaseKernel, PhaseKernelRequest } from '../network/kernel/contract.js';
import type { Statement } from '../program/program.js';

/**
 * The reference backend's population kernel for networks: the `integrate` and `afterSpike` statements
 * interpreted one neuron at a time with core's `evaluate`, in float64 or float32 arithmetic, over buffers of
 * its own. Slow on purpose; it is the oracle network backends are compared with.
 */
export class InterpreterPhaseKernel implements PhaseKernel {
  readonly description: string;
  private readonly arithmetic: Arithmetic;
  private readonly state = new Map<string, StateArray>();
  private readonly booleans = new Set<string>();
  private readonly params = new Map<string, number | FloatArray>();
  private readonly size: number;
  private readonly spikeBuffer: Uint8Array | null;
  private disposed = false;
  // One neuron's values, reused from neuron to neuron: the kernel is slow on purpose, not wasteful.
  private readonly values = new Map<string, Scalar>();
  private readonly locals = new Map<string, Scalar>();
  private readonly at = { j: 0, I: 0, t: 0 };
  private readonly lookup = (name: string): Scalar => {
    if (name === 'I') return this.at.I;
    if (name === 't') return this.at.t;
    const local = this.locals.get(name);
    if (local !== undefined) return local;
    const value = this.values.get(name);
    if (value !== undefined) return value;
    const param = this.params.get(name);
    if (param === undefined) throw new BackendError(`interpreter: unknown symbol "${name}"`);
    return typeof param === 'number' ? param : param[this.at.j]!;
  };

  constructor(private readonly request: PhaseKernelRequest) {
    const { phased, dtype, n, batchSize, parameters, input } = request;
    this.arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
    this.size = n * batchSize;
    const FloatArrayType = dtype === 'float32' ? Float32Array : Float64Array;
    for (const variable of phased.program.state) {
      if (variable.type === 'boolean') {
        this.booleans.add(variable.name);
        this.state.set(variable.name, new Uint8Array(this.size));
      } else {
        this.state.set(variable.name, new FloatArrayType(this.size));
      }
    }
    for (const name of phased.program.parameters) {
      const value = parameters.get(name);
      if (value === undefined) throw new BackendError(`interpreter: no value for parameter "${name}"`);
      if (typeof value !== 'number' && value.length !== n) {
        throw new BackendError(`interpreter: parameter "${name}" has ${value.length} values, expected ${n}`);
      }
      this.params.set(
        name,
        typeof value === 'number' ? this.arithmetic.round(value) : FloatArrayType.from(value),
      );
    }
    if (input.length !== n)
      throw new BackendError(`interpreter: input has ${input.length} values, expected ${n}`);
    const spikes = phased.program.spikes;
    this.spikeBuffer = spikes === null ? null : (this.state.get(spikes) as Uint8Array);
    this.description = `interpreter ${dtype} phases`;
  }

  view(name: string): StateArray {
    this.checkLive();
    const buffer = this.state.get(name);
    if (!buffer) throw new BackendError(`interpreter: no state "${name}"`);
    return buffer;
  }

  integrate(step: number, spikes: Uint32Array): number {
    this.runPhase(this.request.phased.integrate, step);
    const fired = this.spikeBuffer;
    if (fired === null) return 0;
    let count = 0;
    for (let i = 0; i < this.size; i++) if (fired[i] !== 0) spikes[count++] = i;
    return count;
  }

  afterSpike(step: number): void {
    this.runPhase(this.request.phased.afterSpike, step);
  }

  memoryBytes(): number {
    let bytes = 0;
    for (const buffer of this.state.values()) bytes += buffer.byteLength;
    for (const value of this.params.values()) if (typeof value !== 'number') bytes += value.byteLength;
    return bytes;
  }

  dispose(): void {
    this.disposed = true;
  }

  private runPhase(statements: readonly Statement[], step: number): void {
    this.checkLive();
    const { n, batchSize, input, phased } = this.request;
    const t = this.arithmetic.round(step * phased.program.dt);
    for (let b = 0; b < batchSize; b++) {
      for (let j = 0; j < n; j++)
        this.runNeuron(statements, b * n + j, j, this.arithmetic.round(input[j]!), t);
    }
  }

  /** Runs `statements` for element `i` (neuron `j` of its row); `let`s live for this phase only. */
  private runNeuron(statements: readonly Statement[], i: number, j: number, I: number, t: number): void {
    const { values, locals, at } = this;
    for (const [name, buffer] of this.state)
      values.set(name, this.booleans.has(name) ? buffer[i] !== 0 : buffer[i]!);
    locals.clear();
    at.j = j;
    at.I = I;
    at.t = t;
    for (const statement of statements) {
      const value = evaluate(statement.expr, this.lookup, this.arithmetic);
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

  private checkLive(): void {
    if (this.disposed) throw new BackendError('interpreter: phase kernel used after dispose()');
  }
}
