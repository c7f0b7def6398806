import type { Dtype, ModelSpec, Population } from '@synapticflow/core';
import { inputScale, type PopulationConfig, roundTo, sampleParameters } from './matrix/populations.js';
import { uniform } from './random.js';

const STEPS = 300;
/** Recordings are compared with the state read after every RECORD_STRIDE-th step. */
const RECORD_STRIDE = 7;

/** What an invariance runs on: one model on the backend under test. */
export interface InvarianceSubject {
  model: ModelSpec;
  dtype: Dtype;
  /** A population of `model` on the backend under test, in `dtype`; the caller disposes it. */
  population(config: PopulationConfig): Population;
  random: () => number;
}

/** A property that must hold bit for bit on any backend, for any model. */
export interface Invariance {
  /** The suite case's id, e.g. `invariance.batch-rows`. */
  id: string;
  title: string;
  /** The first state element (or recording) that breaks the property, or null where it holds. */
  check(subject: InvarianceSubject): Promise<string | null>;
}

function config(subject: InvarianceSubject, n: number, batchSize: number): PopulationConfig {
  return {
    n,
    batchSize,
    dt: 0.1,
    refractory: 'steps',
    spikeTrace: true,
    additiveSpikeTrace: false,
    // Summed input is state too: reset and setBatchSize must clear it.
    sumInput: true,
    params: sampleParameters(subject.model, n, subject.random, subject.dtype),
  };
}

/** Constant inputs from just below rest to well into the model's spiking regime. */
function inputs({ model, random, dtype }: InvarianceSubject, length: number): Float64Array {
  const scale = inputScale(model) / 1.5;
  return roundTo(
    Array.from({ length }, () => uniform(random, -0.2, 1.5) * scale),
    dtype,
  );
}

type Snapshot = Map<string, number[]>;

async function snapshot(population: Population): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const name of population.stateNames) out.set(name, Array.from(await population.read(name)));
  return out;
}

/** The first element of `part` that differs (bit for bit) from `whole` at `offset`, or null. */
function difference(whole: Snapshot, part: Snapshot, offset = 0): string | null {
  for (const [name, values] of part) {
    const other = whole.get(name)!;
    for (let i = 0; i < values.length; i++) {
      if (!Object.is(other[offset + i], values[i]))
        return `${name}[${offset + i}] ${other[offset + i]} vs ${values[i]}`;
    }
  }
  return null;
}

/**
 * Steps `whole` on `x` and each part on its `width`-element slice of it, side by side; the first element of
 * a part that differs from the whole at the part's offset, or null.
 */
async function wholeEqualsParts(
  whole: Population,
  parts: Population[],
  width: number,
  x: Float64Array,
  label: string,
): Promise<string | null> {
  for (let step = 0; step < STEPS; step++) {
    whole.forward(x);
    for (const [i, part] of parts.entries()) part.forward(x.subarray(i * width, (i + 1) * width));
  }
  const all = await snapshot(whole);
  for (const [i, part] of parts.entries()) {
    const problem = difference(all, await snapshot(part), i * width);
    if (problem) return `${label} ${i}: ${problem}`;
  }
  return null;
}

function differenceOf(name: string, actual: ArrayLike<number>, expected: ArrayLike<number>): string | null {
  if (actual.length !== expected.length) return `${name}: ${actual.length} values vs ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) return `${name}[${i}] ${actual[i]} vs ${expected[i]}`;
  }
  return null;
}

function neuronParameters(params: PopulationConfig['params'], j: number): PopulationConfig['params'] {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, value instanceof Float64Array ? value[j]! : value]),
  );
}

/** Batching, per-neuron parameters, run vs forward, repeatability and reset, written once for every model. */
export const INVARIANCES: readonly Invariance[] = [
  {
    id: 'invariance.batch-rows',
    title: 'a batch of B rows equals B separate populations',
    async check(subject) {
      const shape = config(subject, 4, 3);
      const x = inputs(subject, 12);
      const batched = subject.population(shape);
      const rows = [0, 1, 2].map(() => subject.population({ ...shape, batchSize: 1 }));
      return wholeEqualsParts(batched, rows, 4, x, 'batch row');
    },
  },
  {
    id: 'invariance.per-neuron-parameters',
    title: 'per-neuron parameters equal separate populations with scalar parameters',
    async check(subject) {
      const shape = config(subject, 3, 1);
      const x = inputs(subject, 3);
      const mixed = subject.population(shape);
      const singles = [0, 1, 2].map((j) =>
        subject.population({ ...shape, n: 1, params: neuronParameters(shape.params, j) }),
      );
      return wholeEqualsParts(mixed, singles, 1, x, 'neuron');
    },
  },
  {
    id: 'invariance.run-equals-forward',
    title: 'run(T) equals T calls of forward, and its recordings equal the state after each step',
    async check(subject) {
      const shape = config(subject, 4, 3);
      const x = inputs(subject, 12);
      const stepped = subject.population(shape);
      const ran = subject.population(shape);
      const names = Object.keys(subject.model.state);
      const after = new Map<string, number[]>(names.map((name) => [name, []]));
      for (let step = 0; step < STEPS; step++) {
        stepped.forward(x);
        if (step % RECORD_STRIDE !== 0) continue;
        for (const name of names) after.get(name)!.push(...(await stepped.read(name)));
      }
      const result = await ran.runAsync(STEPS, { input: x, record: names, stride: RECORD_STRIDE });
      const problem = difference(await snapshot(ran), await snapshot(stepped));
      if (problem) return problem;
      for (const name of names) {
        const recorded = differenceOf(`recorded ${name}`, result.recorded[name]!, after.get(name)!);
        if (recorded) return recorded;
      }
      return null;
    },
  },
  {
    id: 'invariance.deterministic',
    title: 'the same run twice is bit-identical, and two populations do not interfere',
    async check(subject) {
      const shape = config(subject, 4, 3);
      const x = inputs(subject, 12);
      const first = subject.population(shape);
      const other = subject.population({ ...shape, batchSize: 1 });
      const second = subject.population(shape);
      const otherInput = 2 * inputScale(subject.model);
      for (let step = 0; step < STEPS; step++) {
        first.forward(x);
        other.forward(otherInput);
        second.forward(x);
      }
      return difference(await snapshot(first), await snapshot(second));
    },
  },
  {
    id: 'invariance.reset',
    title: 'reset() restores the initial state, and the rerun repeats the first',
    async check(subject) {
      const shape = config(subject, 4, 3);
      const x = inputs(subject, 12);
      const population = subject.population(shape);
      const fresh = subject.population(shape);
      const first = await population.runAsync(STEPS, { input: x });
      const afterFirst = await snapshot(population);
      population.reset();
      const problem = difference(await snapshot(population), await snapshot(fresh));
      if (problem) return `after reset: ${problem}`;
      const second = await population.runAsync(STEPS, { input: x });
      if (first.spikes && second.spikes) {
        const spikes = differenceOf('spikes of the rerun', second.spikes, first.spikes);
        if (spikes) return spikes;
      }
      const rerun = difference(await snapshot(population), afterFirst);
      return rerun && `after the rerun: ${rerun}`;
    },
  },
  {
    id: 'invariance.set-batch-size',
    title: 'setBatchSize re-allocates and resets the state',
    async check(subject) {
      const shape = config(subject, 4, 3);
      const x = inputs(subject, 12);
      const population = subject.population({ ...shape, batchSize: 1 });
      const reference = subject.population(shape);
      population.forward(x.subarray(0, 4));
      population.setBatchSize(3);
      const problem = difference(await snapshot(population), await snapshot(reference));
      if (problem) return `after setBatchSize(3): ${problem}`;
      population.forward(x);
      reference.forward(x);
      const stepped = difference(await snapshot(population), await snapshot(reference));
      return stepped && `one step after setBatchSize(3): ${stepped}`;
    },
  },
];
