import { type Expr, ident, select } from '../expr/ast.js';
import type { IntegratorContext } from './integrators.js';

/** `advanced`, or the variable unchanged while its refractory freeze holds. */
export function heldWhileFrozen(target: string, advanced: Expr, context: IntegratorContext): Expr {
  const frozen = context.frozen(target);
  return frozen ? select(frozen, ident(target), advanced) : advanced;
}
