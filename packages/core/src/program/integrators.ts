import { euler } from './euler.js';
import { exponentialEuler } from './exponential-euler.js';
import type { Integrator } from './integrator.js';
import { rk2, rk4 } from './runge-kutta.js';

// The method modules import only integrator.ts, never this registry, so they load in any order.
export { euler } from './euler.js';
export { derivativeName, heldWhileFrozen, type Integrator, type IntegratorContext } from './integrator.js';

/** The integrators a population may choose by name. */
export const INTEGRATORS: Readonly<Record<string, Integrator>> = {
  euler,
  rk2,
  rk4,
  'exponential-euler': exponentialEuler,
};

/** The names `integrator` takes, and the one a population uses when none is given. */
export const INTEGRATOR_NAMES: readonly string[] = Object.keys(INTEGRATORS);
/** The integration scheme of a population that does not choose one. */
export const DEFAULT_INTEGRATOR = 'euler';
