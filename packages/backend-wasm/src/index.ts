import { BackendError } from '@synapticflow/core';
import {
  type Backend,
  type Dtype,
  type KernelRequest,
  type NetworkPlan,
  resolveThreads,
} from '@synapticflow/core/backend';
import type { Precision } from './emit-expression.js';
import { createWasmNetworkKernel } from './network/wasm-network-kernel.js';
import { wasmSimdSupported } from './simd-support.js';
import { type RunChunking, WasmKernel } from './wasm-kernel.js';

export type { Precision } from './emit-expression.js';
export { createWasmNetworkKernel } from './network/wasm-network-kernel.js';
export { createWasmPhaseKernel, type WasmPhaseKernelOptions } from './network/wasm-phase-kernel.js';
export { wasmRelaxedSimdSupported, wasmSimdSupported } from './simd-support.js';
export { type RunChunking, WasmKernel, type WasmThreadOptions } from './wasm-kernel.js';

/** Options of `wasmBackend`: the dtypes it offers, run chunking and threads. */
export interface WasmBackendOptions {
  /** Dtypes to offer (default both); narrowing it is mostly useful in tests. */
  dtypes?: readonly Dtype[];
  /** How long runs are split into calls and input copies; the defaults need no tuning. */
  chunking?: RunChunking;
  /**
   * Threads to split neurons over (default 1): the calling thread and `threads - 1` workers (`worker_threads`
   * in Node, Web Workers in browsers, which need a cross-origin isolated page), each running the same module on
   * one shared memory. Results are bit-identical to one thread. On a browser's main thread runs become
   * asynchronous (`runAsync`).
   */
  threads?: number;
  /**
   * Calls into wasm with fewer neuron updates stay on the calling thread (default 65536); a network's
   * populations count together (n × batchSize, summed: a phase of every population is one call), with a
   * default of 16384 for networks, whose delivery splits over the threads too.
   */
  minUpdatesForThreads?: number;
  /** Thread boundaries fall on multiples of this many neurons (default 64; whole vectors at least). */
  columnAlign?: number;
  /**
   * Arithmetic of every kernel, populations and networks alike (default `exact`, bit-identical to backend-js).
   * `fast` multiplies by hoisted reciprocals instead of dividing by constants and per-neuron parameters (each
   * such division within 2 ulps, float32 and float64), and in float32 uses a shorter exp, within 2 ulps;
   * float64 keeps the exact exp (see docs/performance.md).
   */
  precision?: Precision;
}

/**
 * The WebAssembly SIMD backend: compiles step programs into f32x4 (float32) or f64x2 (float64) loops over
 * state in linear memory. Needs an engine with wasm SIMD; creating a kernel without it is a BackendError.
 */
export function wasmBackend(options: WasmBackendOptions = {}): Backend {
  const { threads, blocking } = resolveThreads('wasm backend', options.threads);
  return {
    specificationVersion: 'v1',
    name: 'wasm',
    dtypes: options.dtypes ?? ['float32', 'float64'],
    synchronousReads: true,
    supportsThreads: true,
    synchronousRuns: blocking,
    createKernel: (request: KernelRequest) => {
      requireSimd();
      const { minUpdatesForThreads, columnAlign } = options;
      return new WasmKernel(
        request,
        options.chunking,
        {
          threads,
          blocking,
          ...(minUpdatesForThreads === undefined ? {} : { minUpdatesForThreads }),
          ...(columnAlign === undefined ? {} : { columnAlign }),
        },
        options.precision,
      );
    },
    createNetworkKernel: (plan: NetworkPlan) => {
      requireSimd();
      const { minUpdatesForThreads, columnAlign } = options;
      return createWasmNetworkKernel(plan, {
        threads,
        blocking,
        ...(minUpdatesForThreads === undefined ? {} : { minNeuronsForThreads: minUpdatesForThreads }),
        ...(columnAlign === undefined ? {} : { columnAlign }),
        ...(options.precision === undefined ? {} : { precision: options.precision }),
      });
    },
  };
}

function requireSimd(): void {
  if (!wasmSimdSupported()) {
    throw new BackendError('wasm backend: this engine has no WebAssembly SIMD (128-bit) support');
  }
}
