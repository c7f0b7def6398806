import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Backend } from '@synapticflow/core';
import { FileError } from './errors.js';

/** A backend from a user's module: its name, dtypes and a way to make a fresh one. */
export interface ModuleBackend {
  name: string;
  dtypes: Backend['dtypes'];
  create: () => Backend;
}

/**
 * Loads a module whose default export (or `backend` / `createBackend` export) is a backend or a function
 * that returns one. The module's own imports resolve from its folder, so a missing package is named there.
 */
export async function loadBackendModule(path: string, cwd: string): Promise<ModuleBackend> {
  const file = resolve(cwd, path);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const message = (error as Error).message;
    const missing = /Cannot find package '([^']+)'/.exec(message)?.[1];
    const hint =
      missing === undefined
        ? ''
        : `; install ${missing} in the module's project (npm install ${missing}), since Node resolves the ` +
          `module's imports from its own folder`;
    throw new FileError(`cannot load backend module "${path}": ${message}${hint}`);
  }
  const exported = module.default ?? module.createBackend ?? module.backend;
  const create = typeof exported === 'function' ? (exported as () => Backend) : () => exported as Backend;
  const backend = create();
  if (!backend || typeof backend.createKernel !== 'function' || !Array.isArray(backend.dtypes)) {
    throw new FileError(
      `backend module "${path}" must export (as default, "backend" or "createBackend") a backend or a function returning one`,
    );
  }
  return { name: backend.name, dtypes: backend.dtypes, create };
}
