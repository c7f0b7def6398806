import { checkParameters } from '@synapticflow/core';
import { rejectUnknownFields } from './check.js';
import { withScenarioPaths } from './core-errors.js';
import type { ScenarioModel } from './models.js';
import type { ScenarioParameter } from './scenario.js';

/**
 * `params` and the spike-trace parameters (their JSON shape already checked): names the model does not have
 * are unknown fields; every value is core's to check (`checkParameters`), its errors placed at the value's
 * scenario path, e.g. `scenario.params.tau[3]`.
 */
export function checkScenarioParameters(
  params: Readonly<Record<string, ScenarioParameter>>,
  traceParameters: Readonly<Record<string, ScenarioParameter>>,
  path: string,
  model: ScenarioModel,
  n: number,
): void {
  rejectUnknownFields(params, `${path}.params`, [...model.validated.parameters.keys()]);
  withScenarioPaths(() => checkParameters(model.validated, { ...params, ...traceParameters }, n), path);
}
