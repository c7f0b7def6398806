import { describe, expect, test } from 'vitest';
import type { Simulation } from './simulate.js';
import { formatSummary } from './summary.js';

function simulationOf(batchSize: number, n: number, constantInput: Float64Array | null): Simulation {
  const size = batchSize * n;
  return {
    scenario: { model: 'elif', n, batchSize, steps: 10000 },
    model: 'elif',
    inputUnit: 'nA',
    n,
    batchSize,
    steps: 10000,
    dt: 0.1,
    dtype: 'float32',
    refractory: 'steps',
    integrator: 'euler',
    backend: 'js',
    kernelDescription: 'js float32 (fused loop)',
    constantInput,
    // One second: neuron i fires i times, i Hz.
    spikeCounts: Uint32Array.from({ length: size }, (_, i) => i),
    stride: 1,
    recorded: {},
    warnings: [],
    wallSeconds: 0.5,
  };
}

const tableRows = (summary: string) => summary.split('\n').filter((line) => /^ +\d/.test(line));

describe('formatSummary', () => {
  test('reports size, time, backend, spikes, mean rate and throughput', () => {
    const summary = formatSummary(simulationOf(1, 4, Float64Array.of(0, 0.1, 0.2, 0.3)));
    expect(summary).toContain('model       elif (n = 4, batch = 1)\n');
    expect(summary).toContain('time        10000 steps x dt 0.1 ms = 1000 ms\n');
    expect(summary).toContain(
      'backend     js: js float32 (fused loop), refractory steps, integrator euler\n',
    );
    expect(summary).toContain('spikes      6 total\n');
    expect(summary).toContain('mean rate   1.5 Hz\n');
    expect(summary).toContain('wall time   500.0 ms\n');
    expect(summary).toContain('throughput  80.0 k neuron-updates/s\n');
  });

  test('shows about 20 rows of a large population, sorted by input, with min and max', () => {
    const n = 1000;
    const input = Float64Array.from({ length: n }, (_, i) => (n - 1 - i) / (n - 1));
    const summary = formatSummary(simulationOf(1, n, input));
    expect(summary).toContain('rate by input (sorted by input, 20 of 1000 evenly sampled):');
    const rows = tableRows(summary);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatch(/^ +999 +0 +999\.0$/);
    expect(rows[19]).toMatch(/^ +0 +1 +0\.0$/);
    expect(summary).toContain('min rate    0.0 Hz (neuron 0, input 1 nA)');
    expect(summary).toContain('max rate    999.0 Hz (neuron 999, input 0 nA)');
  });

  test('labels neurons with their batch row when there are several', () => {
    const summary = formatSummary(simulationOf(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6)));
    expect(summary).toContain('row:neuron   input (nA)   rate (Hz)');
    expect(tableRows(summary)).toHaveLength(6);
    expect(summary).toContain('max rate    5.0 Hz (neuron 1:2, input 6 nA)');
  });

  test('gives inputs in the model’s unit and names the integrator', () => {
    const simulation = {
      ...simulationOf(1, 2, Float64Array.of(400, 800)),
      model: 'adex',
      inputUnit: 'pA',
      integrator: 'rk4' as const,
    };
    const summary = formatSummary(simulation);
    expect(summary).toContain('model       adex (n = 2, batch = 1)\n');
    expect(summary).toContain(', refractory steps, integrator rk4\n');
    expect(summary).toContain('  neuron   input (pA)   rate (Hz)\n');
    expect(summary).toContain('max rate    1.0 Hz (neuron 1, input 800 pA)');
  });

  test('for inputs that change per step, gives min and max rate without a table', () => {
    const summary = formatSummary(simulationOf(1, 3, null));
    expect(summary).not.toContain('rate by input');
    expect(summary).toContain('min rate    0.0 Hz (neuron 0)\nmax rate    2.0 Hz (neuron 2)\n');
  });
});
