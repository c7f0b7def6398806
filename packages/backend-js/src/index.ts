import type { Backend, Dtype, KernelRequest } from '@synapticflow/core';
import { JsKernel } from './js-kernel.js';

export { type CompiledRun, compileRun, generateRunSource, type StepVariant } from './compile-step.js';
export { JsKernel } from './js-kernel.js';

export interface JsBackendOptions {
  /** Dtypes to offer (default both); narrowing it is mostly useful in tests. */
  dtypes?: readonly Dtype[];
}

/** The typed-array backend: compiles step programs into fused JavaScript loops over Float32Array/Float64Array state. */
export function jsBackend(options: JsBackendOptions = {}): Backend {
  return {
    specificationVersion: 'v1',
    name: 'js',
    dtypes: options.dtypes ?? ['float32', 'float64'],
    synchronousReads: true,
    createKernel: (request: KernelRequest) => new JsKernel(request),
  };
}
export { froundElifLoop, plainElifLoop } from './hand-written-elif.js';
