/** Hand-written ELIF reference arithmetic for core's tests (not part of the build). */
import type { Dtype } from '../backend.js';
import { ELIF_MODEL } from '../model/library/elif.js';

export interface ElifValues {
  tau: number;
  threshold: number;
  thetaRh: number;
  deltaT: number;
  restPot: number;
  resetPot: number;
  refracLength: number;
  R: number;
}

/** The library ELIF's defaults (their values are checked against the seed in parameters.test.ts). */
export const ELIF_DEFAULTS: ElifValues = Object.fromEntries(
  (Object.keys(ELIF_MODEL.parameters) as (keyof typeof ELIF_MODEL.parameters)[])
    .map((name) => [name, ELIF_MODEL.parameters[name].default])
    .filter(([, value]) => value !== null),
) as unknown as ElifValues;

export function rounder(dtype: Dtype): (x: number) => number {
  return dtype === 'float32' ? Math.fround : (x) => x;
}

/**
 * One Euler step of the ELIF membrane equation, with the program's operand order and the dtype's rounding:
 * v += (R*x + restPot - v + deltaT*exp((v - thetaRh)/deltaT)) / tau * dt.
 */
export function elifIntegrate(v: number, x: number, p: ElifValues, dt: number, dtype: Dtype): number {
  const r = rounder(dtype);
  const [R, restPot, deltaT, thetaRh, tau] = [r(p.R), r(p.restPot), r(p.deltaT), r(p.thetaRh), r(p.tau)];
  const exponential = r(deltaT * r(Math.exp(r(r(v - thetaRh) / deltaT))));
  const drive = r(r(r(r(R * r(x)) + restPot) - v) + exponential);
  return r(v + r(r(drive / tau) * r(dt)));
}
