import type { ModelSpec } from '@synapticflow/core';

/**
 * The feed-forward reference's neuron (fixtures/networks/README.md): LIF with an exponential synaptic
 * potential ge and a constant drive I, both in mV; the refractory period is written as Brian2 counts it.
 */
export const FEEDFORWARD_NEURON: ModelSpec = {
  name: 'brian2-feedforward-lif',
  inputUnit: 'mV',
  reference: 'fixtures/networks/feedforward.brian2.json.gz (Brian2 2.5.1)',
  parameters: {
    tau: { default: 10, unit: 'ms', constraint: 'positive' },
    tauE: { default: 3, unit: 'ms', constraint: 'positive' },
    El: { default: -65, unit: 'mV' },
    Vt: { default: -50, unit: 'mV' },
    Vr: { default: -70, unit: 'mV' },
    refracLength: { default: 2, unit: 'ms', constraint: 'positive' },
  },
  state: { v: { initial: 'Vr', unit: 'mV' }, ge: { initial: 0, unit: 'mV' } },
  equations: { v: '(El - v + ge + I) / tau', ge: '-ge / tauE' },
  threshold: 'v > Vt',
  reset: { v: 'Vr' },
  refractory: { period: 'refracLength - dt', freeze: ['v'] },
};

/**
 * A neuron whose arithmetic is exact in binary: v grows by I*dt per step (dt = 0.125 ms), spikes at v >= 1
 * and resets to 0, so spike steps and v are known by hand; x only sums the synaptic events it receives.
 */
export const COUNTER_NEURON: ModelSpec = {
  name: 'counter',
  inputUnit: '1/ms',
  reference: 'conformance network suite',
  parameters: {},
  state: { v: { initial: 0 }, x: { initial: 0 } },
  equations: { v: 'I', x: '0' },
  threshold: 'v >= 1',
  reset: { v: '0' },
};

/** A receiver without a threshold: x sums the events it receives, nothing else changes it. */
export const TALLY_NEURON: ModelSpec = {
  name: 'tally',
  reference: 'conformance network suite',
  parameters: {},
  state: { x: { initial: 0 } },
  equations: { x: '0' },
};
