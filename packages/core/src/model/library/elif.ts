import { defineModel } from '../define.js';

/**
 * Exponential leaky integrate-and-fire, with the parameters, defaults and per-step order of SynapticFlow's
 * `ELIFPopulation` (the seed). `R*I + restPot - v + ...` keeps the seed's operand order, so float32 runs
 * round exactly as the seed's PyTorch code does.
 */
export const ELIF_MODEL = defineModel({
  name: 'elif',
  description: 'Exponential leaky integrate-and-fire neuron (SynapticFlow ELIFPopulation)',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive', description: 'membrane time constant' },
    threshold: { default: -52, unit: 'mV', description: 'spike threshold u_th' },
    thetaRh: { default: -60, unit: 'mV', description: 'rheobase potential θ_rh' },
    deltaT: { default: 1, unit: 'mV', constraint: 'positive', description: 'sharpness Δ_T' },
    restPot: { default: -62, unit: 'mV', description: 'resting potential' },
    resetPot: { default: -62, unit: 'mV', description: 'potential after a spike' },
    refracLength: { default: 5, unit: 'ms', constraint: 'nonnegative', description: 'refractory period' },
    R: { default: 20, unit: 'MΩ', description: 'membrane resistance' },
    lowerBound: {
      default: null,
      nullable: true,
      perNeuron: false,
      unit: 'mV',
      description: 'v is clamped from below after the reset; null for no bound',
    },
    vPeak: {
      default: null,
      nullable: true,
      perNeuron: false,
      unit: 'mV',
      description: 'overflow guard: v is capped at vPeak inside exp() (NEST); null (the seed) for no cap',
    },
  },
  state: { v: { initial: 'resetPot', unit: 'mV', description: 'membrane potential' } },
  equations: { v: '(R*I + restPot - v + deltaT*exp((v - thetaRh)/deltaT)) / tau' },
  threshold: 'v >= threshold',
  reset: { v: 'resetPot' },
  refractory: { period: 'refracLength', freeze: ['v'] },
  bounds: { v: { lower: 'lowerBound' } },
  overflowGuard: { v: 'vPeak' },
  inputUnit: 'nA',
  reference:
    'Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel (2003), J. Neurosci. 23:11628; SynapticFlow ELIFPopulation',
});
