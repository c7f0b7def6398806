import type { Dtype } from '@synapticflow/core';
import type { NetworkScenario } from '../scenario/schema.js';

export interface CubaOptions {
  /** Neurons in all (default 4000); 80% of them excitatory. */
  n?: number;
  /** Connection probability (default 0.02). */
  probability?: number;
  /**
   * How pairs connect: each with the probability (default), or every neuron from probability × the source
   * population's size, which draws per synapse instead of per pair (a network of 10^5 neurons has 10^10 pairs).
   */
  connector?: 'fixed-probability' | 'fixed-in-degree';
  /** Biological time in ms (default 1000). */
  duration?: number;
  dtype?: Dtype;
}

/** Weights in mV: we = 60*0.27/10 and wi = -20*4.5/10 (Brette et al. 2007, as in Brian2's examples/CUBA.py). */
export const CUBA_WEIGHTS = { excitatory: 1.62, inhibitory: -9 } as const;

/**
 * The CUBA network of Brette et al. (2007), J Comput Neurosci 23:349, benchmark 2, at any size: 80%
 * excitatory and 20% inhibitory neurons connected with probability `probability`. examples/cuba.json is
 * this at 4,000 neurons and p = 0.02 (a test keeps them equal); `synapticflow bench --network cuba` runs it.
 * The neuron is core's library model `cuba-lif`.
 */
export function cubaScenario(options: CubaOptions = {}): NetworkScenario {
  const { n = 4000, probability = 0.02, duration = 1000, dtype = 'float64' } = options;
  const excitatory = Math.round(0.8 * n);
  const connector = (source: 'exc' | 'inh', seed: number) =>
    options.connector === 'fixed-in-degree'
      ? {
          kind: 'fixed-in-degree' as const,
          inDegree: Math.round(probability * (source === 'exc' ? excitatory : n - excitatory)),
          seed,
        }
      : { kind: 'fixed-probability' as const, probability, seed };
  const projection = (source: 'exc' | 'inh', seed: number) => ({
    source,
    target: ['exc', 'inh'],
    synapse: {
      name: source === 'exc' ? 'excitatory' : 'inhibitory',
      onPre: source === 'exc' ? 'ge += w' : 'gi += w',
      variables: { w: source === 'exc' ? CUBA_WEIGHTS.excitatory : CUBA_WEIGHTS.inhibitory },
    },
    connector: connector(source, seed),
  });
  return {
    network: {
      dt: 0.1,
      dtype,
      duration,
      populations: [
        { name: 'exc', model: 'cuba-lif', n: excitatory, init: { v: { uniform: [-60, -50], seed: 1 } } },
        { name: 'inh', model: 'cuba-lif', n: n - excitatory, init: { v: { uniform: [-60, -50], seed: 2 } } },
      ],
      projections: [projection('exc', 11), projection('inh', 12)],
    },
  };
}
