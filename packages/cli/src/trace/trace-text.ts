import type { Dtype, FloatArray } from '@synapticflow/core';
import type { Simulation } from '../simulate.js';
import { toJsonNumber } from './json-numbers.js';

/** Spikes per piece of text. */
const SPIKES_PER_PIECE = 4096;

/**
 * The trace file's text (what `formatTrace(traceOf(simulation))` gives) in pieces of one block of spikes or
 * one recorded row each, so traces larger than a JavaScript string can hold still get written.
 */
export function* traceText(simulation: Simulation): Generator<string> {
  const { spikes, recorded, batchSize, n, dtype } = simulation;
  if (!spikes) throw new TypeError('traceText needs the spikes of the run; simulate with keepSpikes: true');
  const json = JSON.stringify;
  yield `{"scenario":${json(simulation.scenario)},"backend":${json(simulation.backend)},"dtype":${json(dtype)},"spikes":[`;
  for (let first = 0; first < spikes.length; first += 3 * SPIKES_PER_PIECE) {
    const end = Math.min(spikes.length, first + 3 * SPIKES_PER_PIECE);
    const triples: string[] = [];
    for (let i = first; i < end; i += 3) triples.push(`[${spikes[i]},${spikes[i + 1]},${spikes[i + 2]}]`);
    yield (first > 0 ? ',' : '') + triples.join(',');
  }
  yield ']';
  const names = Object.keys(recorded).filter((name) => recorded[name] !== undefined);
  if (names.length > 0) yield `,"vStride":${simulation.stride}`;
  for (const name of ['v', 'traces'].filter((name) => recorded[name] !== undefined)) {
    yield `,${json(name)}:`;
    yield* rowsText(recorded[name]!, batchSize, n, dtype);
  }
  const others = names.filter((name) => name !== 'v' && name !== 'traces');
  for (const [i, name] of others.entries()) {
    yield `${i === 0 ? ',"state":{' : ','}${json(name)}:`;
    yield* rowsText(recorded[name]!, batchSize, n, dtype);
  }
  if (others.length > 0) yield '}';
  yield '}\n';
}

/** [rows][batch][n] as JSON, one row per piece. */
function* rowsText(values: FloatArray, batchSize: number, n: number, dtype: Dtype): Generator<string> {
  const size = batchSize * n;
  const rows = values.length / size;
  yield '[';
  for (let j = 0; j < rows; j++) {
    const batches: string[] = [];
    for (let b = 0; b < batchSize; b++) {
      const row = values.subarray(j * size + b * n, j * size + (b + 1) * n);
      batches.push(`[${Array.from(row, (x) => JSON.stringify(toJsonNumber(x, dtype))).join(',')}]`);
    }
    yield `${j > 0 ? ',' : ''}[${batches.join(',')}]`;
  }
  yield ']';
}
