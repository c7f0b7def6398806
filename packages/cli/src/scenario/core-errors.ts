import { InputError, ParameterError, type ValuePath } from '@synapticflow/core';
import { ScenarioError } from '../errors.js';

/** Spike-trace parameters sit under `traces` in a scenario, every other parameter under `params`. */
const TRACE_PARAMETERS: ReadonlySet<string> = new Set(['traceTau', 'traceScale']);

/** Where core's value path sits in a scenario: `{ field: 'params', name: 'tau', index: 3 }` -> `scenario.params.tau[3]`. */
export function scenarioPathOf(path: ValuePath, root = 'scenario'): string {
  const field = path.field === 'params' && TRACE_PARAMETERS.has(path.name) ? 'traces' : path.field;
  return `${root}.${field}.${path.name}${path.index === undefined ? '' : `[${path.index}]`}`;
}

/**
 * Runs `check`, turning core's error about one value into a ScenarioError at that value's scenario path
 * with core's message. Core decides what is valid; the scenario only says where.
 */
export function withScenarioPaths<T>(check: () => T, root = 'scenario'): T {
  try {
    return check();
  } catch (error) {
    if ((error instanceof ParameterError || error instanceof InputError) && error.path !== undefined) {
      throw Object.assign(new ScenarioError(scenarioPathOf(error.path, root), error.message), {
        cause: error,
      });
    }
    throw error;
  }
}
