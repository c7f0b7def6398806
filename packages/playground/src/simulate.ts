import { Population, type ValidatedModel } from '@synapticflow/core';
import { loadBackend } from './backends.js';
import { runInput } from './input-current.js';
import type { PageState } from './page-state.js';

/** What one run in the page produced. */
export interface PageRun {
  kernelDescription: string;
  seconds: number;
  neuronUpdatesPerSecond: number;
  /** steps x n flags, 1 where the neuron spiked. */
  spikes: Uint8Array;
  spikeCount: number;
  /** Spikes per neuron. */
  counts: Uint32Array;
  /** Recorded v of the traced neurons, one series each. */
  traces: { neuron: number; values: Float64Array }[];
}

/** Neurons whose v is drawn: low, middle and high input of the sweep. */
export function tracedNeurons(n: number): number[] {
  return [...new Set([Math.floor(n / 4), Math.floor(n / 2), n - 1])];
}

export async function simulate(state: PageState, model: ValidatedModel): Promise<PageRun> {
  const population = new Population(model, {
    backend: await loadBackend(state.backend),
    n: state.n,
    dt: state.dt,
    dtype: state.dtype,
    params: state.params,
  });
  try {
    const started = performance.now();
    const result = await population.runAsync(state.steps, {
      input: runInput(state.input, state.n, state.dt, state.steps),
      record: ['v'],
    });
    const seconds = (performance.now() - started) / 1000;
    const spikes = result.spikes ?? new Uint8Array(0);
    const counts = new Uint32Array(state.n);
    for (let k = 0; k < spikes.length; k++) if (spikes[k]) counts[k % state.n]!++;
    const v = result.recorded.v!;
    const traces = tracedNeurons(state.n).map((neuron) => ({
      neuron,
      values: Float64Array.from({ length: state.steps }, (_, step) => v[step * state.n + neuron]!),
    }));
    return {
      kernelDescription: population.kernelDescription,
      seconds,
      neuronUpdatesPerSecond: (state.n * state.steps) / seconds,
      spikes,
      spikeCount: counts.reduce((total, c) => total + c, 0),
      counts,
      traces,
    };
  } finally {
    population.dispose();
  }
}
