import type { ModelSpec } from '../spec.js';

/**
 * LIF with an adaptive threshold: every spike raises the threshold by thetaPlus, which relaxes back to
 * theta0 with time constant tauTheta.
 */
export const ADAPTIVE_LIF_MODEL: ModelSpec = {
  name: 'adaptive-lif',
  description: 'Leaky integrate-and-fire neuron with an adaptive threshold',
  inputUnit: 'nA',
  reference:
    'Gerstner, Kistler, Naud & Paninski, Neuronal Dynamics (2014), ch. 6.1; Diehl & Cook (2015), Front. Comput. Neurosci. 9:99',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive', description: 'membrane time constant' },
    R: { default: 20, unit: 'MΩ', description: 'membrane resistance' },
    restPot: { default: -62, unit: 'mV', description: 'resting potential' },
    resetPot: { default: -62, unit: 'mV', description: 'potential after a spike' },
    theta0: { default: -52, unit: 'mV', description: 'threshold at rest' },
    thetaPlus: { default: 2, unit: 'mV', description: 'threshold increase per spike' },
    tauTheta: {
      default: 100,
      unit: 'ms',
      constraint: 'positive',
      description: 'threshold relaxation time constant',
    },
    refracLength: { default: 5, unit: 'ms', constraint: 'nonnegative', description: 'refractory period' },
  },
  state: {
    v: { initial: 'restPot', unit: 'mV', description: 'membrane potential' },
    theta: { initial: 'theta0', unit: 'mV', description: 'threshold' },
  },
  equations: { v: '(R*I + restPot - v) / tau', theta: '(theta0 - theta) / tauTheta' },
  threshold: 'v >= theta',
  reset: { v: 'resetPot', theta: 'theta + thetaPlus' },
  refractory: { period: 'refracLength', freeze: ['v'] },
};
