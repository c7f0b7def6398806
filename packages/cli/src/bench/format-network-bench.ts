import type { Dtype } from '@synapticflow/core';
import { BRIAN2 } from './run-bench.js';

/** Median and range of a run's wall time over repetitions, in seconds. */
export interface Seconds {
  median: number;
  min: number;
  max: number;
}

/** One implementation running one network. */
export interface NetworkBenchRow {
  network: string;
  neurons: number;
  synapses: number;
  implementation: string;
  threads: number;
  dtype: Dtype;
  /** Biological time simulated, ms, in `steps` steps. */
  duration: number;
  steps: number;
  seconds: Seconds;
  /** Spikes and synaptic events (spikes times out-degree) of one run. */
  spikes: number;
  events: number;
  /** Connectivity and synapse variables over synapses, where the implementation reports its memory. */
  bytesPerSynapse?: number;
  /** Everything the network holds (state, connectivity, synapse variables, event queues), where known. */
  memoryBytes?: number;
  /** What actually ran, e.g. the kernel description. */
  detail?: string;
}

/**
 * Network benchmark rows as a table: wall time (median and range), wall time per simulated second, synaptic
 * events and neuron updates per wall second, bytes per synapse, the network's memory, and speed relative to Brian2
 * in the same dtype on as many threads (its time over the row's: above 1 is faster than Brian2).
 */
export function formatNetworkBench(rows: readonly NetworkBenchRow[]): string {
  const brian2 = (row: NetworkBenchRow) =>
    rows.find(
      (r) =>
        r.network === row.network &&
        r.implementation.startsWith(BRIAN2) &&
        r.dtype === row.dtype &&
        r.threads === row.threads,
    )?.seconds.median;
  const withBrian2 = rows.some((r) => r.implementation.startsWith(BRIAN2));
  const header = [
    'network',
    'implementation',
    'wall s',
    'min-max',
    's per sim. s',
    'M events/s',
    'M updates/s',
    'bytes/synapse',
    'memory MB',
    ...(withBrian2 ? ['vs Brian2, same dtype and threads'] : []),
  ];
  const body = rows.map((row) => {
    const wall = row.seconds.median;
    const reference = brian2(row);
    return [
      `${row.network} (${row.neurons} neurons, ${row.synapses} synapses)`,
      row.implementation,
      wall.toFixed(3),
      `${row.seconds.min.toFixed(3)}-${row.seconds.max.toFixed(3)}`,
      (wall / (row.duration / 1000)).toFixed(3),
      (row.events / wall / 1e6).toFixed(1),
      ((row.neurons * row.steps) / wall / 1e6).toFixed(1),
      row.bytesPerSynapse === undefined ? '' : row.bytesPerSynapse.toFixed(1),
      row.memoryBytes === undefined ? '' : (row.memoryBytes / 1e6).toFixed(1),
      ...(withBrian2 ? [reference === undefined ? '' : `${(reference / wall).toFixed(2)}x`] : []),
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((line) => line[i]!.length)));
  const left = new Set([0, 1]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}
