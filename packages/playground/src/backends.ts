import { gpujsBackend } from '@synapticflow/backend-gpujs';
import { jsBackend } from '@synapticflow/backend-js';
import { tfjsBackend } from '@synapticflow/backend-tfjs';
import { wasmBackend } from '@synapticflow/backend-wasm';
import type { Backend, Dtype } from '@synapticflow/core';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-backend-cpu comes with the tfjs backend; webgl is registered here.
import '@tensorflow/tfjs-backend-webgl';
import type { BackendChoice } from './page-state.js';

/** Threads for js and wasm: Web Workers need SharedArrayBuffer, which only a cross-origin isolated page has. */
export function threadCount(): number {
  if (!globalThis.crossOriginIsolated) return 1;
  return Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2));
}

/** The backend a choice names; js and wasm split neurons over `threads` Web Workers (where the page is isolated). */
export function createBackend(choice: BackendChoice, threads = threadCount()): Backend {
  const threaded = threads > 1 ? { threads, minUpdatesForThreads: 1 } : {};
  switch (choice) {
    case 'js':
      return jsBackend(threaded);
    case 'wasm':
      return wasmBackend(threaded);
    case 'tfjs-cpu':
      return tfjsBackend({ tf, backendName: 'cpu' });
    case 'tfjs-webgl':
      return tfjsBackend({ tf, backendName: 'webgl' });
    case 'gpujs':
      return gpujsBackend({ mode: 'webgl2' });
  }
}

/** The dtypes a backend offers (float32 only on the GPU ones). */
export function dtypesOf(choice: BackendChoice): readonly Dtype[] {
  return createBackend(choice).dtypes;
}
