import type { ConformanceColumn } from '@synapticflow/conformance';
import { type Dtype, ELIF_MODEL, Population } from '@synapticflow/core';
import { froundElifLoop, plainElifLoop } from './hand-written-elif.js';
import { measureRate, type Rate } from './measure.js';

export interface BenchRow {
  n: number;
  implementation: string;
  dtype: Dtype;
  rate: Rate;
  /** Threads it was asked to use (1 where absent). */
  threads?: number;
  /** Bytes of per-neuron state and parameters the backend keeps, where known. */
  bytesPerNeuron?: number;
  /** What actually ran, e.g. the kernel description. */
  detail?: string;
}

export interface BenchRequest {
  columns: readonly (ConformanceColumn & { threads?: number })[];
  sizes: readonly number[];
  reps: number;
  /** Neuron-updates per repetition: steps = updates / n. */
  updates: number;
  onRow?: (row: BenchRow) => void;
}

/** The implementation every figure is divided by: typed arrays and Math.exp in a plain loop. */
export const BASELINE = 'hand-written JS loop';
/** Rows measured in Brian2 start with this. */
export const BRIAN2 = 'Brian2 cpp_standalone';

/** ELIF neuron-updates per second for each backend configuration and size, with the baselines in the same process. */
export async function runBench(request: BenchRequest): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    request.onRow?.(row);
  };
  for (const n of request.sizes) {
    const steps = Math.max(1, Math.round(request.updates / n));
    const units = n * steps;
    const input = Float64Array.from({ length: n }, (_, i) => i / n);
    for (const [name, loop, dtype] of [
      [BASELINE, plainElifLoop, 'float32'],
      ['hand-written JS loop, fround', froundElifLoop, 'float32'],
    ] as const) {
      const v = new Float32Array(n).fill(-62);
      const refractory = new Float32Array(n);
      const spikes = new Uint8Array(n);
      const x = Float32Array.from(input);
      add({
        n,
        implementation: name,
        dtype,
        rate: await measureRate(() => loop(v, refractory, spikes, x, steps), units, request.reps),
      });
    }
    for (const column of request.columns) {
      const population = new Population(ELIF_MODEL, {
        n,
        dtype: column.dtype,
        spikeTrace: false,
        backend: column.createBackend(),
      });
      try {
        const typed = column.dtype === 'float32' ? Float32Array.from(input) : input;
        const rate = await measureRate(
          () => population.runAsync(steps, { input: typed, spikes: false }),
          units,
          request.reps,
        );
        add({
          n,
          implementation: column.label,
          dtype: column.dtype,
          rate,
          threads: column.threads ?? 1,
          bytesPerNeuron: bytesPerNeuron(population),
          detail: population.kernelDescription,
        });
      } finally {
        population.dispose();
      }
    }
  }
  return rows;
}

/**
 * What the kernel says it holds per neuron, where its backend reports memory; otherwise state (one element
 * per neuron and batch row) and per-neuron parameters in the population's dtype.
 */
function bytesPerNeuron(population: Population): number {
  const held = population.kernelMemoryBytes;
  if (held !== null) return Math.round(held / (population.n * population.batchSize));
  const size = population.dtype === 'float32' ? 4 : 8;
  const state = population.program.state.reduce((sum, s) => sum + (s.type === 'boolean' ? 1 : size), 0);
  const perNeuron = [...population.params.values()].filter((v) => v instanceof Float64Array).length;
  return state + perNeuron * size;
}
