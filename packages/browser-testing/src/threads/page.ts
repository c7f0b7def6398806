/**
 * The browser side of the threads tests, bundled with esbuild and driven by playwright-core: threaded
 * backend-js and backend-wasm kernels on Web Workers, from a browser's main thread (which may not block).
 */
import { jsBackend } from '@synapticflow/backend-js';
import { wasmBackend } from '@synapticflow/backend-wasm';
import { differingRunKinds, exerciseRunKindsAsync } from '@synapticflow/conformance';
import { type Backend, ELIFPopulation } from '@synapticflow/core';
import type { CaughtError, Dtype, PageApi, ThreadedBackendName } from './page-api.js';
import { runInWorker } from './run-in-worker.js';
import { runSuiteCase } from './suite-case.js';
import { countWorkers } from './worker-count.js';

const workerCount = countWorkers();

const N = 1000; // not a whole number of 64-neuron blocks: the last range is shorter
const BATCH = 2;

const BACKENDS: Record<ThreadedBackendName, (threads: number) => Backend> = {
  js: (threads) => jsBackend(threads === 1 ? {} : { threads, minUpdatesForThreads: 1 }),
  wasm: (threads) => wasmBackend(threads === 1 ? {} : { threads, minUpdatesForThreads: 1 }),
};

function elif(backend: Backend, dtype: Dtype): ELIFPopulation {
  const resetPot = Float64Array.from({ length: N }, (_, j) => -70 + (j % 7)); // a per-neuron parameter
  return new ELIFPopulation({ n: N, batchSize: BATCH, backend, dtype, resetPot });
}

function caught(call: () => unknown): CaughtError | null {
  try {
    call();
    return null;
  } catch (error) {
    const { name, message, code } = error as Error & { code?: string };
    return { name, message, code: code ?? null };
  }
}

function errorText(call: () => unknown): string | null {
  const error = caught(call);
  return error && `${error.name}: ${error.message}`;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

const api: PageApi = {
  environment: () => ({
    crossOriginIsolated: globalThis.crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    waitAsync: typeof (Atomics as { waitAsync?: unknown }).waitAsync === 'function',
  }),
  async compareThreads(name, dtype) {
    const single = elif(BACKENDS[name](1), dtype);
    const expected = await exerciseRunKindsAsync(single);
    single.dispose();
    const before = workerCount();
    const backend = BACKENDS[name](2);
    const population = elif(backend, dtype);
    const description = population.kernelDescription;
    const runError = errorText(() => population.run(1, { input: 1 }));
    const forwardError = errorText(() => population.forward(1));
    const actual = await exerciseRunKindsAsync(population);
    population.dispose();
    const after = workerCount();
    return {
      description,
      synchronousRuns: backend.synchronousRuns,
      runError,
      forwardError,
      differing: differingRunKinds(expected, actual),
      compared: Object.keys(expected),
      values: Object.values(actual).reduce((total, values) => total + values.length, 0),
      spikes: sum(actual.spikes!) + sum(actual.perNeuronSpikes!) + sum(actual.callbackSpikes!),
      workers: {
        started: after.started - before.started,
        fromBlob: after.fromBlob - before.fromBlob,
        terminated: after.terminated - before.terminated,
      },
    };
  },
  threadedCreationError: (name) => caught(() => elif(BACKENDS[name](2), 'float32').dispose()),
  runSuiteCase,
  runInWorker,
};

(window as unknown as { synapticflowThreads: PageApi }).synapticflowThreads = api;
