import type { ConformanceColumn } from '@synapticflow/conformance';
import { type Backend, BackendError } from '@synapticflow/core';
import { MissingBackendError } from './errors.js';

type GpujsModule = typeof import('@synapticflow/backend-gpujs');
type JsModule = typeof import('@synapticflow/backend-js');
type TfjsModule = typeof import('@synapticflow/backend-tfjs');
type WasmModule = typeof import('@synapticflow/backend-wasm');

/** How the CLI imports a backend package; replaceable so tests can simulate one that is not installed. */
export type PackageImporter = (packageName: string) => Promise<unknown>;
let importPackage: PackageImporter = (packageName) => import(packageName);

/** Sets how backend packages are imported and returns the importer it replaces. */
export function setPackageImporter(importer: PackageImporter): PackageImporter {
  const previous = importPackage;
  importPackage = importer;
  return previous;
}

/** A backend by the name `--backend` takes, and the package it comes from (imported on first use). */
export interface BackendEntry {
  readonly packageName: string;
  /** The packages to install for it where the CLI's default install lacks them; empty for built-in ones. */
  readonly optionalPackages: readonly string[];
  /** Whether the backend declares `supportsThreads`, i.e. `threads` above 1 splits its work over threads. */
  supportsThreads(): Promise<boolean>;
  create(threads?: number): Promise<Backend>;
  /** The configurations the conformance matrix checks separately. */
  /** `minUpdatesForThreads` 0 splits even small populations, so that "2 threads" means two. */
  columns(threads?: number, threadOptions?: ThreadOptions): Promise<ConformanceColumn[]>;
}

/** Options for threaded backends beyond the thread count. */
export interface ThreadOptions {
  readonly minUpdatesForThreads?: number;
}

/** Every configuration of a backend worth its own column: one per dtype it declares. */
function dtypeColumns(label: string, create: () => Backend): ConformanceColumn[] {
  return create().dtypes.map((dtype) => ({ label: `${label} ${dtype}`, createBackend: create, dtype }));
}

interface BackendDefinition<Module> {
  readonly packageName: string;
  readonly optionalPackages: readonly string[];
  create(module: Module, threads: number): Backend;
  /** Columns before any threads label; `create` as above. */
  columns(module: Module, threads: number, threadOptions?: ThreadOptions): ConformanceColumn[];
}

function entry<Module>(name: string, definition: BackendDefinition<Module>): BackendEntry {
  // One import per importer; a failed one is retried, so installing the package mid-process helps.
  let loading: { importer: PackageImporter; module: Promise<Module> } | undefined;
  const load = () => {
    if (loading?.importer !== importPackage) {
      const module = importBackendPackage<Module>(name, definition.packageName, definition.optionalPackages);
      loading = { importer: importPackage, module };
      module.catch(() => {
        if (loading?.module === module) loading = undefined;
      });
    }
    return loading.module;
  };
  const supportsThreads = async () => definition.create(await load(), 1).supportsThreads === true;
  const refuseThreads = async (threads: number) => {
    if (threads > 1 && !(await supportsThreads())) {
      const threaded = (await threadedBackendNames()).join(', ');
      throw new BackendError(`backend "${name}" has no threads option; threads > 1 work on: ${threaded}`);
    }
  };
  return {
    packageName: definition.packageName,
    optionalPackages: definition.optionalPackages,
    supportsThreads,
    create: async (threads = 1) => {
      await refuseThreads(threads);
      return definition.create(await load(), threads);
    },
    columns: async (threads = 1, threadOptions?: ThreadOptions) => {
      await refuseThreads(threads);
      const columns = definition.columns(await load(), threads, threadOptions);
      return threads > 1 ? columns.map((c) => ({ ...c, label: `${c.label}, ${threads} threads` })) : columns;
    },
  };
}

async function importBackendPackage<Module>(
  name: string,
  packageName: string,
  optionalPackages: readonly string[],
): Promise<Module> {
  try {
    return (await importPackage(packageName)) as Module;
  } catch (error) {
    const notFound = (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
    if (notFound && optionalPackages.length > 0) throw new MissingBackendError(name, optionalPackages);
    throw error;
  }
}

/** Backends by the name `--backend` and `--backends` take. */
export const BACKENDS: Readonly<Record<string, BackendEntry>> = {
  js: entry<JsModule>('js', {
    packageName: '@synapticflow/backend-js',
    optionalPackages: [],
    create: (module, threads) => module.jsBackend({ threads }),
    columns: (module, threads, threadOptions) => [
      ...dtypeColumns('js', () => module.jsBackend({ threads, ...threadOptions })),
      // The opt-in fast float32 arithmetic, measured and checked next to the exact columns.
      {
        label: 'js float32, fast',
        createBackend: () => module.jsBackend({ threads, ...threadOptions, precision: 'fast' }),
        dtype: 'float32',
      },
    ],
  }),
  wasm: entry<WasmModule>('wasm', {
    packageName: '@synapticflow/backend-wasm',
    optionalPackages: [],
    create: (module, threads) => module.wasmBackend({ threads }),
    columns: (module, threads, threadOptions) => [
      ...dtypeColumns('wasm', () => module.wasmBackend({ threads, ...threadOptions })),
      // The opt-in fast arithmetic, measured and checked next to the exact columns.
      ...(['float32', 'float64'] as const).map((dtype) => ({
        label: `wasm ${dtype}, fast`,
        createBackend: () => module.wasmBackend({ threads, ...threadOptions, precision: 'fast' }),
        dtype,
      })),
    ],
  }),
  tfjs: entry<TfjsModule>('tfjs', {
    packageName: '@synapticflow/backend-tfjs',
    optionalPackages: ['@synapticflow/backend-tfjs', '@tensorflow/tfjs-core'],
    create: (module) => module.tfjsBackend(),
    columns: (module) => dtypeColumns('tfjs-cpu', () => module.tfjsBackend()),
  }),
  // In Node gpu.js's `gpu` mode runs its WebAssembly kernel (no headless-gl); `cpu` is its JavaScript kernel.
  gpujs: entry<GpujsModule>('gpujs', {
    packageName: '@synapticflow/backend-gpujs',
    optionalPackages: ['@synapticflow/backend-gpujs'],
    create: (module) => module.gpujsBackend(),
    columns: (module) => [
      ...dtypeColumns('gpujs gpu', () => module.gpujsBackend({ mode: 'gpu' })),
      ...dtypeColumns('gpujs cpu', () => module.gpujsBackend({ mode: 'cpu' })),
    ],
  }),
};

/** The names `--backend` takes. */
export const BACKEND_NAMES: readonly string[] = Object.keys(BACKENDS);

/** The installed backends that declare `supportsThreads`. */
export async function threadedBackendNames(): Promise<string[]> {
  const names: string[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      if (await BACKENDS[name]!.supportsThreads()) names.push(name);
    } catch (error) {
      if (!(error instanceof MissingBackendError)) throw error;
    }
  }
  return names;
}

/** Creates the backend of that name with `threads` threads; a missing optional backend package is a `MissingBackendError`. */
export function createBackend(name: string, threads = 1): Promise<Backend> {
  return backendEntry(name).create(threads);
}

export function backendEntry(name: string): BackendEntry {
  if (!Object.hasOwn(BACKENDS, name)) {
    throw new BackendError(`unknown backend ${JSON.stringify(name)}; available: ${BACKEND_NAMES.join(', ')}`);
  }
  return BACKENDS[name]!;
}
