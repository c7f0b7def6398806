import { describeBackendSuite } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { tfjsBackend } from './index.js';
import './testing/backends.js';

describeBackendSuite(
  { describe, test },
  { label: 'tfjs-cpu float32', createBackend: () => tfjsBackend({ backendName: 'cpu' }), dtype: 'float32' },
);
