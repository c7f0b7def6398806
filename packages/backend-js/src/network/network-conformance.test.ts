import { describeBrian2NetworkAgreement, describeNetworkConformance } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { jsBackend } from '../index.js';

// The shared network cases (hand-computed values and the reference backend) and Brian2's references, on one
// thread and on 3 threads with every population split (CUBA on one thread only: it is the longest run).
for (const dtype of ['float64', 'float32'] as const) {
  const target = { label: `js ${dtype}`, createBackend: () => jsBackend(), dtype };
  describeNetworkConformance({ describe, test }, target);
  describeBrian2NetworkAgreement({ describe, test }, target);
  const threaded = {
    label: `js ${dtype}, 3 threads`,
    createBackend: () => jsBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 1 }),
    dtype,
  };
  describeNetworkConformance({ describe, test }, threaded);
  describeBrian2NetworkAgreement({ describe, test }, threaded, { scenarios: ['feedforward'] });
}
