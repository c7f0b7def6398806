import { type ModelSpec, type Population, validateModel } from '@synapticflow/core';
import { seededRandom, uniform } from '../../random.js';
import {
  inputScale,
  makePopulation,
  type PopulationConfig,
  roundTo,
  sampleParameters,
} from '../populations.js';
import type { Check, ConformanceColumn } from '../types.js';

const STEPS = 300;
type Invariance = (
  model: ModelSpec,
  column: ConformanceColumn,
  random: () => number,
) => Promise<string | null>;

/** Properties that must hold bit for bit on any backend, for any model. */
export const invariances: Check = {
  id: 'invariances',
  title: 'invariances: batch, per-neuron parameters, run = forward, repeatable, reset',
  async run(model, column, { seed }) {
    const random = seededRandom(seed + 1);
    const failures: string[] = [];
    for (const [name, invariance] of Object.entries(INVARIANCES)) {
      const problem = await invariance(model, column, random);
      if (problem) failures.push(`${name}: ${problem}`);
    }
    const total = Object.keys(INVARIANCES).length;
    if (failures.length > 0)
      return { status: 'FAIL', error: failures.length, unit: 'failed', detail: failures.join('; ') };
    return { status: 'OK', error: 0, unit: 'failed', detail: `${total}/${total} hold bit for bit` };
  },
};

function config(
  model: ModelSpec,
  n: number,
  batchSize: number,
  random: () => number,
  column: ConformanceColumn,
): PopulationConfig {
  return {
    n,
    batchSize,
    dt: 0.1,
    refractory: 'steps',
    spikeTrace: validateModel(model).threshold !== null,
    additiveSpikeTrace: false,
    params: sampleParameters(model, n, random, column.dtype),
  };
}

function inputs(
  model: ModelSpec,
  random: () => number,
  length: number,
  column: ConformanceColumn,
): Float64Array {
  return roundTo(
    Array.from({ length }, () => uniform(random, -0.2, 1.5) * (inputScale(model) / 1.5)),
    column.dtype,
  );
}

async function snapshot(population: Population): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const name of population.stateNames) out.set(name, Array.from(await population.read(name)));
  return out;
}

/** The first state element where `a` and `b` differ (bit for bit), or null. */
function difference(a: Map<string, number[]>, b: Map<string, number[]>, offset = 0): string | null {
  for (const [name, values] of b) {
    const other = a.get(name)!;
    for (let i = 0; i < values.length; i++) {
      if (!Object.is(other[offset + i], values[i]))
        return `${name}[${offset + i}] ${other[offset + i]} vs ${values[i]}`;
    }
  }
  return null;
}

async function using<T>(populations: Population[], body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    for (const population of populations) population.dispose();
  }
}

const INVARIANCES: Record<string, Invariance> = {
  async 'batch rows are separate runs'(model, column, random) {
    const shape = config(model, 4, 3, random, column);
    const x = inputs(model, random, 12, column);
    const batched = makePopulation(model, column.createBackend(), column.dtype, shape);
    const rows = [0, 1, 2].map(() =>
      makePopulation(model, column.createBackend(), column.dtype, { ...shape, batchSize: 1 }),
    );
    return using([batched, ...rows], async () => {
      for (let k = 0; k < STEPS; k++) {
        batched.forward(x);
        rows.forEach((row, r) => {
          row.forward(x.subarray(r * 4, r * 4 + 4));
        });
      }
      const all = await snapshot(batched);
      for (const [r, row] of rows.entries()) {
        const problem = difference(all, await snapshot(row), r * 4);
        if (problem) return `row ${r}: ${problem}`;
      }
      return null;
    });
  },

  async 'per-neuron parameters equal separate populations'(model, column, random) {
    const shape = config(model, 3, 1, random, column);
    const x = inputs(model, random, 3, column);
    const mixed = makePopulation(model, column.createBackend(), column.dtype, shape);
    const singles = [0, 1, 2].map((j) => {
      const params = Object.fromEntries(
        Object.entries(shape.params).map(([name, value]) => [
          name,
          value instanceof Float64Array ? value[j]! : value,
        ]),
      );
      return makePopulation(model, column.createBackend(), column.dtype, { ...shape, n: 1, params });
    });
    return using([mixed, ...singles], async () => {
      for (let k = 0; k < STEPS; k++) {
        mixed.forward(x);
        singles.forEach((single, j) => {
          single.forward(x[j]!);
        });
      }
      const all = await snapshot(mixed);
      for (const [j, single] of singles.entries()) {
        const problem = difference(all, await snapshot(single), j);
        if (problem) return `neuron ${j}: ${problem}`;
      }
      return null;
    });
  },

  async 'run(T) equals T forward calls'(model, column, random) {
    const shape = config(model, 4, 2, random, column);
    const x = inputs(model, random, 8, column);
    const stepped = makePopulation(model, column.createBackend(), column.dtype, shape);
    const ran = makePopulation(model, column.createBackend(), column.dtype, shape);
    return using([stepped, ran], async () => {
      for (let k = 0; k < STEPS; k++) stepped.forward(x);
      await ran.runAsync(STEPS, { input: x });
      return difference(await snapshot(ran), await snapshot(stepped));
    });
  },

  async 'repeatable, and populations do not interfere'(model, column, random) {
    const shape = config(model, 4, 2, random, column);
    const x = inputs(model, random, 8, column);
    const first = makePopulation(model, column.createBackend(), column.dtype, shape);
    const other = makePopulation(model, column.createBackend(), column.dtype, { ...shape, batchSize: 1 });
    const second = makePopulation(model, column.createBackend(), column.dtype, shape);
    return using([first, other, second], async () => {
      for (let k = 0; k < STEPS; k++) {
        first.forward(x);
        other.forward(2 * inputScale(model));
        second.forward(x);
      }
      return difference(await snapshot(first), await snapshot(second));
    });
  },

  async 'reset() restores the initial state'(model, column, random) {
    const shape = config(model, 4, 2, random, column);
    const x = inputs(model, random, 8, column);
    const population = makePopulation(model, column.createBackend(), column.dtype, shape);
    const fresh = makePopulation(model, column.createBackend(), column.dtype, shape);
    return using([population, fresh], async () => {
      await population.runAsync(STEPS, { input: x });
      population.reset();
      return difference(await snapshot(population), await snapshot(fresh));
    });
  },
};
