import type { ParameterValue } from '../backend.js';
import { identifiersOf } from '../expr/ast.js';
import type { ValidatedModel } from '../model/validate.js';
import type { Integrator } from './integrators.js';
import { linearIn } from './linear-in.js';
import { rk2, rk4 } from './runge-kutta.js';

/** The integrators whose later stages evaluate the model at predicted states inside the step. */
const PREDICTING_STAGES: ReadonlySet<Integrator> = new Set([rk2, rk4]);

/**
 * Warns where a multi-stage integrator can evaluate the model outside its valid range: a variable the
 * threshold reads has an equation that is not linear in it (an exp() or power spike term, which diverges past
 * the threshold), and no overflow guard caps it. In the step that crosses the threshold, the predicted stage
 * states then lie beyond it, where the slopes can be off by orders of magnitude (or Infinity, and then NaN),
 * and so can every variable coupled to it. With an overflow guard, stages are capped and nothing is said.
 */
export function stageRangeWarnings(
  model: ValidatedModel,
  integratorName: string,
  integrator: Integrator,
  values: ReadonlyMap<string, ParameterValue | null>,
): string[] {
  if (!model.threshold || !PREDICTING_STAGES.has(integrator)) return [];
  const warnings: string[] = [];
  const read = identifiersOf(model.threshold);
  for (const { target, expr } of model.equations) {
    if (!read.has(target) || linearIn(expr, target)) continue;
    const guard = model.overflowGuard.find((g) => g.target === target);
    if (guard && values.get(guard.cap) !== null) continue;
    warnings.push(
      `model "${model.name}", integrator ${integratorName}: the equation for ${target} is not linear in ${target} and ` +
        `nothing caps ${target}, so in the step that crosses the threshold the intermediate stages evaluate it ` +
        `beyond the threshold, where it can diverge: coupled variables jump, and the state can become Infinity or NaN. ` +
        (guard
          ? `Set ${guard.cap} to cap ${target} there (its overflow guard)`
          : `Declare an overflow guard (overflowGuard: { ${target}: '<peak parameter>' })`) +
        `, or use euler.`,
    );
  }
  return warnings;
}
