import {
  hasSpikeTraces,
  InputError,
  type ModelSpec,
  ParameterError,
  StateError,
  validateModel,
} from '@synapticflow/core';
import { seededRandom } from '../../random.js';
import { makePopulation, type PopulationConfig, sampleParameters } from '../populations.js';
import type { Check, CheckOptions, ConformanceColumn } from '../types.js';

/**
 * Without a declared input range, inputs up to this magnitude (nA for ELIF; far beyond any physiological
 * current) must never produce NaN.
 */
const LARGEST_INPUT = 1e6;

/** The inputs the check drives the model with: the caller's range, else the model's, else ±LARGEST_INPUT. */
function inputDomain(model: ModelSpec, options: CheckOptions): InputDomain {
  const range = options.inputRange ?? model.inputRange;
  if (range) {
    const source = options.inputRange ? 'the given input range' : "the model's inputRange";
    return { range, words: `input in [${range.min}, ${range.max}] (${source})` };
  }
  return { range: null, words: `|input| up to ${LARGEST_INPUT} (no inputRange declared)` };
}

interface InputDomain {
  range: { min: number; max: number } | null;
  words: string;
}

/** Bad input gets the documented error on every backend; large finite inputs never put NaN in state. */
export const robustness: Check = {
  id: 'robustness',
  title: 'robustness: documented errors, no NaN from finite input',
  async run(model, column, options) {
    const random = seededRandom(options.seed + 2);
    const domain = inputDomain(model, options);
    // The long run first: the one population of a check that may be widened across blocks.
    const nan = await nanFree(model, column, random, domain);
    const problems = [...rejections(model, column), ...nan];
    if (problems.length > 0)
      return { status: 'FAIL', error: problems.length, unit: 'problems', detail: problems.join('; ') };
    return {
      status: 'OK',
      error: 0,
      unit: 'problems',
      detail: `errors as documented; no NaN with ${domain.words}`,
    };
  },
};

const RANGE_HINT =
  "; if the model is not meant for such inputs, declare the ones it is with the spec's inputRange (or pass a range)";

function baseConfig(
  model: ModelSpec,
  n: number,
  random: () => number,
  column: ConformanceColumn,
): PopulationConfig {
  return {
    n,
    batchSize: 2,
    dt: 0.1,
    refractory: 'steps',
    spikeTrace: hasSpikeTraces(validateModel(model)),
    additiveSpikeTrace: true,
    params: sampleParameters(model, n, random, column.dtype),
  };
}

function rejections(model: ModelSpec, column: ConformanceColumn): string[] {
  const problems: string[] = [];
  const expect = (what: string, type: new (...args: never[]) => Error, body: () => unknown) => {
    try {
      body();
      problems.push(`${what}: no error`);
    } catch (error) {
      if (!(error instanceof type))
        problems.push(`${what}: ${(error as Error)?.name} instead of ${type.name}`);
    }
  };
  const config = baseConfig(model, 3, seededRandom(1), column);
  const population = makePopulation(model, column.createBackend(), column.dtype, config);
  try {
    expect('NaN input', InputError, () => population.forward([0, Number.NaN, 0]));
    expect('Infinity input', InputError, () => population.forward(Number.POSITIVE_INFINITY));
    expect('input of the wrong length', InputError, () => population.forward([1, 2]));
  } finally {
    population.dispose();
  }
  for (const [name, spec] of Object.entries(model.parameters)) {
    const invalid = spec.constraint === 'positive' ? 0 : spec.constraint === 'nonnegative' ? -1 : Number.NaN;
    expect(`parameter ${name} = ${invalid}`, ParameterError, () =>
      makePopulation(model, column.createBackend(), column.dtype, {
        ...config,
        params: { [name]: invalid },
      }).dispose(),
    );
  }
  return problems;
}

async function nanFree(
  model: ModelSpec,
  column: ConformanceColumn,
  random: () => number,
  domain: InputDomain,
): Promise<string[]> {
  const config = baseConfig(model, 16, random, column);
  const population = makePopulation(model, column.createBackend(), column.dtype, config);
  const size = config.n * config.batchSize;
  try {
    const steps = 400;
    const { range } = domain;
    // In a declared range: its ends and uniform draws between them. Otherwise log-uniform magnitudes from
    // 1e-3 to LARGEST_INPUT, both signs. A new draw every step.
    const input = Float64Array.from({ length: steps * size }, () => {
      if (range) {
        const u = random();
        return u < 0.1 ? range.min : u < 0.2 ? range.max : range.min + (range.max - range.min) * random();
      }
      const magnitude = 10 ** (-3 + random() * (Math.log10(LARGEST_INPUT) + 3));
      return random() < 0.5 ? -magnitude : magnitude;
    });
    await population.runAsync(steps, { input: { steps: input } });
    for (const name of population.stateNames) {
      const values = await population.read(name);
      const at = Array.from(values).findIndex(Number.isNaN);
      if (at >= 0) return [`${name}[${at}] is NaN after ${steps} steps with ${domain.words}${RANGE_HINT}`];
    }
    return [];
  } catch (error) {
    if (error instanceof StateError)
      return [`a NaN entered state with ${domain.words}${RANGE_HINT} (${error.message})`];
    throw error;
  } finally {
    population.dispose();
  }
}
