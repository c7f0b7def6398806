import { type Backend, Population, type PopulationOptions } from '@synapticflow/core';
import { withScenarioPaths } from './core-errors.js';
import { resolveModel, type ScenarioModel } from './models.js';
import type { Scenario } from './scenario.js';

/**
 * Builds the population a scenario describes, for any model; absent fields fall back to the core's defaults.
 * `model` is `scenario.model` as already resolved; the population takes its validated form as it is.
 * A bad value is a ScenarioError at its path (`scenario.init.v[3]`) with core's message.
 */
export function createPopulation(
  scenario: Scenario,
  backend: Backend,
  model: ScenarioModel = resolveModel(scenario.model),
): Population {
  const { traces } = scenario;
  // `init` (initial state) is core's Population option; declared here too for cores without it.
  const options: PopulationOptions & { init?: Scenario['init'] } = {
    backend,
    n: scenario.n,
    batchSize: scenario.batchSize,
    dt: scenario.dt,
    dtype: scenario.dtype,
    integrator: scenario.integrator,
    refractory: scenario.refractory,
    params: scenario.params,
    spikeTrace: traces?.enabled,
    additiveSpikeTrace: traces?.additive,
    traceTau: traces?.traceTau,
    traceScale: traces?.traceScale,
    sumInput: scenario.sumInput,
    init: scenario.init,
  };
  // Core checks every value (init lengths and ranges too); its errors name the scenario field.
  return withScenarioPaths(() => new Population(model.validated, options));
}
