import { Network, type RunDuration } from '@synapticflow/core';
import type { ConformanceTarget } from '../target.js';

/** Why the network tests cannot run on `target` (a backend that does not run networks), or null. */
export function missingNetworkSupport(target: ConformanceTarget): string | null {
  const backend = target.createBackend();
  if (typeof backend.createNetworkKernel !== 'function')
    return `backend "${backend.name}" has no createNetworkKernel: it does not run networks`;
  return null;
}

/** A network on a fresh backend of the target, in the target's dtype. */
export function createNetwork(
  target: ConformanceTarget,
  options: { dt: number; batchSize?: number },
): Network {
  return new Network({ backend: target.createBackend(), dtype: target.dtype, ...options });
}

/** Runs on any backend: synchronously where runs may block, else through runAsync. */
export async function runNetwork(network: Network, duration: RunDuration): Promise<void> {
  if (network.backend.synchronousRuns === false) await network.runAsync(duration);
  else network.run(duration);
}
