import { type Backend, BackendError, type Dtype, type KernelRequest } from '@synapticflow/core';
import { wasmSimdSupported } from './simd-support.js';
import { type RunChunking, WasmKernel } from './wasm-kernel.js';

export { wasmSimdSupported } from './simd-support.js';
export { type RunChunking, WasmKernel } from './wasm-kernel.js';

export interface WasmBackendOptions {
  /** Dtypes to offer (default both); narrowing it is mostly useful in tests. */
  dtypes?: readonly Dtype[];
  /** How long runs are split into calls and input copies; the defaults need no tuning. */
  chunking?: RunChunking;
}

/**
 * The WebAssembly SIMD backend: compiles step programs into f32x4 (float32) or f64x2 (float64) loops over
 * state in linear memory. Needs an engine with wasm SIMD; creating a kernel without it is a BackendError.
 */
export function wasmBackend(options: WasmBackendOptions = {}): Backend {
  return {
    specificationVersion: 'v1',
    name: 'wasm',
    dtypes: options.dtypes ?? ['float32', 'float64'],
    synchronousReads: true,
    createKernel: (request: KernelRequest) => {
      if (!wasmSimdSupported()) {
        throw new BackendError('wasm backend: this engine has no WebAssembly SIMD (128-bit) support');
      }
      return new WasmKernel(request, options.chunking);
    },
  };
}
