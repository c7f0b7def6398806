import { describeConformance } from '@synapticflow/conformance';
import { MODEL_LIBRARY } from '@synapticflow/core';
import { describe, test } from 'vitest';
import { wasmBackend } from './index.js';

const COLUMNS = [
  { label: 'wasm float32', createBackend: () => wasmBackend(), dtype: 'float32' as const },
  { label: 'wasm float64', createBackend: () => wasmBackend(), dtype: 'float64' as const },
  // The fast mode gets no looser bound: every cell must be within the model's own one-step bound.
  {
    label: 'wasm float32, fast',
    createBackend: () => wasmBackend({ precision: 'fast' }),
    dtype: 'float32' as const,
  },
];

for (const column of COLUMNS) {
  describeConformance({ describe, test }, column, { suite: false });
  // Every model of the library, on the generic checks (the ELIF-only rows are N/A for the others).
  describeConformance({ describe, test }, column, {
    suite: false,
    models: Object.values(MODEL_LIBRARY).filter((m) => m.name !== 'elif'),
    effort: 0.5,
  });
}

// The checks' widened populations split over three threads: faults at thread boundaries show in every check.
describeConformance(
  { describe, test },
  {
    label: 'wasm float32, 3 threads',
    createBackend: () => wasmBackend({ threads: 3, minUpdatesForThreads: 0 }),
    dtype: 'float32',
  },
  { suite: false },
);
