import { BackendError } from '@synapticflow/core';
import type { Backend, KernelRequest } from '@synapticflow/core/backend';
import * as tfCore from '@tensorflow/tfjs-core';
// Registers tfjs-backend-cpu, the default engine (and the only one that needs no setup in Node).
import '@tensorflow/tfjs-backend-cpu';
import { ActiveBackend } from './active-backend.js';
import type { TfjsNamespace } from './tf-namespace.js';
import { TfjsKernel } from './tfjs-kernel.js';

/** Options of `tfjsBackend`: the tfjs namespace, the tfjs backend to run on, and the fused kernel. */
export interface TfjsBackendOptions {
  /** The TensorFlow.js namespace to use (default: `@tensorflow/tfjs-core`, with tfjs-backend-cpu registered). */
  tf?: TfjsNamespace;
  /**
   * The tfjs backend to run on, e.g. "wasm", "webgl", "webgpu", "tensorflow" (tfjs-node). Default: whatever
   * tfjs has active. tfjs has one active backend per process; naming one makes it active.
   */
  backendName?: string;
  /**
   * On tfjs-cpu, run each `run` as one kernel generated from the step program and registered with tfjs
   * (default true). false: one tfjs kernel per operation, as on every other tfjs backend.
   */
  fused?: boolean;
}

/** The TensorFlow.js backend, with the tfjs namespace and backend it runs on. */
export interface TfjsBackend extends Backend {
  readonly tf: TfjsNamespace;
  /** The tfjs backend asked for, or undefined for "whatever tfjs has active". */
  readonly backendName: string | undefined;
  /** Waits until the tfjs backend is initialized (wasm, webgl and webgpu initialize asynchronously). */
  ready(): Promise<void>;
}

/**
 * The TensorFlow.js backend: compiles step programs into tfjs kernels over [batchSize, n] state tensors —
 * on tfjs-cpu one fused kernel per run, elsewhere one kernel per operation. float32 only. Reads (and so runs that record) are synchronous on cpu, wasm and tfjs-node; on webgl and
 * webgpu use `await population.read(name)` and `runAsync`.
 */
export function tfjsBackend(options: TfjsBackendOptions = {}): TfjsBackend {
  const tf = options.tf ?? (tfCore as TfjsNamespace);
  const active = new ActiveBackend(tf, options.backendName);
  return {
    specificationVersion: 'v1',
    name: 'tfjs',
    dtypes: ['float32'],
    supportsThreads: false,
    get synchronousReads() {
      return active.canReadSync();
    },
    // A run that records must read; where reads are asynchronous, so is such a run.
    get synchronousRuns() {
      return active.canReadSync();
    },
    tf,
    backendName: options.backendName,
    async ready() {
      if (options.backendName === undefined) return tf.ready();
      if (!(await tf.setBackend(options.backendName))) {
        throw new BackendError(`tfjs backend "${options.backendName}" failed to initialize`);
      }
    },
    createKernel: (request: KernelRequest) => {
      if (request.dtype !== 'float32') {
        throw new BackendError(`tfjs backend computes in float32 only; got dtype ${request.dtype}`);
      }
      return new TfjsKernel(request, active, { fused: options.fused ?? true });
    },
  };
}
