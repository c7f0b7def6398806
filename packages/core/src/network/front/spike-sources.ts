import { NetworkError } from '../../errors.js';
import { checkDrawAddress } from '../../random/draw-address.js';
import type { PlanPoissonSource, PlanSpikeTrains } from '../kernel/contract.js';
import { checkGroupSize } from './group-size.js';

/** Options of `Network.spikeSource`: its size and the spikes it emits, by step or time. */
export interface SpikeSourceOptions {
  /** Number of neurons per batch row. */
  n: number;
  /** Unique within the network; default "spikes" (with a number where it is taken). */
  name?: string;
  /** Spikes as [step, index] pairs, in any order. */
  spikes?: readonly (readonly [number, number])[];
  /** Spikes as [time in ms, index] pairs, in any order; a time falls into step int((t + dt/1000) / dt), as in Brian2. */
  times?: readonly (readonly [number, number])[];
}

/** Options of `Network.poissonSource`: its size, rate and random seed. */
export interface PoissonSourceOptions {
  n: number;
  /** Unique within the network; default "poisson" (with a number where it is taken). */
  name?: string;
  /** Rate in Hz: one for every neuron or n values; rate * dt / 1000 must be at most 1. */
  rate: number | ArrayLike<number>;
  /** Integer from 0 to 2^53 - 1. */
  seed: number;
  /** Random stream (uint32, default 0); give each source of one seed its own stream. */
  stream?: number;
}

/** Largest step a spike may be given at (steps are 32-bit). */
const MAX_STEP = 0xffffffff;

/** Brian2 works in seconds; its `ms` unit is this factor. */
const SECONDS_PER_MS = 0.001;

/**
 * The step a spike time falls into, as Brian2's SpikeGeneratorGroup computes it (`before_run`, Brian2 2.5):
 * times and dt in seconds, shifted by a thousandth of a step and truncated, `int((t + 1e-3*dt) / dt)`, so a time
 * on the grid (0.3 ms at dt 0.1 ms) lands on its own step despite floating point.
 */
export function timeToStep(ms: number, dt: number): number {
  const seconds = ms * SECONDS_PER_MS;
  const step = dt * SECONDS_PER_MS;
  return Math.trunc((seconds + 1e-3 * step) / step);
}

/** Checks an explicit spike list and sorts it by step, then index; a neuron spiking twice in one step is an error. */
export function resolveSpikeTrains(options: SpikeSourceOptions, name: string, dt: number): PlanSpikeTrains {
  const where = `spike source "${name}"`;
  const n = checkGroupSize(options.n, where);
  if (options.spikes !== undefined && options.times !== undefined) {
    throw new NetworkError(
      `${where}: give spikes ([step, index] pairs) or times ([ms, index] pairs), not both`,
    );
  }
  const field = options.times !== undefined ? 'times' : 'spikes';
  const list = options.times ?? options.spikes ?? [];
  if (!Array.isArray(list)) {
    throw new NetworkError(
      `${where}: ${field} must be an array of [${field === 'times' ? 'ms' : 'step'}, index] pairs`,
    );
  }
  const steps = new Uint32Array(list.length);
  const indices = new Uint32Array(list.length);
  for (let q = 0; q < list.length; q++) {
    const pair = list[q];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new NetworkError(
        `${where}: ${field}[${q}] must be a pair [${field === 'times' ? 'ms' : 'step'}, index]`,
      );
    }
    const [when, index] = pair as [unknown, unknown];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= n) {
      throw new NetworkError(`${where}: ${field}[${q}] names neuron ${String(index)}, outside 0 .. ${n - 1}`);
    }
    let step: number;
    if (field === 'times') {
      if (typeof when !== 'number' || !Number.isFinite(when) || when < 0) {
        throw new NetworkError(
          `${where}: times[${q}] is ${String(when)} ms; spike times must be finite and >= 0`,
        );
      }
      step = timeToStep(when, dt);
    } else {
      if (typeof when !== 'number' || !Number.isInteger(when) || when < 0) {
        throw new NetworkError(
          `${where}: spikes[${q}] is at step ${String(when)}; steps are whole numbers >= 0`,
        );
      }
      step = when;
    }
    if (step > MAX_STEP)
      throw new NetworkError(`${where}: ${field}[${q}] falls on step ${step}, beyond ${MAX_STEP}`);
    steps[q] = step;
    indices[q] = index;
  }
  const order = Array.from(list.keys()).sort((a, b) => steps[a]! - steps[b]! || indices[a]! - indices[b]!);
  const sortedSteps = new Uint32Array(order.length);
  const sortedIndices = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    sortedSteps[k] = steps[order[k]!]!;
    sortedIndices[k] = indices[order[k]!]!;
    if (k > 0 && sortedSteps[k] === sortedSteps[k - 1] && sortedIndices[k] === sortedIndices[k - 1]) {
      const [a, b] = [order[k - 1]!, order[k]!].sort((x, y) => x - y);
      throw new NetworkError(
        `${where}: ${field}[${a}] and ${field}[${b}] make neuron ${sortedIndices[k]} spike twice in step ` +
          `${sortedSteps[k]}${field === 'times' ? ` (dt = ${dt} ms)` : ''}; a neuron spikes at most once per step`,
      );
    }
  }
  return { kind: 'spike-trains', name, n, steps: sortedSteps, indices: sortedIndices };
}

/** Checks a Poisson source's rates against dt and turns them into per-step spike probabilities. */
export function resolvePoisson(options: PoissonSourceOptions, name: string, dt: number): PlanPoissonSource {
  const where = `Poisson source "${name}"`;
  const n = checkGroupSize(options.n, where);
  const { rate, seed, stream = 0 } = options;
  try {
    checkDrawAddress(seed, stream, 0, 0);
  } catch (error) {
    throw new NetworkError(`${where}: ${(error as Error).message}`);
  }
  const maxRate = 1000 / dt;
  const probabilities = new Float64Array(n);
  const check = (value: unknown, at: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new NetworkError(`${where}: rate${at} is ${String(value)}; rates are finite numbers >= 0 (Hz)`);
    }
    const p = (value * dt) / 1000;
    if (p > 1) {
      throw new NetworkError(
        `${where}: rate${at} of ${value} Hz means more than one spike per step of ${dt} ms; ` +
          `the most is ${maxRate} Hz (1000 / dt), so lower the rate or use a smaller dt`,
      );
    }
    return p;
  };
  if (typeof rate === 'number') {
    probabilities.fill(check(rate, ''));
  } else {
    if (typeof rate !== 'object' || rate === null || typeof rate.length !== 'number' || rate.length !== n) {
      const got =
        typeof rate === 'object' && rate !== null && 'length' in rate ? `${rate.length} values` : typeof rate;
      throw new NetworkError(`${where}: rate must be one number or n = ${n} values (Hz), got ${got}`);
    }
    for (let j = 0; j < n; j++) probabilities[j] = check(rate[j], `[${j}]`);
  }
  return { kind: 'poisson', name, n, probabilities, seed, stream };
}
