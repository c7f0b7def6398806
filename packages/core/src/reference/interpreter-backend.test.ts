import { describe, expect, test } from 'vitest';
import type { KernelInput } from '../backend.js';
import { BackendError } from '../errors.js';
import { validateModel } from '../model/validate.js';
import { buildProgram } from '../program/build.js';
import { interpreterBackend } from './interpreter-backend.js';

// The test backend itself: a model whose state `x` accumulates I and whose `n` counts steps.
const MODEL = validateModel({
  name: 'acc',
  parameters: { k: { default: 1 } },
  state: { x: { initial: 0 }, clock: { initial: 0 } },
  equations: { x: 'k * I', clock: 't' },
  threshold: 'x > 100',
});

function kernel(dtype: 'float32' | 'float64' = 'float64', k: number | Float64Array = 1) {
  const program = buildProgram(MODEL, { dt: 1 });
  const backend = interpreterBackend();
  return backend.createKernel({ program, dtype, n: 2, batchSize: 2, parameters: new Map([['k', k]]) });
}

const run = (kern: ReturnType<typeof kernel>, input: KernelInput, steps = 1, firstStep = 0) =>
  kern.run({ steps, firstStep, input, recordings: [] });

describe('interpreter backend', () => {
  test('honours scalar, neuron and full layouts', () => {
    const kern = kernel();
    run(kern, { layout: 'scalar', perStep: false, data: Float64Array.from([1]) });
    run(kern, { layout: 'neuron', perStep: false, data: Float64Array.from([10, 20]) });
    run(kern, { layout: 'full', perStep: false, data: Float64Array.from([100, 200, 300, 400]) });
    expect([...kern.readState('x')]).toEqual([111, 221, 311, 421]);
    expect([...kern.readState('s')]).toEqual([1, 1, 1, 1]);
  });

  test('honours perStep blocks, beforeStep and t = (firstStep + k) * dt', () => {
    const kern = kernel();
    run(kern, { layout: 'neuron', perStep: true, data: Float64Array.from([1, 2, 3, 4]) }, 2, 5);
    expect([...kern.readState('x')]).toEqual([4, 6, 4, 6]);
    expect([...kern.readState('clock')]).toEqual([11, 11, 11, 11]); // t = 5 + 6
    const data = new Float64Array(4);
    const steps: number[] = [];
    const beforeStep = (k: number) => {
      steps.push(k);
      data.fill(k);
    };
    run(kern, { layout: 'full', perStep: false, data, beforeStep }, 3);
    expect(steps).toEqual([0, 1, 2]);
    expect([...kern.readState('x')]).toEqual([7, 9, 7, 9]);
  });

  test('records every stride steps', () => {
    const kern = kernel();
    const buffer = new Float64Array(2 * 4);
    kern.run({
      steps: 4,
      firstStep: 0,
      input: { layout: 'scalar', perStep: false, data: Float64Array.from([1]) },
      recordings: [{ name: 'x', stride: 3, buffer }],
    });
    expect([...buffer]).toEqual([1, 1, 1, 1, 4, 4, 4, 4]);
  });

  test('float32 rounds parameters, inputs and arithmetic; per-neuron parameters', () => {
    const kern = kernel('float32', Float64Array.from([0.1, 3]));
    run(kern, { layout: 'scalar', perStep: false, data: Float32Array.from([0.7]) });
    const f = Math.fround;
    expect([...kern.readState('x')]).toEqual([
      f(f(f(0.1) * f(0.7)) * 1),
      f(3 * f(0.7)),
      f(f(0.1) * f(0.7)),
      f(3 * f(0.7)),
    ]);
    expect(kern.readState('x')).toBeInstanceOf(Float32Array);
  });

  test('writeState, readState copies, findNaN, errors and dispose', async () => {
    const kern = kernel();
    kern.writeState('x', [1, 2, 3, Number.NaN]);
    kern.writeState('s', [0, 2, 0, 1]);
    expect([...kern.readState('s')]).toEqual([0, 1, 0, 1]);
    expect(kern.findNaN!()).toEqual({ state: 'x', index: 3 });
    expect(() => kern.writeState('x', [1])).toThrow(BackendError);
    expect(() => kern.readState('nope')).toThrow(BackendError);
    const copy = kern.readState('x');
    copy[0] = 99;
    expect((await kern.readStateAsync('x'))[0]).toBe(1);
    kern.dispose();
    expect(() => kern.readState('x')).toThrow('kernel used after dispose()');
    expect(() => run(kern, { layout: 'scalar', perStep: false, data: Float64Array.from([1]) })).toThrow(
      BackendError,
    );
  });

  test('a missing parameter is refused', () => {
    const program = buildProgram(MODEL, { dt: 1 });
    expect(() =>
      interpreterBackend().createKernel({
        program,
        dtype: 'float64',
        n: 1,
        batchSize: 1,
        parameters: new Map(),
      }),
    ).toThrow('no value for parameter "k"');
  });
});
