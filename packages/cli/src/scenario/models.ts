import {
  MODEL_LIBRARY,
  type ModelSpec,
  ModelSpecError,
  type ValidatedModel,
  validateModel,
} from '@synapticflow/core';
import { ScenarioError } from '../errors.js';
import { fail } from './check.js';
import { MODEL_NAMES } from './schema.js';

/** What a scenario's `model` resolves to: the spec, checked by core, and what the CLI reports of it. */
export interface ScenarioModel {
  name: string;
  spec: ModelSpec;
  /** The spec as core's `validateModel` returned it: parameters, state, threshold, refractory period. */
  validated: ValidatedModel;
  /** Unit of the input current, shown in summaries ("a.u." where the model does not say). */
  inputUnit: string;
  /** True for a model library name, false for an inline spec. */
  library: boolean;
}

export { MODEL_NAMES };

/**
 * Resolves `scenario.model`: a model library name or an inline model spec. An invalid spec is a
 * `ScenarioError` at `path` whose detail is core's message (model, field, column and caret).
 */
export function resolveModel(value: unknown, path = 'scenario.model'): ScenarioModel {
  if (typeof value === 'string') {
    if (Object.hasOwn(MODEL_LIBRARY, value)) return describeModel(MODEL_LIBRARY[value]!, true);
    return fail(path, `a model library name (${MODEL_NAMES.join(', ')}) or a model spec object`, value);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(path, `a model library name (${MODEL_NAMES.join(', ')}) or a model spec object`, value);
  }
  return describeModel(value as ModelSpec, false, path);
}

function describeModel(spec: ModelSpec, library: boolean, path = 'scenario.model'): ScenarioModel {
  let validated: ValidatedModel;
  try {
    validated = validateModel(spec);
  } catch (error) {
    if (error instanceof ModelSpecError) throw new ScenarioError(path, error.message);
    throw error;
  }
  const inputUnit =
    typeof spec.inputUnit === 'string' && spec.inputUnit.trim() !== '' ? spec.inputUnit : 'a.u.';
  return { name: validated.name, spec, validated, inputUnit, library };
}
