import {
  flatInput,
  type ReferenceScenario,
  referencePopulationOptions,
  spikeEvents,
} from '@synapticflow/conformance';
import { type Backend, ELIFPopulation, type RefractoryMode } from '@synapticflow/core';

/** Runs a reference scenario, recording v (and traces) on every step. */
export function simulateScenario(backend: Backend, scenario: ReferenceScenario, refractory: RefractoryMode) {
  const population = new ELIFPopulation({
    ...referencePopulationOptions(scenario, { dtype: 'float32', refractory }),
    backend,
  });
  const record = scenario.traces.enabled ? ['v', 'traces'] : ['v'];
  const result = population.run(scenario.steps, { input: flatInput(scenario), record });
  population.dispose();
  return {
    v: Array.from(result.recorded.v!),
    traces: Array.from(result.recorded.traces ?? []),
    spikes: spikeEvents(result.spikes!, scenario.steps, scenario.batchSize, scenario.n),
  };
}

export function maxAbsDifference(a: readonly number[], b: readonly number[]): number {
  return a.reduce((max, x, i) => Math.max(max, Math.abs(x - b[i]!)), 0);
}
