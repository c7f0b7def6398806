import type { Backend } from '@synapticflow/core';
import { defineModel } from '@synapticflow/core';
import {
  binary,
  ident,
  type KernelInput,
  num,
  type StepProgram,
  select,
  unary,
} from '@synapticflow/core/backend';

/** A user's model with two state variables: adaptive leaky integrate-and-fire (v and adaptation w). */
export const ADAPTIVE_LIF = defineModel({
  name: 'adaptive-lif',
  parameters: {
    tau: { default: 10, constraint: 'positive' },
    tauW: { default: 100, constraint: 'positive' },
    a: { default: 0.5 },
    b: { default: 0.2 },
    R: { default: 20 },
    vRest: { default: -65 },
    vReset: { default: -68 },
    vTh: { default: -50 },
  },
  state: { v: { initial: 'vRest' }, w: { initial: 0 } },
  equations: { v: '(vRest - v + R*I - R*w) / tau', w: '(a*(v - vRest) - w) / tauW' },
  threshold: 'v >= vTh',
  reset: { v: 'vReset', w: 'w + b' },
  refractory: { period: '2', freeze: ['v'] },
  bounds: { w: { upper: '5' } },
});

/** Every operator and function of the expression language, and the time `t`. */
export const EVERY_OPERATION = defineModel({
  name: 'every-operation',
  parameters: { tau: { default: 5 }, gain: { default: 1.5 }, one: { default: 1 } },
  state: { x: { initial: 0.1 }, y: { initial: '-gain' } },
  equations: {
    x: '-x/tau + pow(abs(I), 0.5) * min(1, t/10) + log(1 + sqrt(abs(y))) * one - max(x, 0)^2 / 10',
    y: '(tanh(x) - y) / (tau*one) + exp(-t/20) * (I/one)',
  },
  threshold: '(x > 0.8 and not (y == 2)) or (x < -5 and y != 0)',
  reset: { x: '0 - gain/10', y: 'y/2' },
});

/** A model without a threshold: no spikes, no traces. */
export const LEAKY_INTEGRATOR = defineModel({
  name: 'leaky-integrator',
  parameters: { tau: { default: 20, constraint: 'positive' } },
  state: { x: { initial: 0 } },
  equations: { x: '(I - x) / tau' },
});

/** A step program with a select between booleans (the program builder makes none today; others may). */
export const BOOLEAN_SELECT: StepProgram = {
  specificationVersion: 'v1',
  model: 'toggle',
  parameters: [],
  derived: [],
  state: [
    { name: 'flag', type: 'boolean', initial: { kind: 'boolean', value: false } },
    { name: 'count', type: 'number', initial: num(0) },
  ],
  statements: [
    // flag toggles on every step with positive input; count counts the steps that end with the flag up.
    {
      kind: 'set',
      name: 'flag',
      expr: select(binary('>', ident('I'), num(0)), unary('not', ident('flag')), ident('flag')),
    },
    { kind: 'set', name: 'count', expr: binary('+', ident('count'), select(ident('flag'), num(1), num(0))) },
  ],
  spikes: null,
  dt: 0.1,
};

/** BOOLEAN_SELECT's state after 5 steps on `backend`, 3 neurons in 2 batch rows driven with 1, 0, 1. */
export function runBooleanSelect(backend: Backend): { flag: number[]; count: number[] } {
  const kernel = backend.createKernel({
    program: BOOLEAN_SELECT,
    dtype: 'float32',
    n: 3,
    batchSize: 2,
    parameters: new Map(),
  });
  const input: KernelInput = { layout: 'neuron', perStep: false, data: Float32Array.of(1, 0, 1) };
  try {
    kernel.run({ steps: 5, firstStep: 0, input, recordings: [] });
    return { flag: Array.from(kernel.readState('flag')), count: Array.from(kernel.readState('count')) };
  } finally {
    kernel.dispose();
  }
}

/** What `runBooleanSelect` must give: the flag holds each input (toggled 5 times), count the steps it was up. */
export const BOOLEAN_SELECT_AFTER_5_STEPS = { flag: [1, 0, 1, 1, 0, 1], count: [3, 0, 3, 3, 0, 3] };
