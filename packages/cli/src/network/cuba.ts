import type { Dtype, ModelSpec } from '@synapticflow/core';
import type { NetworkScenario } from '../scenario/schema.js';

/**
 * The CUBA network of Brette et al. (2007), J Comput Neurosci 23:349, benchmark 2, at any size: 80%
 * excitatory and 20% inhibitory neurons connected with probability `probability`. examples/cuba.json is
 * this at 4,000 neurons and p = 0.02 (a test keeps them equal); `synapticflow bench --network cuba` runs it.
 */
export const CUBA_MODEL: ModelSpec = {
  name: 'cuba-lif',
  description: 'Leaky integrate-and-fire neuron with exponential excitatory and inhibitory currents (in mV)',
  reference: 'Brette et al. (2007), J Comput Neurosci 23:349, benchmark 2 (CUBA)',
  parameters: {
    taum: { default: 20, unit: 'ms', constraint: 'positive' },
    taue: { default: 5, unit: 'ms', constraint: 'positive' },
    taui: { default: 10, unit: 'ms', constraint: 'positive' },
    El: { default: -49, unit: 'mV' },
    Vt: { default: -50, unit: 'mV' },
    Vr: { default: -60, unit: 'mV' },
    refracLength: { default: 5, unit: 'ms', constraint: 'nonnegative' },
  },
  state: {
    v: { initial: 'Vr', unit: 'mV' },
    ge: { initial: 0, unit: 'mV' },
    gi: { initial: 0, unit: 'mV' },
  },
  equations: { v: '(ge + gi - (v - El)) / taum', ge: '-ge / taue', gi: '-gi / taui' },
  threshold: 'v > Vt',
  reset: { v: 'Vr' },
  refractory: { period: 'refracLength', freeze: ['v'] },
};

export interface CubaOptions {
  /** Neurons in all (default 4000); 80% of them excitatory. */
  n?: number;
  /** Connection probability (default 0.02). */
  probability?: number;
  /** Biological time in ms (default 1000). */
  duration?: number;
  dtype?: Dtype;
}

/** Weights in mV: we = 60*0.27/10 and wi = -20*4.5/10 (Brette et al. 2007, as in Brian2's examples/CUBA.py). */
export const CUBA_WEIGHTS = { excitatory: 1.62, inhibitory: -9 } as const;

export function cubaScenario(options: CubaOptions = {}): NetworkScenario {
  const { n = 4000, probability = 0.02, duration = 1000, dtype = 'float64' } = options;
  const excitatory = Math.round(0.8 * n);
  const projection = (source: 'exc' | 'inh', seed: number) => ({
    source,
    target: ['exc', 'inh'],
    synapse: {
      name: source === 'exc' ? 'excitatory' : 'inhibitory',
      onPre: source === 'exc' ? 'ge += w' : 'gi += w',
      variables: { w: source === 'exc' ? CUBA_WEIGHTS.excitatory : CUBA_WEIGHTS.inhibitory },
    },
    connector: { kind: 'fixed-probability' as const, probability, seed },
  });
  return {
    network: {
      dt: 0.1,
      dtype,
      duration,
      models: { cuba: CUBA_MODEL },
      populations: [
        { name: 'exc', model: 'cuba', n: excitatory, init: { v: { uniform: [-60, -50], seed: 1 } } },
        { name: 'inh', model: 'cuba', n: n - excitatory, init: { v: { uniform: [-60, -50], seed: 2 } } },
      ],
      projections: [projection('exc', 11), projection('inh', 12)],
    },
  };
}
