import { type Backend, Population } from '@synapticflow/core';
import { resolveModel } from './models.js';
import type { Scenario } from './scenario.js';

/** Builds the population a scenario describes, for any model; absent fields fall back to the core's defaults. */
export function createPopulation(scenario: Scenario, backend: Backend): Population {
  const { traces } = scenario;
  return new Population(resolveModel(scenario.model).spec, {
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
  });
}
