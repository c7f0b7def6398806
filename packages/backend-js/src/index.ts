import {
  type Backend,
  type Dtype,
  type KernelRequest,
  type NetworkPlan,
  resolveThreads,
} from '@synapticflow/core/backend';
import type { Precision } from './fast-program.js';
import { JsKernel } from './js-kernel.js';
import { createJsNetworkKernel } from './network/js-network-kernel.js';

export {
  type CompiledRun,
  compileRun,
  generateRunSource,
  runFactoryBody,
  type StepVariant,
} from './compile-step.js';
export type { Precision } from './fast-program.js';
export { JsKernel, type JsKernelOptions } from './js-kernel.js';
export { createJsNetworkKernel, type JsNetworkOptions } from './network/js-network-kernel.js';
export { createJsPhaseKernel, JsPhaseKernel, type JsPhaseKernelOptions } from './network/js-phase-kernel.js';

/** Options of `jsBackend`: the dtypes it offers and the threads it splits neurons over. */
export interface JsBackendOptions {
  /** Dtypes to offer (default both); narrowing it is mostly useful in tests. */
  dtypes?: readonly Dtype[];
  /**
   * Threads to split neurons over (default 1): the calling thread and `threads - 1` workers (`worker_threads`
   * in Node, Web Workers in browsers, which need a cross-origin isolated page) on state in SharedArrayBuffers.
   * Results are bit-identical to one thread. On a browser's main thread runs become asynchronous (`runAsync`).
   * Networks split each population's phases over the threads for the length of a run (one thread where the
   * calling thread may not block).
   */
  threads?: number;
  /**
   * Runs with fewer neuron updates per dispatch stay on the calling thread (default 65536, about 1 ms); a
   * network's populations count together, all batch rows (a phase of every population is one dispatch), with
   * a default of 8192 for networks, whose delivery splits over the threads too.
   */
  minUpdatesForThreads?: number;
  /** Thread boundaries fall on multiples of this many neurons (default 64, a cache line of float32 state); tests use 1 to split tiny populations. */
  columnAlign?: number;
  /**
   * Arithmetic of float32 kernels (default `exact`: every operation rounded to float32, as the seed's PyTorch
   * code rounds). `fast` evaluates each statement in double and rounds it
   * once, and multiplies by hoisted reciprocals instead of dividing by constants and per-neuron parameters
   * (each within 2 ulps of the division; see docs/performance.md), in populations and networks alike. Float64
   * stays exact.
   */
  precision?: Precision;
}

/** The typed-array backend: compiles step programs into fused JavaScript loops over Float32Array/Float64Array state. */
export function jsBackend(options: JsBackendOptions = {}): Backend {
  const { threads, blocking } = resolveThreads('js backend', options.threads);
  return {
    specificationVersion: 'v1',
    name: 'js',
    dtypes: options.dtypes ?? ['float32', 'float64'],
    synchronousReads: true,
    supportsThreads: true,
    synchronousRuns: blocking,
    createKernel: (request: KernelRequest) =>
      new JsKernel(request, {
        threads,
        blocking,
        ...(options.minUpdatesForThreads === undefined
          ? {}
          : { minUpdatesForThreads: options.minUpdatesForThreads }),
        ...(options.columnAlign === undefined ? {} : { columnAlign: options.columnAlign }),
        ...(options.precision === undefined ? {} : { precision: options.precision }),
      }),
    createNetworkKernel: (plan: NetworkPlan) =>
      createJsNetworkKernel(plan, {
        threads,
        blocking,
        ...(options.minUpdatesForThreads === undefined
          ? {}
          : { minNeuronsForThreads: options.minUpdatesForThreads }),
        ...(options.columnAlign === undefined ? {} : { columnAlign: options.columnAlign }),
        ...(options.precision === undefined ? {} : { precision: options.precision }),
      }),
  };
}
