import { describeConformance } from '@synapticflow/conformance';
import { BackendError, ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';
import { JsKernel } from './js-kernel.js';

for (const dtype of ['float32', 'float64'] as const) {
  describeConformance(
    { describe, test },
    { label: 'js', createBackend: () => jsBackend(), dtype },
    {
      suite: false,
      models: false,
      threads: {
        createBackend: (threads) => jsBackend({ threads, minUpdatesForThreads: 1 }),
        // What jsBackend builds where the thread may not block.
        createAsyncBackend: () => ({
          ...jsBackend(),
          synchronousRuns: false,
          createKernel: (request) =>
            new JsKernel(request, { threads: 2, minUpdatesForThreads: 1, blocking: false }),
        }),
      },
    },
  );
}

describe('threads', () => {
  test('populations too small to split get no workers', () => {
    const small = new ELIFPopulation({ n: 64, backend: jsBackend({ threads: 2 }) });
    expect(small.kernelDescription).toBe('js float32 (fused loop)');
  });

  test('threads must be a whole number of at least 1', () => {
    expect(() => jsBackend({ threads: 0 })).toThrow(BackendError);
    expect(() => jsBackend({ threads: 1.5 })).toThrow(/whole number of at least 1, got 1.5/);
  });
});
