import { binary, ident, num } from '../expr/ast.js';
import { derivativeName, heldWhileFrozen, type Integrator } from './integrator.js';
import type { Statement } from './program.js';

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
