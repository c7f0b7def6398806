import { describeBrian2NetworkAgreement, describeNetworkConformance } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { wasmBackend } from './index.js';

// Threads split even the suite's small populations (minUpdatesForThreads 0, columnAlign 1).
const TARGETS = [1, 2].flatMap((threads) =>
  (['float32', 'float64'] as const).map((dtype) => ({
    label: `wasm ${dtype}${threads > 1 ? `, ${threads} threads` : ''}`,
    createBackend: () =>
      threads > 1 ? wasmBackend({ threads, minUpdatesForThreads: 0, columnAlign: 1 }) : wasmBackend(),
    dtype,
  })),
);

for (const target of TARGETS) {
  describeNetworkConformance({ describe, test }, target);
  describeBrian2NetworkAgreement({ describe, test }, target);
}
