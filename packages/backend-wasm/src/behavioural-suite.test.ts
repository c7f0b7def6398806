import { describeBackendSuite } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { wasmBackend } from './index.js';

for (const dtype of ['float32', 'float64'] as const) {
  describeBackendSuite(
    { describe, test },
    { label: `wasm ${dtype}`, createBackend: () => wasmBackend(), dtype },
  );
  // Every call split over threads a vector apiece, however small, so the suite exercises the threaded path.
  describeBackendSuite(
    { describe, test },
    {
      label: `wasm ${dtype}, 3 threads`,
      createBackend: () => wasmBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 1 }),
      dtype,
    },
  );
}
