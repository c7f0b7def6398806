import { type NetworkKernel, type NetworkPlan, NetworkRunner } from '@synapticflow/core/backend';
import { createWasmPhaseKernel } from './wasm-phase-kernel.js';

/**
 * A network on the wasm backend: core's runner (schedule, queues, sources, probes, JavaScript delivery over the
 * live views) with a WebAssembly phase kernel per population. Networks do not split over threads yet; where
 * more were asked for, the description says that it runs on one thread.
 */
export function createWasmNetworkKernel(plan: NetworkPlan, threads = 1): NetworkKernel {
  const runner = new NetworkRunner(plan, { owner: 'wasm', createPhaseKernel: createWasmPhaseKernel });
  if (threads > 1) {
    // The runner's description is a read-only field; only its wording changes here.
    Object.defineProperty(runner, 'description', {
      value: `${runner.description}, on one thread (threads: ${threads} asked; wasm networks run on one thread)`,
    });
  }
  return runner;
}
