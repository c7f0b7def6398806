import { MODEL_LIBRARY, Population, type PopulationOptions } from '@synapticflow/core';
import {
  type Backend,
  type Kernel,
  type KernelRequest,
  type PhaseKernelRequest,
  splitAtSpikes,
} from '@synapticflow/core/backend';
import { jsBackend } from '../index.js';

/**
 * A library model's population on the js backend, with the request it made of the backend (program,
 * parameters with derived ones) and the fused kernel it holds, initial state written.
 */
export function libraryPopulation(
  model: string,
  options: Omit<PopulationOptions, 'backend'>,
): { population: Population; request: KernelRequest; kernel: Kernel } {
  const inner = jsBackend();
  const built: { request?: KernelRequest; kernel?: Kernel } = {};
  const backend: Backend = {
    ...inner,
    createKernel: (request) => {
      built.request = request;
      built.kernel = inner.createKernel(request);
      return built.kernel;
    },
  };
  const population = new Population(MODEL_LIBRARY[model]!, { backend, ...options });
  return { population, request: built.request!, kernel: built.kernel! };
}

/** The phase kernel request for the same program and parameters, with a constant input per neuron. */
export function phaseRequest(request: KernelRequest, input: Float64Array): PhaseKernelRequest {
  const { program, dtype, n, batchSize, parameters } = request;
  return { phased: splitAtSpikes(program), dtype, n, batchSize, parameters, input };
}
