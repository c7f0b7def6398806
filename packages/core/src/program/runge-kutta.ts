import { binary, call, type Expr, ident, num, select, substitute } from '../expr/ast.js';
import type { Assignment } from '../model/validate.js';
import { heldWhileFrozen, type Integrator, type IntegratorContext } from './integrator.js';
import type { Statement } from './program.js';

/** An explicit Runge–Kutta method as its Butcher tableau. */
interface Tableau {
  /** a[i][j]: weight of stage j's slope in stage i's state. */
  a: number[][];
  b: number[];
  c: number[];
}

/** The explicit midpoint method (second order). */
export const rk2: Integrator = (equations, context) =>
  rungeKutta({ a: [[], [0.5]], b: [0, 1], c: [0, 0.5] }, equations, context);

/** The classical fourth-order Runge–Kutta method. */
export const rk4: Integrator = (equations, context) =>
  rungeKutta(
    { a: [[], [0.5], [0, 0.5], [0, 0, 1]], b: [1 / 6, 1 / 3, 1 / 3, 1 / 6], c: [0, 0.5, 0.5, 1] },
    equations,
    context,
  );

/**
 * Stage i evaluates every derivative at `x + dt * Σ a[i][j] k_j` and `t + c[i] dt`; the step is
 * `x + (Σ b_i k_i) * dt`. A frozen variable has slope 0 in every stage, so coupled variables see it held.
 * A variable with a stage cap (its overflow guard) is predicted as `min(x + dt Σ a[i][j] k_j, cap)`, as NEST
 * evaluates its right-hand sides at `min(V, V_peak)`: in the step that crosses the cap, no stage evaluates
 * the model far beyond it, where a diverging spike term would blow up the coupled variables.
 */
function rungeKutta(
  tableau: Tableau,
  equations: readonly Assignment[],
  context: IntegratorContext,
): Statement[] {
  const { dt } = context;
  const statements: Statement[] = [];
  const slope = (stage: number, target: string) => `_k${stage + 1}_${target}`;
  for (let stage = 0; stage < tableau.b.length; stage++) {
    const stageState = new Map<string, Expr>();
    for (const { target } of equations) {
      const increments = tableau.a[stage]!.map((w, j): Expr | null =>
        w === 0 ? null : binary('*', num(w * dt), ident(slope(j, target))),
      );
      const terms = increments.filter((term): term is Expr => term !== null);
      if (terms.length === 0) continue;
      const name = `_x${stage + 1}_${target}`;
      const predicted = terms.reduce((sum, term) => binary('+', sum, term), ident(target) as Expr);
      const cap = context.stageCap?.(target) ?? null;
      statements.push({ kind: 'let', name, expr: cap ? call('min', predicted, cap) : predicted });
      stageState.set(target, ident(name));
    }
    const shift = tableau.c[stage]! * dt;
    const atStage = (expr: Expr) =>
      substitute(
        expr,
        (name) =>
          stageState.get(name) ??
          (name === 't' && shift !== 0 ? binary('+', ident('t'), num(shift)) : undefined),
      );
    for (const { target, expr } of equations) {
      const frozen = context.frozen(target);
      const value = atStage(expr);
      statements.push({
        kind: 'let',
        name: slope(stage, target),
        expr: frozen ? select(frozen, num(0), value) : value,
      });
    }
  }
  for (const { target } of equations) {
    const weighted = tableau.b
      .map((w, i): Expr | null =>
        w === 0 ? null : w === 1 ? ident(slope(i, target)) : binary('*', num(w), ident(slope(i, target))),
      )
      .filter((term): term is Expr => term !== null)
      .reduce((sum, term) => binary('+', sum, term));
    const advanced = binary('+', ident(target), binary('*', weighted, num(dt)));
    statements.push({ kind: 'set', name: target, expr: heldWhileFrozen(target, advanced, context) });
  }
  return statements;
}
