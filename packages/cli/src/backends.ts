import { jsBackend } from '@synapticflow/backend-js';
import { type Backend, BackendError } from '@synapticflow/core';

/** Backends the CLI can run, by the name `--backend` takes; tfjs and gpujs join here when their packages exist. */
export const BACKENDS: Readonly<Record<string, () => Backend>> = {
  js: () => jsBackend(),
};

export const BACKEND_NAMES: readonly string[] = Object.keys(BACKENDS);

export function createBackend(name: string): Backend {
  if (!Object.hasOwn(BACKENDS, name)) {
    throw new BackendError(`unknown backend ${JSON.stringify(name)}; available: ${BACKEND_NAMES.join(', ')}`);
  }
  return BACKENDS[name]!();
}
