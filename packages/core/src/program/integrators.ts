import { binary, type Expr, ident, num, select } from '../expr/ast.js';
import type { Assignment } from '../model/validate.js';
import { exponentialEuler } from './exponential-euler.js';
import type { Statement } from './program.js';
import { rk2, rk4 } from './runge-kutta.js';

/** What an integration scheme needs besides the equations: the model, dt, frozen variables and stage caps. */
export interface IntegratorContext {
  model: string;
  dt: number;
  /** Condition under which a variable is held (refractory freeze), or null if it is always integrated. */
  frozen(target: string): Expr | null;
  /**
   * The value a predicted stage state of this variable never passes (its overflow guard's cap), or null. Only
   * multi-stage methods read it: their later stages evaluate the model at predicted states, which past the cap
   * lie beyond where the model is valid (the spike happens within the step).
   */
  stageCap?(target: string): Expr | null;
}

/** Turns the model's derivatives into the statements that advance its state variables by one step. */
export type Integrator = (equations: readonly Assignment[], context: IntegratorContext) => Statement[];

/**
 * Forward Euler, the seed's method: every derivative is computed from the values at the start of the step,
 * then `x = x + f(x) * dt`. The product `f * dt` (not `x + dt * f`) keeps the seed's float32 rounding.
 */
export const euler: Integrator = (equations, context) => {
  const statements: Statement[] = equations.map(({ target, expr }) => ({
    kind: 'let',
    name: derivativeName(target),
    expr,
  }));
  for (const { target } of equations) {
    const advanced = binary('+', ident(target), binary('*', ident(derivativeName(target)), num(context.dt)));
    statements.push({ kind: 'set', name: target, expr: heldWhileFrozen(target, advanced, context) });
  }
  return statements;
};

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

export function derivativeName(target: string): string {
  return `_d_${target}`;
}

/** `advanced`, or the variable unchanged while its refractory freeze holds. */
export function heldWhileFrozen(target: string, advanced: Expr, context: IntegratorContext): Expr {
  const frozen = context.frozen(target);
  return frozen ? select(frozen, ident(target), advanced) : advanced;
}
