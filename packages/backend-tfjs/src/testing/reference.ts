import { flatInput, type ReferenceScenario, spikeEvents } from '@synapticflow/conformance';
import { ELIFPopulation } from '@synapticflow/core';
import type { Backend, RefractoryMode } from '@synapticflow/core/backend';

/** Runs a reference scenario, recording v (and traces) on every step. */
export function simulateScenario(backend: Backend, scenario: ReferenceScenario, refractory: RefractoryMode) {
  const population = new ELIFPopulation({
    backend,
    n: scenario.n,
    batchSize: scenario.batchSize,
    dt: scenario.dt,
    refractory,
    params: scenario.params as Record<string, number>,
    spikeTrace: scenario.traces.enabled,
    additiveSpikeTrace: scenario.traces.additive,
    traceTau: scenario.traces.traceTau,
    traceScale: scenario.traces.traceScale,
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
