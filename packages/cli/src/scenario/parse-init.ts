import { rejectUnknownFields } from './check.js';
import type { ScenarioModel } from './models.js';
import type { Scenario } from './scenario.js';

/**
 * `init` (its shape already checked): initial values of the model's state variables. Whether an array's
 * length fits (n or batchSize*n) is core's `init` check.
 */
export function parseInit(
  init: NonNullable<Scenario['init']>,
  path: string,
  model: ScenarioModel,
): NonNullable<Scenario['init']> {
  rejectUnknownFields(
    init,
    path,
    model.validated.state.map((s) => s.target),
  );
  return { ...init };
}
