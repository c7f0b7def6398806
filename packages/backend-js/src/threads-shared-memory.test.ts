import { BackendError, ELIFPopulation } from '@synapticflow/core';
import { afterEach, expect, test, vi } from 'vitest';
import { jsBackend } from './index.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

// Browsers hide SharedArrayBuffer on pages that are not cross-origin isolated.
test('threads without SharedArrayBuffer are a BackendError naming the headers that provide it', () => {
  vi.stubGlobal('SharedArrayBuffer', undefined);
  const create = () => new ELIFPopulation({ n: 1000, backend: jsBackend({ threads: 2 }) });
  expect(create).toThrow(BackendError);
  expect(create).toThrow(
    /js backend: threads need SharedArrayBuffer.*"Cross-Origin-Opener-Policy: same-origin"/,
  );
  expect(new ELIFPopulation({ n: 1000, backend: jsBackend() }).kernelDescription).toBe(
    'js float32 (fused loop)',
  );
});
