import type { Dtype } from '@synapticflow/core';
import type { FloatArray } from '@synapticflow/core/backend';
import type { Scenario } from '../scenario/scenario.js';
import type { Simulation } from '../simulate.js';
import { type JsonNumber, toJsonNumber } from './json-numbers.js';

/** A trace file as the CLI writes it (reference files carry `reference` and `meta` instead of backend/dtype). */
export interface TraceFile {
  scenario: Scenario;
  backend: string;
  dtype: Dtype;
  /** [step, batch, neuron], 0-based, in step order. */
  spikes: [number, number, number][];
  vStride?: number;
  /** [ceil(steps/vStride)][batch][n]: row j is the state after step j*vStride. */
  v?: JsonNumber[][][];
  traces?: JsonNumber[][][];
  /** Every other recorded state variable by name (e.g. `w` of AdEx), each [rows][batch][n] as `v`. */
  state?: Record<string, JsonNumber[][][]>;
}

/** The trace of a simulation; needs the spikes it kept (`keepSpikes`, on by default). */
export function traceOf(simulation: Simulation): TraceFile {
  const { spikes, recorded, batchSize, n, dtype } = simulation;
  if (!spikes) throw new TypeError('traceOf needs the spikes of the run; simulate with keepSpikes: true');
  const trace: TraceFile = {
    scenario: simulation.scenario,
    backend: simulation.backend,
    dtype,
    spikes: Array.from({ length: spikes.length / 3 }, (_, i) => [
      spikes[3 * i]!,
      spikes[3 * i + 1]!,
      spikes[3 * i + 2]!,
    ]),
  };
  const names = Object.keys(recorded).filter((name) => recorded[name] !== undefined);
  if (names.length > 0) trace.vStride = simulation.stride;
  if (recorded.v) trace.v = toRows(recorded.v, batchSize, n, dtype);
  if (recorded.traces) trace.traces = toRows(recorded.traces, batchSize, n, dtype);
  for (const name of names) {
    if (name === 'v' || name === 'traces') continue;
    trace.state ??= {};
    trace.state[name] = toRows(recorded[name]!, batchSize, n, dtype);
  }
  return trace;
}

/** Compact JSON, one line, as the reference files are. */
export function formatTrace(trace: TraceFile): string {
  return `${JSON.stringify(trace)}\n`;
}

function toRows(values: FloatArray, batchSize: number, n: number, dtype: Dtype): JsonNumber[][][] {
  const size = batchSize * n;
  return Array.from({ length: values.length / size }, (_, j) =>
    Array.from({ length: batchSize }, (_, b) =>
      Array.from(values.subarray(j * size + b * n, j * size + (b + 1) * n), (x) => toJsonNumber(x, dtype)),
    ),
  );
}
