import {
  describeAfterSpikeOnSpikes,
  describeBrian2NetworkAgreement,
  describeNetworkConformance,
  NETWORK_CASES,
} from '@synapticflow/conformance';
import { Network } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from './index.js';

// Threads split even the suite's small populations (minUpdatesForThreads 0, columnAlign 1), and with them the
// delivery of the cases whose projections have one delay each (split by target).
const TARGETS = [1, 2, 3].flatMap((threads) =>
  (['float32', 'float64'] as const).map((dtype) => ({
    label: `wasm ${dtype}${threads > 1 ? `, ${threads} threads` : ''}`,
    createBackend: () =>
      threads > 1 ? wasmBackend({ threads, minUpdatesForThreads: 0, columnAlign: 1 }) : wasmBackend(),
    dtype,
  })),
);

/**
 * The fast mode runs the whole suite unchanged: the schedule cases' neurons never divide (exact in binary),
 * and the small CUBA cases compare state within their tolerance (1e-9 mV in float64, 1e-3 in float32) and
 * spikes exactly. Against Brian2 the float64 assertions hold too: a rewritten division moves v by ~1e-14 mV,
 * where Brian2 keeps every CUBA spike under 1e-6 mV perturbations.
 */
const FAST_TARGETS = [
  ...(['float32', 'float64'] as const).map((dtype) => ({
    label: `wasm ${dtype}, fast`,
    createBackend: () => wasmBackend({ precision: 'fast' }),
    dtype,
  })),
  {
    label: 'wasm float64, fast, 2 threads',
    createBackend: () =>
      wasmBackend({ precision: 'fast', threads: 2, minUpdatesForThreads: 0, columnAlign: 1 }),
    dtype: 'float64' as const,
  },
];

// CUBA runs 40 million neuron updates; on two threads splitting every step it takes tens of seconds.
const slowTest = Object.assign((name: string, body: () => Promise<void>) => test(name, body, 300_000), {
  skip: test.skip,
});

for (const target of [...TARGETS, ...FAST_TARGETS]) {
  describeNetworkConformance({ describe, test }, target);
  describeAfterSpikeOnSpikes({ describe, test }, target);
  if (target.label.includes('3 threads')) continue;
  // CUBA (40 million neuron updates) on two threads in float64 only, where it must match Brian2 spike for spike.
  const cuba = !target.label.includes('threads') || target.dtype === 'float64';
  describeBrian2NetworkAgreement({ describe, test: slowTest }, target, {
    scenarios: cuba ? ['feedforward', 'cuba'] : ['feedforward'],
  });
}

test('float64: the fast mode changes the CUBA cases (within their tolerance), not the counter cases', async () => {
  const changed: string[] = [];
  for (const testCase of NETWORK_CASES) {
    const record = (precision: 'exact' | 'fast') =>
      testCase.record(
        (options) => new Network({ backend: wasmBackend({ precision }), dtype: 'float64', ...options }),
        'float64',
      );
    const [exact, fast] = [await record('exact'), await record('fast')];
    const differs = Object.keys(exact).some((name) =>
      Array.from(exact[name]!).some((value, q) => !Object.is(value, fast[name]![q])),
    );
    if (differs) changed.push(testCase.id);
  }
  expect(changed).toEqual([
    'network.reset-repeats',
    'network.split-runs',
    'network.batch-rows',
    'network.batch-rows-one-delay',
  ]);
});
