import { gpujsBackend } from '@synapticflow/backend-gpujs';
import { jsBackend } from '@synapticflow/backend-js';
import { tfjsBackend } from '@synapticflow/backend-tfjs';
import { wasmBackend } from '@synapticflow/backend-wasm';
import type { ConformanceColumn } from '@synapticflow/conformance';
import { type Backend, BackendError } from '@synapticflow/core';

/** A backend the CLI can run by name, and the configurations the conformance matrix checks separately. */
export interface BackendEntry {
  /** Whether `threads` above 1 splits its work over threads. */
  readonly threaded: boolean;
  create(threads?: number): Backend;
  columns(threads?: number): ConformanceColumn[];
}

/** Every configuration of a backend worth its own column: one per dtype it declares. */
function dtypeColumns(label: string, create: () => Backend): ConformanceColumn[] {
  return create().dtypes.map((dtype) => ({ label: `${label} ${dtype}`, createBackend: create, dtype }));
}

/** A backend with a `threads` option: columns say how many threads they use, where more than one. */
function threadedEntry(name: string, make: (options: { threads: number }) => Backend): BackendEntry {
  return {
    threaded: true,
    create: (threads = 1) => make({ threads }),
    columns: (threads = 1) => {
      const columns = dtypeColumns(name, () => make({ threads }));
      return threads > 1 ? columns.map((c) => ({ ...c, label: `${c.label}, ${threads} threads` })) : columns;
    },
  };
}

/** A backend without threads; asking it for more than one is an error that names the backends that have them. */
function singleThreadEntry(
  name: string,
  create: () => Backend,
  columns: () => ConformanceColumn[],
): BackendEntry {
  const refuse = (threads: number) => {
    if (threads > 1) {
      throw new BackendError(
        `backend "${name}" has no threads option; threads > 1 work on: ${THREADED_BACKEND_NAMES.join(', ')}`,
      );
    }
  };
  return {
    threaded: false,
    create: (threads = 1) => {
      refuse(threads);
      return create();
    },
    columns: (threads = 1) => {
      refuse(threads);
      return columns();
    },
  };
}

/** Backends by the name `--backend` and `--backends` take. */
export const BACKENDS: Readonly<Record<string, BackendEntry>> = {
  js: threadedEntry('js', jsBackend),
  wasm: threadedEntry('wasm', wasmBackend),
  tfjs: singleThreadEntry(
    'tfjs',
    () => tfjsBackend(),
    () => dtypeColumns('tfjs-cpu', () => tfjsBackend()),
  ),
  // In Node gpu.js's `gpu` mode runs its WebAssembly kernel (no headless-gl); `cpu` is its JavaScript kernel.
  gpujs: singleThreadEntry(
    'gpujs',
    () => gpujsBackend(),
    () => [
      ...dtypeColumns('gpujs gpu', () => gpujsBackend({ mode: 'gpu' })),
      ...dtypeColumns('gpujs cpu', () => gpujsBackend({ mode: 'cpu' })),
    ],
  ),
};

export const BACKEND_NAMES: readonly string[] = Object.keys(BACKENDS);
/** The backends with a `threads` option. */
export const THREADED_BACKEND_NAMES: readonly string[] = BACKEND_NAMES.filter(
  (name) => BACKENDS[name]!.threaded,
);

export function createBackend(name: string, threads = 1): Backend {
  return backendEntry(name).create(threads);
}

export function backendEntry(name: string): BackendEntry {
  if (!Object.hasOwn(BACKENDS, name)) {
    throw new BackendError(`unknown backend ${JSON.stringify(name)}; available: ${BACKEND_NAMES.join(', ')}`);
  }
  return BACKENDS[name]!;
}
