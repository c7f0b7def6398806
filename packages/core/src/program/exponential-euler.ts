import { ModelSpecError } from '../errors.js';
import { binary, call, type Expr, ident, num, select, unary } from '../expr/ast.js';
import { heldWhileFrozen, type Integrator } from './integrator.js';
import { linearIn } from './linear-in.js';
import type { Statement } from './program.js';

/**
 * Exponential Euler (as in Brian2): each equation written as `dx/dt = A + B x`, with A and B free of x
 * (they may read other variables, taken at the start of the step), is advanced exactly for that step:
 * `x = -A/B + (x + A/B) exp(B dt)`, or `x + A dt` where B is 0. Exact for linear equations such as LIF.
 */
export const exponentialEuler: Integrator = (equations, context) => {
  const statements: Statement[] = [];
  for (const { target, expr, field } of equations) {
    const split = linearIn(expr, target);
    if (!split) {
      throw new ModelSpecError(
        { model: context.model, field },
        `exponential-euler needs equations linear in their own variable, and this one is not linear in ${target}; use euler, rk2 or rk4`,
      );
    }
    statements.push({ kind: 'let', name: `_A_${target}`, expr: split.constant });
    statements.push({ kind: 'let', name: `_B_${target}`, expr: split.coefficient });
  }
  for (const { target } of equations) {
    const A = ident(`_A_${target}`);
    const B = ident(`_B_${target}`);
    const ratio = binary('/', A, B);
    const exact = binary(
      '+',
      unary('-', ratio),
      binary('*', binary('+', ident(target), ratio), call('exp', binary('*', B, num(context.dt)))),
    );
    const linear = binary('+', ident(target), binary('*', A, num(context.dt)));
    const advanced: Expr = select(binary('==', B, num(0)), linear, exact);
    statements.push({ kind: 'set', name: target, expr: heldWhileFrozen(target, advanced, context) });
  }
  return statements;
};
