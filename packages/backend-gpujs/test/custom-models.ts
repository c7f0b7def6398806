import { type ModelSpec, Population } from '@synapticflow/core';
import type { Backend } from '@synapticflow/core/backend';

/** Izhikevich (2003): a GPU `pow` goes wrong on `v^2` of a negative v, so it is emitted as a product. */
export const IZHIKEVICH: ModelSpec = {
  name: 'izhikevich',
  parameters: {
    a: { default: 0.02 },
    b: { default: 0.2 },
    c: { default: -65 },
    d: { default: 8 },
  },
  state: { v: { initial: 'c' }, u: { initial: 'b*c' } },
  equations: { v: '0.04*v^2 + 5*v + 140 - u + I', u: 'a*(b*v - u)' },
  threshold: 'v >= 30',
  reset: { v: 'c', u: 'u + d' },
};

/**
 * Every function and operator of the expression language, `t` and logic, in one made-up model. x drifts
 * far below zero for some inputs, where a GPU's tanh overflowed to NaN before the emitter clamped it.
 */
export const EVERY_FUNCTION: ModelSpec = {
  name: 'every-function',
  parameters: { k: { default: 0.5 }, floor: { default: 0 } },
  state: { x: { initial: 0.1 }, y: { initial: 1 } },
  equations: {
    x: 'tanh(x) - 0.1*sqrt(abs(x) + 1) + 0.01*log(1 + y) + min(I, 2) - 0.2*max(x, -1) + k*exp(-t/50)',
    y: '0.001*pow(abs(x) + 1, 1.5) - y/20 + (x - 1)^3/100 - 1/(y^2 + 1)',
  },
  threshold: '(x > 1 and not (y == 0)) or (t > 500 and x >= 2)',
  reset: { x: '-x/2', y: 'y + 1' },
  bounds: { y: { lower: 'floor', upper: '10' } },
};

export interface ModelComparison {
  model: string;
  /** Largest |a - b| over every recorded state sample. */
  maxDifference: Record<string, number>;
  /** Largest |a - b| / max(1, |b|): x drifts to about -90 mV-like magnitudes in EVERY_FUNCTION. */
  maxRelativeDifference: Record<string, number>;
  spikesA: number;
  spikesB: number;
  /** Spike raster entries that differ. */
  spikeMismatches: number;
  /** The first recorded sample that is NaN on either side: state, step, element, both values. */
  firstNaN: string | null;
  /** The first step where a state differs by more than 1e-5 (relative), or null. */
  firstDivergence: number | null;
}

/** Runs one custom model on two backends with the same varied input and compares the recordings. */
export async function compareModel(
  model: ModelSpec,
  a: Backend,
  b: Backend,
  options: { n?: number; batchSize?: number; steps?: number; perNeuron?: string } = {},
): Promise<ModelComparison> {
  const n = options.n ?? 16;
  const batchSize = options.batchSize ?? 2;
  const steps = options.steps ?? 1000;
  const record = Object.keys(model.state);
  const input = (step: number, buffer: Float32Array | Float64Array) => {
    for (let i = 0; i < buffer.length; i++) buffer[i] = ((i % n) / n) * 12 + 3 * Math.sin(step / 40 + i);
  };
  const run = async (backend: Backend) => {
    const params: Record<string, number[]> = {};
    if (options.perNeuron) {
      const base = model.parameters[options.perNeuron]!.default!;
      params[options.perNeuron] = Array.from({ length: n }, (_, i) => base * (1 + i / (4 * n)));
    }
    const population = new Population(model, { backend, n, batchSize, params });
    try {
      return await population.runAsync(steps, { input, record });
    } finally {
      population.dispose();
    }
  };
  const first = await run(a);
  const second = await run(b);
  const maxDifference: Record<string, number> = {};
  const maxRelativeDifference: Record<string, number> = {};
  let firstNaN: string | null = null;
  let firstDivergence: number | null = null;
  for (const name of record) {
    const x = first.recorded[name]!;
    const y = second.recorded[name]!;
    let worst = 0;
    let relative = 0;
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(x[i]) || Number.isNaN(y[i])) {
        const at = `step ${Math.floor(i / (n * batchSize))}, element ${i % (n * batchSize)}`;
        firstNaN ??= `${name} at ${at}: ${x[i]} vs ${y[i]}`;
        continue;
      }
      worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
      const error = Math.abs(x[i]! - y[i]!) / Math.max(1, Math.abs(y[i]!));
      relative = Math.max(relative, error);
      if (error > 1e-5) {
        const step = Math.floor(i / (n * batchSize));
        firstDivergence = Math.min(firstDivergence ?? step, step);
      }
    }
    maxDifference[name] = worst;
    maxRelativeDifference[name] = relative;
  }
  let spikeMismatches = 0;
  for (let i = 0; i < first.spikes!.length; i++)
    if (first.spikes![i] !== second.spikes![i]) spikeMismatches++;
  const count = (raster: Uint8Array) => raster.reduce((sum, s) => sum + s, 0);
  return {
    model: model.name,
    maxDifference,
    maxRelativeDifference,
    spikesA: count(first.spikes!),
    spikesB: count(second.spikes!),
    spikeMismatches,
    firstNaN,
    firstDivergence,
  };
}
