import type { Backend, Kernel } from '@synapticflow/core/backend';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { TfjsKernel } from '../src/tfjs-kernel.js';

// tfjs prints a banner recommending tfjs-node the first time tfjs-cpu runs in Node; tests do not need it.
tf.env().set('PROD', true);

/** A backend that remembers the kernels it creates, so tests can inspect them. */
export function capturing(backend: Backend): { backend: Backend; kernels: TfjsKernel[] } {
  const kernels: TfjsKernel[] = [];
  const wrapped: Backend = {
    specificationVersion: 'v1',
    name: backend.name,
    dtypes: backend.dtypes,
    get synchronousReads() {
      return backend.synchronousReads;
    },
    get synchronousRuns() {
      return backend.synchronousRuns;
    },
    createKernel(request): Kernel {
      const kernel = backend.createKernel(request);
      kernels.push(kernel as TfjsKernel);
      return kernel;
    },
  };
  return { backend: wrapped, kernels };
}

/**
 * Registers tfjs-cpu's kernels under another backend name, e.g. "webgl": a stand-in, in Node, for a GPU
 * backend, so the code paths for backends without synchronous reads can be tested. Returns the cleanup.
 */
export function registerStandIn(name: string): () => void {
  tf.registerBackend(name, () => new MathBackendCPU(), 0);
  for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: name });
  return () => {
    for (const kernel of tf.getKernelsForBackend(name)) tf.unregisterKernel(kernel.kernelName, name);
    tf.removeBackend(name);
  };
}

/** Requires every optional environment (a skip then fails), as .ci/run does. */
export const REQUIRE_ALL = process.env.SYNAPTICFLOW_REQUIRE_ALL === '1';
