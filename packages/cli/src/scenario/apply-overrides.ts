import type { Dtype } from '@synapticflow/core';
import type { RecordedVariable, Scenario } from './scenario.js';

/** Command-line settings that take precedence over the scenario file. */
export interface ScenarioOverrides {
  dtype?: Dtype;
  /** Replaces `record.vars`. */
  record?: RecordedVariable[];
  /** Replaces `record.vStride`. */
  vStride?: number;
}

/** The scenario as it will run, so a trace records the flags too. */
export function applyOverrides(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  const result: Scenario = { ...scenario };
  if (overrides.dtype !== undefined) result.dtype = overrides.dtype;
  if (overrides.record !== undefined || overrides.vStride !== undefined) {
    result.record = { ...scenario.record };
    if (overrides.record !== undefined) result.record.vars = [...overrides.record];
    if (overrides.vStride !== undefined) result.record.vStride = overrides.vStride;
  }
  return result;
}
