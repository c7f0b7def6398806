import { describeConformance } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { tfjsBackend } from './index.js';
import '../test/backends.js';

describeConformance(
  { describe, test },
  {
    label: 'tfjs-cpu float32, fused kernel',
    createBackend: () => tfjsBackend({ backendName: 'cpu' }),
    dtype: 'float32',
  },
  { models: false },
);

describeConformance(
  { describe, test },
  {
    label: 'tfjs-cpu float32, op by op',
    createBackend: () => tfjsBackend({ backendName: 'cpu', fused: false }),
    dtype: 'float32',
  },
  { models: false },
);
