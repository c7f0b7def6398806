import type { Scenario } from './schema.js';

export {
  INTEGRATOR_NAMES,
  MODEL_NAMES,
  REFRACTORY_MODES,
  SCENARIO_DEFAULTS,
  type Scenario,
} from './schema.js';

/** A parameter as a scenario gives it: one number, one per neuron, or null where the model allows it. */
export type ScenarioParameter = number | number[] | null;

/** `{ linspace: [from, to] }`: one constant per neuron, evenly spaced from..to inclusive (our extension). */
export interface Linspace {
  linspace: number[];
}

/** A number for all, [n] per neuron, [batch][n], a linspace over the neurons; or [steps][batch][n]. */
export type ScenarioInput = NonNullable<Scenario['input']>;

/**
 * A state variable to record every `vStride` steps: `"v"`, `"traces"` or any other state of the model
 * (e.g. `"w"` for AdEx), also `"refractory"` and `"summedInput"` where the population keeps them.
 */
export type RecordedVariable = string;

/** The name of one of core's integration schemes (`INTEGRATOR_NAMES`). */
export type IntegratorName = string;
