import { describeConformance } from '@synapticflow/conformance';
import { MODEL_LIBRARY } from '@synapticflow/core';
import { describe, test } from 'vitest';
import { wasmBackend } from './index.js';

const COLUMNS = [
  { label: 'wasm float32', createBackend: () => wasmBackend(), dtype: 'float32' as const },
  { label: 'wasm float64', createBackend: () => wasmBackend(), dtype: 'float64' as const },
];

describeConformance({ describe, test }, { backends: COLUMNS });

// Every model of the library, on the generic checks (the ELIF-only rows are N/A for the others).
describeConformance(
  { describe, test },
  { backends: COLUMNS, models: Object.values(MODEL_LIBRARY).filter((m) => m.name !== 'elif'), effort: 0.5 },
);
