import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';

/** One LIF driven over threshold by a spike list through a synapse, and a population it excites. */
const CHAIN = {
  network: {
    dt: 0.1,
    dtype: 'float64',
    steps: 200,
    populations: [
      { name: 'a', model: 'lif', n: 2, params: { refracLength: 0 } },
      { name: 'b', model: 'lif', n: 3, params: { refracLength: 0 } },
    ],
    sources: [
      {
        name: 'cue',
        kind: 'spikes',
        n: 1,
        spikes: [
          [10, 0],
          [50, 0],
        ],
      },
    ],
    projections: [
      {
        source: 'cue',
        target: 'a',
        synapse: { onPre: 'v += w', variables: { w: 20 } },
        connector: { kind: 'all-to-all' },
      },
      {
        source: 'a',
        target: 'b',
        synapse: { onPre: 'v += 5' },
        connector: { kind: 'explicit', i: [0, 1], j: [0, 1] },
        delay: 1,
      },
    ],
    monitors: { spikes: ['a', 'b'], state: [{ population: 'b', vars: ['v'], indices: [0, 2], stride: 100 }] },
  },
};

describe('synapticflow simulate: network scenarios', () => {
  test('runs the network, prints its summary and writes a sparse trace', async () => {
    const dir = tempDirWith({ 'net.json': CHAIN });
    const run = await runCli(['simulate', 'net.json', '--out', 'trace.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'network     2 populations (5 neurons), 1 source, 2 projections (4 synapses,',
    );
    expect(run.stdout).toContain('time        200 steps x dt 0.1 ms = 20 ms\n');
    // Each cue spike (v from -62 by 20 mV, over the -52 mV threshold) makes both "a" neurons spike in the
    // next step: delivery comes after the threshold of the step the cue spikes in.
    expect(run.stdout).toMatch(/\n {2}a +population +2 +4 +100\.00 /);
    expect(run.stdout).toMatch(/\n {2}cue +spikes +1 +2 +100\.00 /);
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
    expect(trace.scenario).toEqual(CHAIN);
    expect(trace.spikes.a).toEqual({ n: 2, steps: [11, 11, 51, 51], indices: [0, 1, 0, 1] });
    expect(Object.keys(trace.spikes)).toEqual(['a', 'b']);
    // "b" neurons 0 and 1 get 5 mV per "a" spike, 10 steps (1 ms) later: below threshold; neuron 2 gets nothing.
    expect(trace.spikes.b.steps).toEqual([]);
    expect(trace.state[0].steps).toEqual([0, 100]);
    expect(trace.state[0].v[0]).toEqual([-62, -62]);
    expect(trace.state[0].v[1][0]).toBeGreaterThan(-62);
    expect(trace.state[0].v[1][1]).toBe(-62);
  });

  test('--dtype applies to the network; population flags are refused', async () => {
    const dir = tempDirWith({ 'net.json': CHAIN });
    const run = await runCli(['simulate', 'net.json', '--dtype', 'float32', '--out', 't.json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')).dtype).toBe('float32');
    const record = await runCli(['simulate', 'net.json', '--record', 'v'], dir);
    expect(record.code).toBe(2);
    expect(record.stderr).toContain('--record applies to single-population scenarios');
    const model = await runCli(['simulate', 'net.json', '--model', 'adex'], dir);
    expect(model.code).toBe(2);
  });

  test('a mistake names its field in the file', async () => {
    const broken = structuredClone(CHAIN);
    (broken.network.projections[1] as Record<string, unknown>).target = 'cue';
    const dir = tempDirWith({ 'net.json': broken });
    const run = await runCli(['simulate', 'net.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'synapticflow: net.json: scenario.network.projections[1].target: "cue" is a spike source; only populations receive synapses (populations: a, b)\n',
    );
  });

  test('a backend without networks is refused with core’s message', async () => {
    const dir = tempDirWith({ 'net.json': CHAIN });
    const run = await runCli(['simulate', 'net.json', '--backend', 'tfjs'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not run networks');
  });
});
