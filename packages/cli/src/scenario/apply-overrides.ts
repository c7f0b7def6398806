import type { Dtype, ModelSpec } from '@synapticflow/core';
import type { IntegratorName, RecordedVariable, Scenario } from './scenario.js';

/** Command-line settings that take precedence over the scenario file. */
export interface ScenarioOverrides {
  /** Replaces `model` (`--model FILE.json`: the spec read from the file). */
  model?: string | ModelSpec;
  dtype?: Dtype;
  /** Replaces `integrator`. */
  integrator?: IntegratorName;
  /** Replaces `record.vars`. */
  record?: RecordedVariable[];
  /** Replaces `record.vStride`. */
  vStride?: number;
}

/**
 * The scenario as it will run, so a trace records the flags too. Works on a scenario file as read, before
 * `parseScenario` checks it: the params must fit the model the flags choose, not the one the file names.
 */
export function applyOverrides<T extends Scenario | Record<string, unknown>>(
  scenario: T,
  overrides: ScenarioOverrides,
): T {
  const result: Record<string, unknown> = { ...scenario };
  if (overrides.model !== undefined) result.model = overrides.model;
  if (overrides.dtype !== undefined) result.dtype = overrides.dtype;
  if (overrides.integrator !== undefined) result.integrator = overrides.integrator;
  if (overrides.record !== undefined || overrides.vStride !== undefined) {
    const record = result.record;
    // Anything but an object stays as it is, for parseScenario to report.
    if (record === undefined || (typeof record === 'object' && record !== null && !Array.isArray(record))) {
      const replaced: Record<string, unknown> = { ...record };
      if (overrides.record !== undefined) replaced.vars = [...overrides.record];
      if (overrides.vStride !== undefined) replaced.vStride = overrides.vStride;
      result.record = replaced;
    }
  }
  return result as T;
}
