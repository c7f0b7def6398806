import { describeConformance } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { jsBackend } from './index.js';

for (const dtype of ['float32', 'float64'] as const) {
  describeConformance(
    { describe, test },
    { label: `js ${dtype}`, createBackend: () => jsBackend(), dtype },
    { models: false },
  );
  // Every run split over threads, however small, so the suite exercises the threaded path.
  describeConformance(
    { describe, test },
    {
      label: `js ${dtype}, 3 threads`,
      createBackend: () => jsBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 1 }),
      dtype,
    },
    { models: false },
  );
}
