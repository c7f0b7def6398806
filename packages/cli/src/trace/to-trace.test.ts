import { describe, expect, test } from 'vitest';
import type { Simulation } from '../simulate.js';
import { fromJsonNumber } from './json-numbers.js';
import { formatTrace, traceOf } from './to-trace.js';

/** A finished run of 2 batch rows x 2 neurons over 3 steps, v recorded every 2 steps (rows after steps 0 and 2). */
function fakeSimulation(v: Float32Array | Float64Array): Simulation {
  return {
    scenario: { model: 'elif', n: 2, batchSize: 2, steps: 3 },
    model: 'elif',
    inputUnit: 'nA',
    n: 2,
    batchSize: 2,
    steps: 3,
    dt: 0.1,
    dtype: v instanceof Float32Array ? 'float32' : 'float64',
    refractory: 'steps',
    integrator: 'euler',
    backend: 'js',
    kernelDescription: 'test',
    constantInput: null,
    spikeCounts: Uint32Array.of(0, 1, 1, 0),
    spikes: Int32Array.of(0, 0, 1, 2, 1, 0),
    stride: 2,
    recorded: { v },
    warnings: [],
    wallSeconds: 1,
  };
}

describe('traceOf', () => {
  test('writes spikes as [step, batch, neuron] and v as [rows][batch][n]', () => {
    const trace = traceOf(fakeSimulation(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)));
    expect(trace.spikes).toEqual([
      [0, 0, 1],
      [2, 1, 0],
    ]);
    expect(trace.vStride).toBe(2);
    expect(trace.v).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expect(trace.traces).toBeUndefined();
  });

  test('puts recorded state other than v and traces under "state", in recording order', () => {
    const simulation = fakeSimulation(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    simulation.recorded = {
      w: Float64Array.of(0, 0, 0, 0, 80.5, 0, 0, 80.5),
      v: simulation.recorded.v,
      theta: Float32Array.of(-52, -52, -52, -52, -50, -52, -52, -50),
    };
    const trace = traceOf(simulation);
    expect(trace.vStride).toBe(2);
    expect(trace.v).toHaveLength(2);
    expect(trace.traces).toBeUndefined();
    expect(Object.keys(trace.state!)).toEqual(['w', 'theta']);
    expect(trace.state!.w).toEqual([
      [
        [0, 0],
        [0, 0],
      ],
      [
        [80.5, 0],
        [0, 80.5],
      ],
    ]);
    expect(JSON.parse(formatTrace(trace)).state.theta[1][1]).toEqual([-52, -50]);
  });

  test('without other state there is no "state" object', () => {
    expect(traceOf(fakeSimulation(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)))).not.toHaveProperty('state');
  });

  test('non-finite state survives the trip through the JSON file', () => {
    for (const v of [
      Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -62, 0.1, 0, 1, 2),
      Float32Array.of(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -62, 0.1, 0, 1, 2),
    ]) {
      const text = formatTrace(traceOf(fakeSimulation(v)));
      expect(text).toContain('["NaN","Infinity"],["-Infinity",-62]');
      const read = (JSON.parse(text).v as unknown[][][]).flat(2).map(fromJsonNumber);
      expect(read.map((x) => (v instanceof Float32Array ? Math.fround(x) : x))).toEqual(Array.from(v));
    }
  });
});
