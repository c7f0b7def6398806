import {
  describeAfterSpikeOnSpikes,
  describeBrian2NetworkAgreement,
  describeNetworkConformance,
} from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { jsBackend } from './index.js';

// Threads split even the suite's small populations (minUpdatesForThreads 0, columnAlign 1), and with them the
// delivery of the cases whose projections have one delay each (split by target).
const TARGETS = [1, 2, 3].flatMap((threads) =>
  (['float32', 'float64'] as const).map((dtype) => ({
    label: `js ${dtype}${threads > 1 ? `, ${threads} threads` : ''}`,
    createBackend: () =>
      threads > 1 ? jsBackend({ threads, minUpdatesForThreads: 0, columnAlign: 1 }) : jsBackend(),
    dtype,
  })),
);

/**
 * The float32 fast mode runs the whole suite unchanged: the schedule cases' neurons never divide (exact in
 * binary), the small CUBA cases compare state within their float32 tolerance and spikes exactly, and against
 * Brian2 it keeps to the float32 statistics' tolerances.
 */
const FAST_TARGETS = [1, 2].map((threads) => ({
  label: `js float32, fast${threads > 1 ? `, ${threads} threads` : ''}`,
  createBackend: () =>
    threads > 1
      ? jsBackend({ precision: 'fast', threads, minUpdatesForThreads: 0, columnAlign: 1 })
      : jsBackend({ precision: 'fast' }),
  dtype: 'float32' as const,
}));

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
