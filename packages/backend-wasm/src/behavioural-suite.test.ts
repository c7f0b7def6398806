import { describeBackendSuite } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { wasmBackend } from './index.js';

for (const dtype of ['float32', 'float64'] as const) {
  describeBackendSuite(
    { describe, test },
    { label: `wasm ${dtype}`, createBackend: () => wasmBackend(), dtype },
  );
}
