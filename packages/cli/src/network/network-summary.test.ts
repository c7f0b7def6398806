import { describe, expect, test } from 'vitest';
import type { GroupResult, NetworkSimulation } from './network-simulation.js';
import { formatNetworkSummary, groupStatistics } from './network-summary.js';

/** A group whose neurons spike at the given steps (one list per neuron), in batch row 0. */
function group(name: string, kind: GroupResult['kind'], trains: number[][]): GroupResult {
  const pairs = trains.flatMap((train, j) => train.map((step) => [step, j] as const));
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    name,
    kind,
    n: trains.length,
    spikes: {
      steps: Uint32Array.from(pairs, (p) => p[0]),
      rows: new Uint32Array(pairs.length),
      indices: Uint32Array.from(pairs, (p) => p[1]),
    },
  };
}

function simulation(): NetworkSimulation {
  return {
    scenario: { network: { populations: [] } },
    backend: 'js',
    description: 'network kernel on js',
    dt: 0.1,
    dtype: 'float64',
    batchSize: 1,
    steps: 1000,
    // Two neurons firing together every 10 ms: 100 Hz, regular, synchronous.
    groups: [
      group('exc', 'population', [
        [0, 100, 200, 300, 400, 500, 600, 700, 800, 900],
        [0, 100, 200, 300, 400, 500, 600, 700, 800, 900],
      ]),
      group('cue', 'spikes', [[50], []]),
    ],
    projections: [{ source: 'exc', target: 'exc', synapses: 2, bytes: 24, events: 20 }],
    states: [],
    tracedGroups: ['exc', 'cue'],
    wallSeconds: 0.5,
  };
}

describe('network summary', () => {
  test('gives each group’s rate, ISI CV and synchrony', () => {
    const [exc, cue] = groupStatistics(simulation());
    expect(exc).toEqual({ name: 'exc', kind: 'population', n: 2, spikes: 20, rate: 100, cv: 0, chi: 1 });
    expect(cue!.rate).toBe(5);
    expect(cue!.cv).toBeNaN();
  });

  test('prints the groups as a table, then events, wall time and throughput', () => {
    const text = formatNetworkSummary(simulation());
    expect(text).toContain(
      'network     1 population (2 neurons), 1 source, 1 projection (2 synapses, 0.0 kB)\n',
    );
    expect(text).toContain(
      'time        1000 steps x dt 0.1 ms = 100 ms\nbackend     js: network kernel on js\n',
    );
    expect(text).toMatch(/\n {2}exc +population +2 +20 +100\.00 +0\.000 +1\.000\n/);
    // One spike of one neuron, the other silent: no intervals; χ = 1/√2 (see stats.test.ts).
    expect(text).toMatch(/\n {2}cue +spikes +2 +1 +5\.00 +- +0\.707\n/);
    expect(text).toContain('syn. events 20, 40.0/s\n');
    expect(text).toContain('wall time   500.0 ms\n');
    // 2 neurons x 1000 steps in 0.5 s.
    expect(text).toContain('throughput  4.0 k neuron-updates/s\n');
  });

  test('averages statistics over batch rows', () => {
    const sim = simulation();
    sim.batchSize = 2;
    const exc = sim.groups[0]!;
    // Row 1 repeats row 0's spikes.
    const double = (a: Uint32Array) => Uint32Array.from([...a, ...a]);
    exc.spikes = {
      steps: double(exc.spikes.steps),
      indices: double(exc.spikes.indices),
      rows: Uint32Array.from([...exc.spikes.rows.map(() => 0), ...exc.spikes.rows.map(() => 1)]),
    };
    const [stats] = groupStatistics(sim);
    expect(stats!.rate).toBe(100);
    expect(stats!.chi).toBeCloseTo(1, 12);
  });
});
