import {
  type Backend,
  type Dtype,
  hasSpikeTraces,
  type ModelSpec,
  type ParameterSpec,
  Population,
  type PopulationOptions,
  type RefractoryMode,
  validateModel,
} from '@synapticflow/core';
import { interpreterBackend } from '@synapticflow/core/reference';
import { uniform } from '../random.js';

/** Population options a check varies; everything else stays at the model's defaults. */
export interface PopulationConfig {
  n: number;
  batchSize: number;
  dt: number;
  refractory: RefractoryMode;
  spikeTrace: boolean;
  additiveSpikeTrace: boolean;
  /** Whether the population keeps the input summed over each run (default false). */
  sumInput?: boolean;
  params: Record<string, number | Float64Array | null>;
}

export function makePopulation(
  model: ModelSpec,
  backend: Backend,
  dtype: Dtype,
  config: PopulationConfig,
): Population {
  return new Population(model, { backend, ...populationOptions(model, dtype, config) });
}

/** The options of a population of `model` in `dtype` shaped by `config`, for any backend. */
export function populationOptions(
  model: ModelSpec,
  dtype: Dtype,
  config: PopulationConfig,
): Omit<PopulationOptions, 'backend'> {
  const { traceTau, traceScale, ...params } = config.params;
  const spikes = hasSpikeTraces(validateModel(model));
  return {
    dtype,
    n: config.n,
    batchSize: config.batchSize,
    // A float32 column computes with dt rounded to float32; the float64 oracle must start from the same dt.
    dt: dtype === 'float32' ? Math.fround(config.dt) : config.dt,
    refractory: config.refractory,
    sumInput: config.sumInput ?? false,
    params,
    ...(spikes
      ? {
          spikeTrace: config.spikeTrace,
          additiveSpikeTrace: config.additiveSpikeTrace,
          traceTau: traceTau ?? undefined,
          traceScale: traceScale ?? undefined,
        }
      : { spikeTrace: false }),
  };
}

/** The oracle: core's AST interpreter, in float64 or in the column's own per-operation rounding. */
export function oracle(model: ModelSpec, dtype: Dtype, config: PopulationConfig): Population {
  return makePopulation(model, interpreterBackend(), dtype, config);
}

/**
 * Per-neuron parameters spread ±10% around the model's defaults (nullable ones stay null), rounded to the
 * column's dtype so that the float64 oracle and a float32 backend start from the same numbers.
 */
export function sampleParameters(
  model: ModelSpec,
  n: number,
  random: () => number,
  dtype: Dtype,
): Record<string, Float64Array | null> {
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const out: Record<string, Float64Array | null> = {};
  const specs = { ...model.parameters, ...(validateModel(model).threshold ? TRACE_PARAMETERS : {}) };
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.default === null) {
      out[name] = null;
      continue;
    }
    if (spec.perNeuron === false) continue;
    const base = spec.default;
    // A zero default has no scale to spread by: draw from [0, 0.1] where negatives are invalid.
    const low = spec.constraint === 'nonnegative' ? 0 : -0.1;
    out[name] = Float64Array.from({ length: n }, () =>
      round(base === 0 ? uniform(random, low, 0.1) : base * uniform(random, 0.9, 1.1)),
    );
  }
  return out;
}

const TRACE_PARAMETERS: Record<string, ParameterSpec> = {
  traceTau: { default: 10 },
  traceScale: { default: 1 },
};

/** Rounds values to what a `dtype` buffer holds. */
export function roundTo(values: ArrayLike<number>, dtype: Dtype): Float64Array {
  return Float64Array.from(values, dtype === 'float32' ? Math.fround : (x) => x);
}

const scales = new WeakMap<ModelSpec, number>();

/**
 * The input scale at which a model fires: the smallest of 1.5, 15, 150, ... at which a quarter of neurons
 * driven with constants from 0 to it spike within 2000 steps (on the oracle). Models differ in units (nA,
 * pA, model units), and checks that draw random inputs must reach the spiking regime. 1.5 if none does.
 */
export function inputScale(model: ModelSpec): number {
  const known = scales.get(model);
  if (known !== undefined) return known;
  let found = 1.5;
  for (const scale of [1.5, 15, 150, 1500, 15000]) {
    const n = 8;
    const probe = makePopulation(model, interpreterBackend(), 'float64', {
      n,
      batchSize: 1,
      dt: 0.1,
      refractory: 'steps',
      spikeTrace: false,
      additiveSpikeTrace: false,
      params: {},
    });
    try {
      const result = probe.run(2000, { input: Array.from({ length: n }, (_, j) => (scale * (j + 1)) / n) });
      if (!result.spikes) break;
      const firing = new Set<number>();
      result.spikes.forEach((s, i) => {
        if (s) firing.add(i % n);
      });
      if (firing.size >= n / 4) {
        found = scale;
        break;
      }
    } finally {
      probe.dispose();
    }
  }
  scales.set(model, found);
  return found;
}
