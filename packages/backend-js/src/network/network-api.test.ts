import { type Backend, type Dtype, IZHIKEVICH_MODEL, LIF_MODEL, Network, uniform } from '@synapticflow/core';
import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test } from 'vitest';
import { jsBackend } from '../index.js';

/** A small recurrent network built with the user API; returns every spike and v of a few neurons. */
function simulate(backend: Backend, dtype: Dtype, batchSize: number) {
  const net = new Network({ backend, dt: 0.1, dtype, batchSize });
  const exc = net.population(LIF_MODEL, {
    n: 60,
    name: 'exc',
    init: { v: uniform(-62, -53, { seed: 1 }) },
    input: Array.from({ length: 60 }, (_, j) => 0.4 + (j % 4) * 0.05),
  });
  const inh = net.population(IZHIKEVICH_MODEL, { n: 20, name: 'inh', input: 4 });
  const noise = net.poissonSource({ n: 30, rate: 200, seed: 3 });
  net.connect(exc, [exc, inh], {
    synapse: { onPre: 'v += w' },
    connector: { kind: 'fixed-probability', probability: 0.1, seed: 7 },
    w: '0.5 + rand()',
    delay: '0.3 * rand()',
    seed: 11,
  });
  net.connect(inh, exc, {
    synapse: { onPre: 'v -= w' },
    connector: { kind: 'fixed-in-degree', inDegree: 5, seed: 8 },
    w: 1,
  });
  net.connect(noise, exc, {
    synapse: { onPre: 'v += w' },
    connector: { kind: 'all-to-all' },
    w: 0.3,
    delay: 0.5,
  });
  const spikes = net.spikeMonitor([exc, inh]);
  const vm = net.stateMonitor(exc, ['v'], { indices: [0, 1, 2, 30, 59] });
  net.run(20);
  net.run(10);
  const result = {
    steps: [...spikes.steps],
    groups: [...spikes.groups],
    rows: [...spikes.rows],
    indices: [...spikes.indices],
    v: [...vm.values('v')],
    u: [...net.state(inh, 'u')],
  };
  net.dispose();
  return result;
}

describe('a network on the js backend, through the user API', () => {
  const cases = (['float64', 'float32'] as Dtype[]).flatMap((dtype) =>
    [1, 2].map((batchSize) => ({ dtype, batchSize })),
  );

  test.each(cases)(
    'equals the reference backend bit for bit ($dtype, batch $batchSize)',
    ({ dtype, batchSize }) => {
      const js = simulate(jsBackend(), dtype, batchSize);
      expect(js.groups.filter((g) => g === 0).length).toBeGreaterThan(50);
      expect(js.groups.filter((g) => g === 1).length).toBeGreaterThan(5);
      expect(js).toEqual(simulate(interpreterBackend(), dtype, batchSize));
    },
  );

  test('on 2 threads equals one thread bit for bit', () => {
    const threads = jsBackend({ threads: 2, minUpdatesForThreads: 0, columnAlign: 1 });
    expect(simulate(threads, 'float32', 2)).toEqual(simulate(jsBackend(), 'float32', 2));
  });
});
