import type { ModelSpec } from '../spec.js';

/**
 * LIF driven through an exponential synaptic current: the input I is low-pass filtered,
 * `tauSyn dIsyn/dt = I - Isyn`, and Isyn drives the membrane, `tau dv/dt = -(v - restPot) + R Isyn`.
 */
export const LIF_EXP_SYNAPSE_MODEL: ModelSpec = {
  name: 'lif-exp-synapse',
  description: 'Leaky integrate-and-fire neuron with an exponential synaptic current',
  inputUnit: 'nA',
  reference: 'NEST iaf_psc_exp; Tsodyks, Uziel & Markram (2000); Neuronal Dynamics (2014), ch. 3.1',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive', description: 'membrane time constant' },
    tauSyn: { default: 5, unit: 'ms', constraint: 'positive', description: 'synaptic current time constant' },
    R: { default: 20, unit: 'MΩ', description: 'membrane resistance' },
    restPot: { default: -62, unit: 'mV', description: 'resting potential' },
    resetPot: { default: -62, unit: 'mV', description: 'potential after a spike' },
    threshold: { default: -52, unit: 'mV', description: 'spike threshold' },
    refracLength: { default: 2, unit: 'ms', constraint: 'nonnegative', description: 'refractory period' },
  },
  state: {
    v: { initial: 'restPot', unit: 'mV', description: 'membrane potential' },
    Isyn: { initial: 0, unit: 'nA', description: 'synaptic current' },
  },
  equations: { v: '(R*Isyn + restPot - v) / tau', Isyn: '(I - Isyn) / tauSyn' },
  threshold: 'v >= threshold',
  reset: { v: 'resetPot' },
  refractory: { period: 'refracLength', freeze: ['v'] },
};
