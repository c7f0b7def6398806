import { describeConformance } from '@synapticflow/conformance';
import { describe, test } from 'vitest';
import { gpujsBackend } from './index.js';

// Node has no GL here (gpu.js's optional headless-gl is not built): `gpu` runs gpu.js's WebAssembly
// kernel and `cpu` its JavaScript kernel. The WebGL2 kernel runs the same cases in src/browser.
for (const mode of ['gpu', 'cpu'] as const) {
  describeConformance(
    { describe, test },
    { label: `gpujs ${mode} float32`, createBackend: () => gpujsBackend({ mode }), dtype: 'float32' },
    { models: false },
  );
}
