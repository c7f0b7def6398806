import { ELIFPopulation } from '@synapticflow/core';
import { binary, call, ident, type KernelInput, num, type StepProgram } from '@synapticflow/core/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, test } from 'vitest';
import { capturing } from '../test/backends.js';
import { BOOLEAN_SELECT } from '../test/models.js';
import { type TfjsKernel, tfjsBackend } from './index.js';

const ELIF_STEP = [
  'Greater', // refractory > 0
  'Sub', // refractory - 1
  'Maximum', // countdown = max(..., 0)
  'Sub', // (R*I + restPot) - v
  'Sub', // v - thetaRh (the division by deltaT = 1 is folded away)
  'Exp', // (deltaT * is folded away)
  'Add',
  'RealDiv', // / tau
  'Multiply', // * dt
  'Add', // v + ...
  'Select', // refractory freeze
  'GreaterEqual', // spike
  'Select', // refractory = spiked ? steps : countdown
  'Select', // reset
  'Multiply', // trace decay
  'Select', // trace = 1 on a spike
];

describe('compiled ELIF plan', () => {
  const { backend, kernels } = capturing(tfjsBackend());
  const population = new ELIFPopulation({ n: 4, batchSize: 2, backend });
  const kernel = kernels[0]!;
  afterAll(() => population.dispose());

  test('16 kernels per step; R*I + restPot runs once per run when the input is constant', () => {
    for (const layout of ['scalar', 'neuron', 'full'] as const) {
      expect(kernel.plan({ layout, perStep: false })).toEqual({ run: ['Multiply', 'Add'], step: ELIF_STEP });
    }
  });

  test('with a per-step input (data per step or a callback) they run on every step', () => {
    const stepwise = {
      run: [],
      step: [...ELIF_STEP.slice(0, 3), 'Multiply', 'Add', ...ELIF_STEP.slice(3)],
    };
    expect(kernel.plan({ layout: 'full', perStep: true })).toEqual(stepwise);
    expect(kernel.plan({ layout: 'neuron', perStep: false, beforeStep: () => {} })).toEqual(stepwise);
  });
});

describe('compileStep', () => {
  // a takes b's old value, b a parameter, c = (c + w) * (c + w); `unused` is never read.
  const cw = binary('+', ident('c'), ident('w'));
  const program: StepProgram = {
    specificationVersion: 'v1',
    model: 'plumbing',
    parameters: ['k', 'w'],
    derived: [],
    state: ['a', 'b', 'c'].map((name) => ({ name, type: 'number' as const, initial: num(0) })),
    statements: [
      { kind: 'let', name: 'unused', expr: call('exp', ident('a')) },
      { kind: 'set', name: 'a', expr: ident('b') },
      { kind: 'set', name: 'b', expr: ident('k') },
      { kind: 'set', name: 'c', expr: binary('*', cw, cw) },
    ],
    spikes: null,
    dt: 0.1,
  };
  const input: KernelInput = { layout: 'scalar', perStep: false, data: Float32Array.of(0) };

  test('shares common subexpressions, drops unused ones, and gives each state variable its own tensor', () => {
    const before = tf.memory().numTensors;
    const kernel = tfjsBackend({ fused: false }).createKernel({
      program,
      dtype: 'float32',
      n: 2,
      batchSize: 2,
      parameters: new Map<string, number | Float64Array>([
        ['k', 3],
        ['w', Float64Array.of(1, 2)],
      ]),
    }) as TfjsKernel;
    expect(kernel.plan(input)).toEqual({
      run: [],
      step: ['Add', 'Multiply', 'Identity', 'BroadcastTo'],
    });
    kernel.writeState('a', [1, 2, 3, 4]);
    kernel.writeState('b', [5, 6, 7, 8]);
    kernel.writeState('c', [0, 1, 2, 3]);
    kernel.run({ steps: 1, firstStep: 0, input, recordings: [] });
    expect(Array.from(kernel.readState('a'))).toEqual([5, 6, 7, 8]);
    expect(Array.from(kernel.readState('b'))).toEqual([3, 3, 3, 3]);
    expect(Array.from(kernel.readState('c'))).toEqual([1, 9, 9, 25]);
    const afterOne = tf.memory().numTensors;
    kernel.run({ steps: 3, firstStep: 1, input, recordings: [] });
    expect(Array.from(kernel.readState('a'))).toEqual([3, 3, 3, 3]);
    expect(tf.memory().numTensors).toBe(afterOne);
    kernel.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a select between booleans', () => {
  test('compiles to logic (tfjs-wasm cannot Select booleans) and toggles as written', () => {
    const kernel = tfjsBackend({ fused: false }).createKernel({
      program: BOOLEAN_SELECT,
      dtype: 'float32',
      n: 3,
      batchSize: 1,
      parameters: new Map(),
    }) as TfjsKernel;
    // I > 0 and not (I > 0) depend on the constant input only: once per run.
    expect(kernel.plan({ layout: 'neuron', perStep: false })).toEqual({
      run: ['Greater', 'LogicalNot'],
      step: ['LogicalNot', 'LogicalAnd', 'LogicalAnd', 'LogicalOr', 'Select', 'Add'],
    });
    const input: KernelInput = { layout: 'neuron', perStep: false, data: Float32Array.of(1, 0, 1) };
    kernel.run({ steps: 5, firstStep: 0, input, recordings: [] });
    expect(Array.from(kernel.readState('flag'))).toEqual([1, 0, 1]);
    expect(Array.from(kernel.readState('count'))).toEqual([3, 0, 3]);
    kernel.dispose();
  });
});
