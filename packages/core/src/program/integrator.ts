import { type Expr, ident, select } from '../expr/ast.js';
import type { Assignment } from '../model/validate.js';
import type { Statement } from './program.js';

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

export function derivativeName(target: string): string {
  return `_d_${target}`;
}

/** `advanced`, or the variable unchanged while its refractory freeze holds. */
export function heldWhileFrozen(target: string, advanced: Expr, context: IntegratorContext): Expr {
  const frozen = context.frozen(target);
  return frozen ? select(frozen, ident(target), advanced) : advanced;
}
