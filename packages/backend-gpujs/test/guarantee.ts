import type { Deviation } from './precision.js';

/**
 * The tolerance the gpujs backend guarantees against the float64 reference traces (and against backend-js
 * float32), on every gpu.js kernel: the shared suite's cross-precision bounds. Below thetaRh the dynamics
 * contract and v stays within 1e-3 mV; on the upswing above it the exponential amplifies rounding and v is
 * held to 1 mV; every spike falls within ±1 step and none is lost or added.
 */
export const GUARANTEE = { vBelowThetaRh: 1e-3, vAboveThetaRh: 1, spikeShift: 1 } as const;

/** The ways a measured deviation breaks the guarantee; empty when it holds. */
export function guaranteeViolations(rows: readonly Deviation[]): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    const where = `${row.scenario} against ${row.against}`;
    if (row.vBelowThetaRh > GUARANTEE.vBelowThetaRh)
      problems.push(`${where}: v below thetaRh off by ${row.vBelowThetaRh}`);
    if (row.vAboveThetaRh > GUARANTEE.vAboveThetaRh)
      problems.push(`${where}: v above thetaRh off by ${row.vAboveThetaRh}`);
    if (row.spikesActual !== row.spikesExpected)
      problems.push(`${where}: ${row.spikesActual} spikes, not ${row.spikesExpected}`);
    if (row.spikesWithinOne !== row.spikesExpected)
      problems.push(`${where}: only ${row.spikesWithinOne} spikes within ±1 step`);
  }
  return problems;
}
