import type { Dtype } from '@synapticflow/core';

/**
 * Voltage tolerance (mV) for comparing a backend's v with a float64 evaluation of the same formula over a
 * few steps. float32 has a unit roundoff of 2^-24 ≈ 6e-8; at |v| ≈ 60 mV one rounding is ≈ 4e-6 mV and a
 * step does about ten roundings, so 1e-4 mV leaves a margin of a few steps' accumulated error. float64 is
 * held to 1e-9 mV, far above its ≈ 1e-14 mV roundoff but far below any real discrepancy.
 */
export function voltageTolerance(dtype: Dtype): number {
  return dtype === 'float32' ? 1e-4 : 1e-9;
}

/** Tolerances the project promises against the reference traces (the foundation issue's targets). */
export const SEED_FLOAT32_V_TOLERANCE = 1e-3;
/** The numpy reference stores v with 7 decimals, so its own rounding is up to 5e-8 mV. */
export const NUMPY_FLOAT64_V_TOLERANCE = 1e-6;
