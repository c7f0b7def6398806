import {
  type Backend,
  type Dtype,
  interpreterBackend,
  type ModelSpec,
  type ParameterSpec,
  Population,
  type RefractoryMode,
  validateModel,
} from '@synapticflow/core';
import { uniform } from '../random.js';

/** Population options a check varies; everything else stays at the model's defaults. */
export interface PopulationConfig {
  n: number;
  batchSize: number;
  dt: number;
  refractory: RefractoryMode;
  spikeTrace: boolean;
  additiveSpikeTrace: boolean;
  params: Record<string, number | Float64Array | null>;
}

export function makePopulation(
  model: ModelSpec,
  backend: Backend,
  dtype: Dtype,
  config: PopulationConfig,
): Population {
  const { traceTau, traceScale, ...params } = config.params;
  const spikes = validateModel(model).threshold !== null;
  return new Population(model, {
    backend,
    dtype,
    n: config.n,
    batchSize: config.batchSize,
    // A float32 column computes with dt rounded to float32; the float64 oracle must start from the same dt.
    dt: dtype === 'float32' ? Math.fround(config.dt) : config.dt,
    refractory: config.refractory,
    params,
    ...(spikes
      ? {
          spikeTrace: config.spikeTrace,
          additiveSpikeTrace: config.additiveSpikeTrace,
          traceTau: traceTau ?? undefined,
          traceScale: traceScale ?? undefined,
        }
      : { spikeTrace: false }),
  });
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
    out[name] = Float64Array.from({ length: n }, () =>
      round(base === 0 ? uniform(random, -0.1, 0.1) : base * uniform(random, 0.9, 1.1)),
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
