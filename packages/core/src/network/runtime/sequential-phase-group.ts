import type { PhaseKernel, PhaseKernelGroup } from '../kernel/contract.js';

/** A group of phase kernels that step one after another: what the runner uses for per-population kernels. */
export function sequentialPhaseGroup(kernels: readonly PhaseKernel[]): PhaseKernelGroup {
  return {
    kernels,
    integrateAll(step, spikes, counts) {
      for (let i = 0; i < kernels.length; i++) counts[i] = kernels[i]!.integrate(step, spikes[i]!);
    },
    afterSpikeAll(step, spikes, counts) {
      for (let i = 0; i < kernels.length; i++) kernels[i]!.afterSpike(step, spikes[i]!, counts[i]!);
    },
  };
}
