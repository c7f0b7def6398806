import {
  ELIF_MODEL,
  ELIFPopulation,
  type ELIFPopulationOptions,
  type ModelSpec,
  type Population,
  type PopulationOptions,
} from '@synapticflow/core';
import { fail } from './check.js';

/** What a scenario's `model` resolves to: the spec (for parameter checks) and how to build its population. */
export interface ScenarioModel {
  name: string;
  spec: ModelSpec;
  /** Unit of the input current, shown in summaries. */
  inputUnit: string;
  create(options: PopulationOptions): Population;
}

const BUILT_IN_MODELS: Readonly<Record<string, ScenarioModel>> = {
  elif: {
    name: 'elif',
    spec: ELIF_MODEL,
    inputUnit: 'nA',
    create: (options) => new ELIFPopulation(options as ELIFPopulationOptions),
  },
};

export const MODEL_NAMES: readonly string[] = Object.keys(BUILT_IN_MODELS);

/** Resolves `scenario.model`. Only names for now; an inline model object would get its own branch here. */
export function resolveModel(value: unknown, path = 'scenario.model'): ScenarioModel {
  if (typeof value === 'string' && Object.hasOwn(BUILT_IN_MODELS, value)) return BUILT_IN_MODELS[value]!;
  return fail(path, `a built-in model name (${MODEL_NAMES.map((m) => JSON.stringify(m)).join(', ')})`, value);
}
