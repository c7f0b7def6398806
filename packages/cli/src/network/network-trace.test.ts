import { describe, expect, test } from 'vitest';
import type { NetworkSimulation } from './network-simulation.js';
import { networkTraceText } from './network-trace.js';

function simulation(batchSize: number): NetworkSimulation {
  return {
    scenario: { network: { populations: [], duration: 1 } },
    backend: 'js',
    description: 'network kernel',
    dt: 0.1,
    dtype: 'float32',
    batchSize,
    steps: 10,
    groups: [
      {
        name: 'exc',
        kind: 'population',
        n: 3,
        spikes: {
          steps: Uint32Array.of(1, 4, 4),
          rows: Uint32Array.of(0, 0, 1),
          indices: Uint32Array.of(2, 0, 1),
        },
      },
      {
        name: 'ext',
        kind: 'poisson',
        n: 5,
        spikes: { steps: Uint32Array.of(3), rows: Uint32Array.of(0), indices: Uint32Array.of(4) },
      },
    ],
    projections: [],
    states: [
      {
        population: 'exc',
        vars: ['v'],
        indices: [0, 2],
        stride: 5,
        steps: Uint32Array.of(4, 9),
        values: {
          v: Float64Array.of(1.5, Math.fround(0.1), Number.NaN, -2, 0, 0, 0, 0).subarray(
            0,
            2 * 2 * batchSize,
          ),
        },
      },
    ],
    tracedGroups: ['exc'],
    wallSeconds: 0.01,
  };
}

describe('network trace', () => {
  test('keeps the traced groups’ spikes sparse and each monitor’s rows', () => {
    const trace = JSON.parse([...networkTraceText(simulation(1))].join(''));
    expect(trace).toEqual({
      scenario: { network: { populations: [], duration: 1 } },
      backend: 'js',
      dtype: 'float32',
      dt: 0.1,
      steps: 10,
      spikes: { exc: { n: 3, steps: [1, 4, 4], indices: [2, 0, 1] } },
      state: [
        {
          population: 'exc',
          indices: [0, 2],
          stride: 5,
          steps: [4, 9],
          v: [
            [1.5, 0.1],
            ['NaN', -2],
          ],
        },
      ],
    });
  });

  test('gives the batch row of each spike where there are several', () => {
    const trace = JSON.parse([...networkTraceText(simulation(2))].join(''));
    expect(trace.spikes.exc.rows).toEqual([0, 0, 1]);
    expect(trace.state[0].v).toEqual([
      [1.5, 0.1, 'NaN', -2],
      [0, 0, 0, 0],
    ]);
  });
});
