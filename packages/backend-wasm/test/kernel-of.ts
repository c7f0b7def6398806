import type { Population } from '@synapticflow/core';
import { WasmKernel } from '../src/wasm-kernel.js';

/** For tests: the wasm kernel behind a population (a private field of Population). */
export function kernelOf(population: Population): WasmKernel {
  const kernel = (population as unknown as { kernel: unknown }).kernel;
  if (!(kernel instanceof WasmKernel)) throw new Error('the population does not run on a wasm kernel');
  return kernel;
}
