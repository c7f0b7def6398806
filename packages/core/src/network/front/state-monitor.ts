import type { Dtype } from '../../backend.js';
import { NetworkError } from '../../errors.js';
import type { StateProbe } from '../kernel/contract.js';
import type { NetworkPopulation } from './groups.js';
import { GrowableArray } from './growable.js';
import { attachRecorder } from './recorder.js';

/**
 * State of chosen neurons of one population, recorded every `stride` steps of each run (after its steps
 * 0, stride, 2*stride, ...). Recorded step r holds batchSize × indices values per variable, row-major.
 */
export class StateMonitor {
  private readonly stepList = new GrowableArray((n) => new Uint32Array(n));
  private readonly valueLists: Map<string, GrowableArray<Float64Array>>;

  constructor(
    readonly population: NetworkPopulation,
    readonly variables: readonly string[],
    /** Neurons recorded, in this order (indices within a batch row). */
    readonly indices: Uint32Array,
    readonly stride: number,
    batchSize: number,
    dtype: Dtype,
  ) {
    this.valueLists = new Map(variables.map((name) => [name, new GrowableArray((n) => new Float64Array(n))]));
    const flat = new Uint32Array(batchSize * indices.length);
    for (let row = 0; row < batchSize; row++) {
      for (let k = 0; k < indices.length; k++)
        flat[row * indices.length + k] = row * population.n + indices[k]!;
    }
    let pending: { firstStep: number; rows: number; probes: StateProbe[] } | null = null;
    attachRecorder(this, {
      begin: (firstStep, steps) => {
        const rows = Math.ceil(steps / stride);
        const probes = variables.map((name) => ({
          group: population.index,
          name,
          indices: flat,
          stride,
          buffer:
            dtype === 'float32' ? new Float32Array(rows * flat.length) : new Float64Array(rows * flat.length),
        }));
        pending = { firstStep, rows, probes };
        return { sinks: [], probes };
      },
      end: (stepsDone) => {
        if (!pending) return;
        const rows = Math.min(pending.rows, Math.ceil(stepsDone / stride));
        for (let r = 0; r < rows; r++) this.stepList.push(pending.firstStep + r * stride);
        for (const probe of pending.probes) {
          this.valueLists.get(probe.name)!.append(probe.buffer.subarray(0, rows * flat.length));
        }
        pending = null;
      },
      clear: () => {
        pending = null;
        this.stepList.clear();
        for (const list of this.valueLists.values()) list.clear();
      },
    });
  }

  /** The steps recorded (the state after each of these steps), since the last reset. */
  get steps(): Uint32Array {
    return this.stepList.copy();
  }

  /** A variable's recording: steps.length × batchSize × indices.length values, row-major. */
  values(name: string): Float64Array {
    const list = this.valueLists.get(name);
    if (!list) {
      throw new NetworkError(
        `state monitor of "${this.population.name}" records ${this.variables.map((v) => `"${v}"`).join(', ')}, not "${name}"`,
      );
    }
    return list.copy();
  }
}

/** A state monitor's choices: which neurons (default all) and every how many steps (default 1). */
export interface StateMonitorOptions {
  indices?: ArrayLike<number>;
  stride?: number;
}

/** Checks a state monitor's neuron indices and stride against its population. */
export function resolveStateMonitorOptions(
  population: NetworkPopulation,
  options: StateMonitorOptions,
): { indices: Uint32Array; stride: number } {
  if (options === null || typeof options !== 'object') {
    throw new NetworkError('stateMonitor options must be an object { indices?, stride? }');
  }
  const stride = options.stride ?? 1;
  if (!Number.isInteger(stride) || stride < 1) {
    throw new NetworkError(`stateMonitor: stride must be a positive integer, got ${String(stride)}`);
  }
  if (options.indices === undefined) {
    return { indices: Uint32Array.from({ length: population.n }, (_, j) => j), stride };
  }
  if (typeof options.indices !== 'object' || options.indices === null) {
    throw new NetworkError('stateMonitor: indices must be an array of neuron indices');
  }
  const indices = new Uint32Array(options.indices.length);
  for (let k = 0; k < indices.length; k++) {
    const j = options.indices[k];
    if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j >= population.n) {
      throw new NetworkError(
        `stateMonitor: indices[${k}] is ${String(j)}, outside 0 .. ${population.n - 1} of population "${population.name}"`,
      );
    }
    indices[k] = j;
  }
  return { indices, stride };
}
