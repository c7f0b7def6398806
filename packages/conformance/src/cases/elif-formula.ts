import { ELIF_MODEL } from '@synapticflow/core';

const ELIF_PARAMETER_NAMES = ['tau', 'threshold', 'thetaRh', 'deltaT', 'restPot', 'resetPot', 'R'] as const;

/** The defaults of the parameters the membrane update reads, from the model spec (stated once, in core). */
export const ELIF_DEFAULTS = Object.fromEntries(
  ELIF_PARAMETER_NAMES.map((name) => [name, ELIF_MODEL.parameters[name]!.default as number]),
) as Record<(typeof ELIF_PARAMETER_NAMES)[number], number>;

/**
 * The ELIF membrane update written out by hand in float64, independent of the expression language:
 * the seed's `v += (R*x + restPot - v + deltaT*exp((v - thetaRh)/deltaT)) / tau * dt`.
 */

export function elifEulerStep(v: number, x: number, dt: number, p = ELIF_DEFAULTS): number {
  return v + ((p.R * x + p.restPot - v + p.deltaT * Math.exp((v - p.thetaRh) / p.deltaT)) / p.tau) * dt;
}

/** Steps between consecutive spikes of neuron 0 in a steps x batch x n raster (batch row 0). */
export function interSpikeIntervals(raster: Uint8Array, steps: number, size: number): number[] {
  const times: number[] = [];
  for (let k = 0; k < steps; k++) if (raster[k * size]) times.push(k);
  return times.slice(1).map((time, i) => time - times[i]!);
}
