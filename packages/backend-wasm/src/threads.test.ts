import { describeConformance } from '@synapticflow/conformance';
import { BackendError, ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from './index.js';
import { WasmKernel } from './wasm-kernel.js';

// 12,345 neurons are not whole 64-neuron blocks: the last thread's range ends in row padding.
for (const dtype of ['float32', 'float64'] as const) {
  describeConformance(
    { describe, test },
    { label: 'wasm', createBackend: () => wasmBackend(), dtype },
    {
      suite: false,
      models: false,
      threads: {
        createBackend: (threads) => wasmBackend({ threads, minUpdatesForThreads: 1 }),
        // What wasmBackend builds where the thread may not block.
        createAsyncBackend: () => ({
          ...wasmBackend(),
          synchronousRuns: false,
          createKernel: (request) =>
            new WasmKernel(request, {}, { threads: 2, minUpdatesForThreads: 1, blocking: false }),
        }),
      },
    },
  );
}

describe('threads', () => {
  test('populations too small to split get no workers', () => {
    const small = new ELIFPopulation({ n: 64, backend: wasmBackend({ threads: 2 }) });
    expect(small.kernelDescription).toBe('wasm float32 (f32x4 SIMD, fused loop)');
  });

  test('threads must be a whole number of at least 1', () => {
    expect(() => wasmBackend({ threads: -1 })).toThrow(BackendError);
    expect(() => wasmBackend({ threads: 2.5 })).toThrow(/whole number of at least 1, got 2.5/);
  });
});
