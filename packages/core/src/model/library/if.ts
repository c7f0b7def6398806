import type { ModelSpec } from '../spec.js';

/** Perfect integrate-and-fire: the membrane integrates the input without leak, `tau dv/dt = R I`. */
export const IF_MODEL: ModelSpec = {
  name: 'if',
  description: 'Integrate-and-fire neuron without leak',
  inputUnit: 'nA',
  reference: 'Lapicque (1907); Gerstner, Kistler, Naud & Paninski, Neuronal Dynamics (2014), ch. 1',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive', description: 'membrane time constant R C' },
    R: { default: 20, unit: 'MΩ', description: 'membrane resistance' },
    restPot: { default: -62, unit: 'mV', description: 'initial potential' },
    resetPot: { default: -62, unit: 'mV', description: 'potential after a spike' },
    threshold: { default: -52, unit: 'mV', description: 'spike threshold' },
    refracLength: { default: 5, unit: 'ms', constraint: 'nonnegative', description: 'refractory period' },
  },
  state: { v: { initial: 'restPot', unit: 'mV', description: 'membrane potential' } },
  equations: { v: 'R*I / tau' },
  threshold: 'v >= threshold',
  reset: { v: 'resetPot' },
  refractory: { period: 'refracLength', freeze: ['v'] },
};
