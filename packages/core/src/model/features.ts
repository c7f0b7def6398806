import type { ParameterSpec } from './spec.js';
import type { ValidatedModel } from './validate.js';

/** State the program builder defines for every population (spikes, traces, refractory state, input sum). */
export const PROGRAM_STATE_NAMES: ReadonlySet<string> = new Set(['s', 'traces', 'refractory', 'summedInput']);

/** Parameters that population features add to every model that spikes. */
export const FEATURE_PARAMETERS: Readonly<Record<'traceTau' | 'traceScale', ParameterSpec>> = {
  traceTau: {
    default: 10,
    constraint: 'positive',
    unit: 'ms',
    description: 'spike-trace decay time constant',
  },
  traceScale: { default: 1, unit: '1', description: 'added to the trace per spike (additive traces)' },
};

/**
 * Whether a population of `model` can keep spike traces: only a model with a threshold spikes. The one place
 * this is decided; the population, and tools that check options before building one, read it.
 */
export function hasSpikeTraces(model: Pick<ValidatedModel, 'threshold'>): boolean {
  return model.threshold !== null;
}
