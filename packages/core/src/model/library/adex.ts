import type { ModelSpec } from '../spec.js';

/**
 * Adaptive exponential integrate-and-fire (Brette & Gerstner 2005), with their parameters:
 * `C dv/dt = -gL (v - EL) + gL deltaT exp((v - VT)/deltaT) - w + I`, `tauW dw/dt = a (v - EL) - w`;
 * at v >= vPeak: v = vReset, w += b. Currents in pA, conductances in nS, capacitance in pF.
 */
export const ADEX_MODEL: ModelSpec = {
  name: 'adex',
  description: 'Adaptive exponential integrate-and-fire neuron',
  inputUnit: 'pA',
  reference: 'Brette & Gerstner (2005), J. Neurophysiol. 94:3637',
  parameters: {
    C: { default: 281, unit: 'pF', constraint: 'positive', description: 'membrane capacitance' },
    gL: { default: 30, unit: 'nS', constraint: 'positive', description: 'leak conductance' },
    EL: { default: -70.6, unit: 'mV', description: 'leak reversal potential' },
    VT: { default: -50.4, unit: 'mV', description: 'threshold slope point' },
    deltaT: { default: 2, unit: 'mV', constraint: 'positive', description: 'slope factor' },
    tauW: { default: 144, unit: 'ms', constraint: 'positive', description: 'adaptation time constant' },
    a: { default: 4, unit: 'nS', description: 'subthreshold adaptation' },
    b: { default: 80.5, unit: 'pA', description: 'spike-triggered adaptation increment' },
    vReset: { default: -70.6, unit: 'mV', description: 'potential after a spike' },
    vPeak: { default: 20, unit: 'mV', description: 'spike detection; also caps v inside exp() (NEST)' },
    refracLength: {
      default: 0,
      unit: 'ms',
      constraint: 'nonnegative',
      description: 'refractory period (none in the paper)',
    },
  },
  state: {
    v: { initial: 'EL', unit: 'mV', description: 'membrane potential' },
    w: { initial: 0, unit: 'pA', description: 'adaptation current' },
  },
  definitions: { leak: '-gL*(v - EL)', spikeCurrent: 'gL*deltaT*exp((v - VT)/deltaT)' },
  equations: { v: '(leak + spikeCurrent - w + I) / C', w: '(a*(v - EL) - w) / tauW' },
  threshold: 'v >= vPeak',
  reset: { v: 'vReset', w: 'w + b' },
  refractory: { period: 'refracLength', freeze: ['v'] },
  overflowGuard: { v: 'vPeak' },
};
