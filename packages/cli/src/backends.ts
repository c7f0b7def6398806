import { gpujsBackend } from '@synapticflow/backend-gpujs';
import { jsBackend } from '@synapticflow/backend-js';
import { tfjsBackend } from '@synapticflow/backend-tfjs';
import { wasmBackend } from '@synapticflow/backend-wasm';
import type { ConformanceColumn } from '@synapticflow/conformance';
import { type Backend, BackendError } from '@synapticflow/core';

/** A backend the CLI can run by name, and the configurations the conformance matrix checks separately. */
export interface BackendEntry {
  create(): Backend;
  columns(): ConformanceColumn[];
}

/** Every configuration of a backend worth its own column: one per dtype it declares. */
function dtypeColumns(label: string, create: () => Backend): ConformanceColumn[] {
  return create().dtypes.map((dtype) => ({ label: `${label} ${dtype}`, createBackend: create, dtype }));
}

/** Backends by the name `--backend` and `--backends` take. */
export const BACKENDS: Readonly<Record<string, BackendEntry>> = {
  js: { create: () => jsBackend(), columns: () => dtypeColumns('js', () => jsBackend()) },
  wasm: { create: () => wasmBackend(), columns: () => dtypeColumns('wasm', () => wasmBackend()) },
  tfjs: { create: () => tfjsBackend(), columns: () => dtypeColumns('tfjs-cpu', () => tfjsBackend()) },
  // In Node gpu.js's `gpu` mode runs its WebAssembly kernel (no headless-gl); `cpu` is its JavaScript kernel.
  gpujs: {
    create: () => gpujsBackend(),
    columns: () => [
      ...dtypeColumns('gpujs gpu', () => gpujsBackend({ mode: 'gpu' })),
      ...dtypeColumns('gpujs cpu', () => gpujsBackend({ mode: 'cpu' })),
    ],
  },
};

export const BACKEND_NAMES: readonly string[] = Object.keys(BACKENDS);

export function createBackend(name: string): Backend {
  return backendEntry(name).create();
}

export function backendEntry(name: string): BackendEntry {
  if (!Object.hasOwn(BACKENDS, name)) {
    throw new BackendError(`unknown backend ${JSON.stringify(name)}; available: ${BACKEND_NAMES.join(', ')}`);
  }
  return BACKENDS[name]!;
}
