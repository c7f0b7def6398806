import type { ModelSpec } from '../spec.js';

/**
 * The current-based network neuron of Brette et al. (2007), benchmark 2 (CUBA), as in Brian2's CUBA example:
 * `taum dv/dt = ge + gi - (v - El) + I`, with excitatory and inhibitory synaptic potentials ge and gi (mV)
 * decaying on their own and raised by synaptic events (`ge += we`). El lies above Vt, so the neuron fires
 * without input. The refractory period is counted as Brian2 counts it: a spike at step k freezes v for steps
 * k+1 to k+refracLength/dt-1, hence `refracLength - dt` (docs/custom-models.md, "Refractory periods and Brian2").
 */
export const CUBA_LIF_MODEL: ModelSpec = {
  name: 'cuba-lif',
  description: 'Leaky integrate-and-fire neuron with current-based exponential synapses (CUBA benchmark)',
  inputUnit: 'mV',
  reference: 'Brette et al. (2007), J Comput Neurosci 23:349, benchmark 2 (CUBA); Brian2 examples/CUBA.py',
  parameters: {
    taum: { default: 20, unit: 'ms', constraint: 'positive', description: 'membrane time constant' },
    taue: {
      default: 5,
      unit: 'ms',
      constraint: 'positive',
      description: 'excitatory synaptic time constant',
    },
    taui: {
      default: 10,
      unit: 'ms',
      constraint: 'positive',
      description: 'inhibitory synaptic time constant',
    },
    El: { default: -49, unit: 'mV', description: 'resting potential (above threshold: spontaneous firing)' },
    Vt: { default: -50, unit: 'mV', description: 'spike threshold' },
    Vr: { default: -60, unit: 'mV', description: 'potential after a spike' },
    refracLength: {
      default: 5,
      unit: 'ms',
      constraint: 'positive',
      description: 'refractory period as Brian2 counts it (refracLength/dt - 1 frozen steps)',
    },
  },
  state: {
    v: { initial: 'Vr', unit: 'mV', description: 'membrane potential' },
    ge: { initial: 0, unit: 'mV', description: 'excitatory synaptic potential' },
    gi: { initial: 0, unit: 'mV', description: 'inhibitory synaptic potential' },
  },
  equations: { v: '(ge + gi - (v - El) + I) / taum', ge: '-ge / taue', gi: '-gi / taui' },
  threshold: 'v > Vt',
  reset: { v: 'Vr' },
  refractory: { period: 'refracLength - dt', freeze: ['v'] },
};
