import { jsBackend } from '@synapticflow/backend-js';
import { wasmBackend } from '@synapticflow/backend-wasm';
import { type ConformanceTarget, runCase, SUITE_CASES } from '@synapticflow/conformance';
import type { Backend } from '@synapticflow/core';
import type { Dtype, ThreadedBackendName } from './page-api.js';

/** Every run split over three threads, however small, as in the backends' own suite tests in Node. */
export const SUITE_BACKENDS: Readonly<Record<ThreadedBackendName, () => Backend>> = {
  js: () => jsBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 1 }),
  wasm: () => wasmBackend({ threads: 3, minUpdatesForThreads: 0, columnAlign: 1 }),
};

export function suiteTarget(backend: ThreadedBackendName, dtype: Dtype): ConformanceTarget {
  return { label: `${backend} ${dtype}, 3 threads`, createBackend: SUITE_BACKENDS[backend], dtype };
}

/** Runs one case of the shared suite; resolves to null, or the failure as `Name: message`. */
export async function runSuiteCase(
  backend: ThreadedBackendName,
  id: string,
  dtype: Dtype,
): Promise<string | null> {
  const testCase = SUITE_CASES.find((c) => c.id === id);
  if (!testCase) return `no suite case "${id}"`;
  try {
    await runCase(testCase, suiteTarget(backend, dtype));
    return null;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}
