import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../model/spec.js';
import { interpreterBackend } from '../../reference/interpreter-backend.js';
import { Network } from '../network.js';

/** v decays towards 0, fires above 1, is reset to 0 and frozen for 2 ms (20 steps at dt 0.1). */
const LEAKY: ModelSpec = {
  name: 'leaky',
  parameters: { refr: { default: 2 } },
  state: { v: { initial: 0 } },
  equations: { v: '-v / 10' },
  threshold: 'v > 1',
  reset: { v: '0' },
  refractory: { period: 'refr', freeze: ['v'] },
};

describe('refractory neurons in a network', () => {
  it('do not spike while refractory, although input lifts them past the threshold (as in Brian2)', () => {
    const net = new Network({ backend: interpreterBackend(), dt: 0.1, dtype: 'float64' });
    const kicks: [number, number][] = [];
    for (let step = 0; step < 50; step += 3) kicks.push([step, 0]);
    const source = net.spikeSource({ n: 1, spikes: kicks });
    const cell = net.population(LEAKY, { n: 1 });
    net.connect(source, cell, { synapse: { onPre: 'v += w' }, connector: { kind: 'one-to-one' }, w: 5 });
    const spikes = net.spikeMonitor(cell);
    net.run({ steps: 50 });
    // The kick of step 0 fires the cell at step 1. Kicks at 3 … 21 pile up on the frozen v (the threshold
    // ignores them); the first step that integrates again, 22, fires; likewise 43.
    expect([...spikes.steps]).toEqual([1, 22, 43]);
  });

  it('have no spike traces unless asked for', () => {
    const net = new Network({ backend: interpreterBackend(), dt: 0.1, dtype: 'float64' });
    const plain = net.population(LEAKY, { n: 1, name: 'plain' });
    const traced = net.population(LEAKY, { n: 1, name: 'traced', spikeTrace: true });
    net.run({ steps: 1 });
    expect(() => net.state(plain, 'traces')).toThrow(/traces/);
    expect(net.state(traced, 'traces')).toHaveLength(1);
  });
});
