import type { ModelSpec } from '../spec.js';

/**
 * Izhikevich (2003): `dv/dt = 0.04 v^2 + 5 v + 140 - u + I`, `du/dt = a (b v - u)`; at v >= vPeak (30 mV):
 * v = c, u += d. Time in ms, v in mV; I in the model's own units (10 drives the classic patterns).
 */
export const IZHIKEVICH_MODEL: ModelSpec = {
  name: 'izhikevich',
  description: 'Izhikevich simple model',
  inputUnit: 'model units (≈ pA/pF)',
  reference: 'Izhikevich (2003), IEEE Trans. Neural Netw. 14:1569',
  parameters: {
    a: { default: 0.02, unit: '1/ms', description: 'recovery time scale' },
    b: { default: 0.2, unit: '1', description: 'recovery sensitivity to v' },
    c: { default: -65, unit: 'mV', description: 'reset potential' },
    d: { default: 8, unit: '1', description: 'recovery increment per spike' },
    vPeak: { default: 30, unit: 'mV', description: 'spike cutoff; also caps v in rk2/rk4 stages' },
  },
  state: {
    v: { initial: -65, unit: 'mV', description: 'membrane potential' },
    u: { initial: 'b*(-65)', unit: '1', description: 'recovery variable' },
  },
  equations: { v: '0.04*v^2 + 5*v + 140 - u + I', u: 'a*(b*v - u)' },
  threshold: 'v >= vPeak',
  reset: { v: 'c', u: 'u + d' },
  // v^2 diverges in finite time: rk2/rk4 stages never evaluate the model past the spike cutoff.
  overflowGuard: { v: 'vPeak' },
};

/** The parameter sets of Izhikevich (2003), fig. 2, for the classic cortical firing patterns. */
export const IZHIKEVICH_PRESETS = {
  regularSpiking: { a: 0.02, b: 0.2, c: -65, d: 8 },
  fastSpiking: { a: 0.1, b: 0.2, c: -65, d: 2 },
  intrinsicallyBursting: { a: 0.02, b: 0.2, c: -55, d: 4 },
  chattering: { a: 0.02, b: 0.2, c: -50, d: 2 },
} as const;
