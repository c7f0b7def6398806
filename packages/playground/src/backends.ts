import type { Backend, Dtype } from '@synapticflow/core';
import type { BackendChoice } from './page-state.js';

/** Threads for js and wasm: Web Workers need SharedArrayBuffer, which only a cross-origin isolated page has. */
export function threadCount(): number {
  if (!globalThis.crossOriginIsolated) return 1;
  return Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2));
}

/**
 * The backend a choice names; js and wasm split neurons over `threads` Web Workers (where the page is isolated).
 * Each backend's package (and TensorFlow.js, gpu.js) loads when first chosen, so the page opens without them.
 */
export async function loadBackend(choice: BackendChoice, threads = threadCount()): Promise<Backend> {
  const threaded = threads > 1 ? { threads, minUpdatesForThreads: 1 } : {};
  switch (choice) {
    case 'js':
      return (await import('@synapticflow/backend-js')).jsBackend(threaded);
    case 'wasm':
      return (await import('@synapticflow/backend-wasm')).wasmBackend(threaded);
    case 'tfjs-cpu':
    case 'tfjs-webgl': {
      const [{ tfjsBackend }, tf] = await Promise.all([
        import('@synapticflow/backend-tfjs'),
        import('@tensorflow/tfjs-core'),
        // tfjs-backend-cpu comes with the tfjs backend; webgl is registered here.
        import('@tensorflow/tfjs-backend-webgl'),
      ]);
      return tfjsBackend({ tf, backendName: choice === 'tfjs-cpu' ? 'cpu' : 'webgl' });
    }
    case 'gpujs':
      return (await import('@synapticflow/backend-gpujs')).gpujsBackend({ mode: 'webgl2' });
  }
}

/** The dtypes a backend offers (float32 only on the GPU ones). */
export async function dtypesOf(choice: BackendChoice): Promise<readonly Dtype[]> {
  return (await loadBackend(choice, 1)).dtypes;
}
