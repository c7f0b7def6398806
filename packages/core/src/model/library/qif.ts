import type { ModelSpec } from '../spec.js';

/** Quadratic integrate-and-fire: `tau dv/dt = a0 (v - restPot)(v - criticalPot) + R I`. */
export const QIF_MODEL: ModelSpec = {
  name: 'qif',
  description: 'Quadratic integrate-and-fire neuron',
  inputUnit: 'nA',
  reference:
    'Latham, Richmond, Nelson & Nirenberg (2000), J. Neurophysiol. 83:808; Neuronal Dynamics (2014), ch. 5.3',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive', description: 'membrane time constant' },
    a0: { default: 0.1, unit: '1/mV', constraint: 'positive', description: 'sharpness of the quadratic' },
    restPot: { default: -62, unit: 'mV', description: 'stable fixed point (rest)' },
    criticalPot: { default: -54, unit: 'mV', description: 'unstable fixed point; above it v runs away' },
    resetPot: { default: -62, unit: 'mV', description: 'potential after a spike' },
    threshold: { default: -40, unit: 'mV', description: 'spike detection, past the runaway' },
    R: { default: 20, unit: 'MΩ', description: 'membrane resistance' },
    refracLength: { default: 5, unit: 'ms', constraint: 'nonnegative', description: 'refractory period' },
  },
  state: { v: { initial: 'restPot', unit: 'mV', description: 'membrane potential' } },
  equations: { v: '(a0*(v - restPot)*(v - criticalPot) + R*I) / tau' },
  threshold: 'v >= threshold',
  reset: { v: 'resetPot' },
  refractory: { period: 'refracLength', freeze: ['v'] },
  // The quadratic diverges in finite time: rk2/rk4 stages never evaluate the model past the threshold.
  overflowGuard: { v: 'threshold' },
};
