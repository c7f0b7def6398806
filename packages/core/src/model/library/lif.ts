import type { ModelSpec } from '../spec.js';

/** Leaky integrate-and-fire: `tau dv/dt = -(v - restPot) + R I`. */
export const LIF_MODEL: ModelSpec = {
  name: 'lif',
  description: 'Leaky integrate-and-fire neuron',
  inputUnit: 'nA',
  reference: 'Lapicque (1907); Gerstner, Kistler, Naud & Paninski, Neuronal Dynamics (2014), ch. 1.3',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive', description: 'membrane time constant' },
    R: { default: 20, unit: 'MΩ', description: 'membrane resistance' },
    restPot: { default: -62, unit: 'mV', description: 'resting potential' },
    resetPot: { default: -62, unit: 'mV', description: 'potential after a spike' },
    threshold: { default: -52, unit: 'mV', description: 'spike threshold' },
    refracLength: { default: 5, unit: 'ms', constraint: 'nonnegative', description: 'refractory period' },
  },
  state: { v: { initial: 'restPot', unit: 'mV', description: 'membrane potential' } },
  equations: { v: '(R*I + restPot - v) / tau' },
  threshold: 'v >= threshold',
  reset: { v: 'resetPot' },
  refractory: { period: 'refracLength', freeze: ['v'] },
};
