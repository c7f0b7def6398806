import { describe, expect, test } from 'vitest';
import { InputError } from '../errors.js';
import { thrown } from '../testing/helpers.js';
import { type InputShape, prepareRunInput, prepareStepInput } from './input.js';

const shape = (n: number, batchSize: number, dtype: 'float32' | 'float64' = 'float32'): InputShape => ({
  n,
  batchSize,
  dtype,
  makeArray: (length) => (dtype === 'float32' ? new Float32Array(length) : new Float64Array(length)),
});

describe('prepareStepInput', () => {
  test('a number is a scalar layout in the dtype', () => {
    const input = prepareStepInput(0.1, shape(3, 2));
    expect(input.layout).toBe('scalar');
    expect(input.perStep).toBe(false);
    expect(input.data).toEqual(Float32Array.from([0.1]));
    expect(input.beforeStep).toBeUndefined();
  });

  test('n values are a neuron layout, batchSize*n a full layout', () => {
    expect(prepareStepInput([1, 2, 3], shape(3, 2)).layout).toBe('neuron');
    expect(prepareStepInput([1, 2, 3, 4, 5, 6], shape(3, 2)).layout).toBe('full');
    // With batch size 1 the two coincide; the neuron layout is chosen.
    expect(prepareStepInput([1, 2, 3], shape(3, 1)).layout).toBe('neuron');
    // With n = 1 a single value is a scalar.
    expect(prepareStepInput([7], shape(1, 1)).layout).toBe('scalar');
  });

  test('arrays are converted to the dtype; an array of the dtype is used as is', () => {
    const plain = [0.1, 0.2, 0.3];
    const converted = prepareStepInput(plain, shape(3, 1));
    expect(converted.data).toBeInstanceOf(Float32Array);
    expect([...converted.data]).toEqual(plain.map(Math.fround));
    const same = Float32Array.from(plain);
    expect(prepareStepInput(same, shape(3, 1)).data).toBe(same);
    const f64 = Float64Array.from(plain);
    const toF32 = prepareStepInput(f64, shape(3, 1));
    expect(toF32.data).not.toBe(f64);
    expect(toF32.data).toBeInstanceOf(Float32Array);
    expect(prepareStepInput(f64, shape(3, 1, 'float64')).data).toBe(f64);
  });

  test('wrong length and non-finite values', () => {
    expect(() => prepareStepInput([1, 2], shape(3, 2))).toThrow(InputError);
    const error = thrown(() => prepareStepInput([1, 2, 3, 4, Number.NaN, 6], shape(3, 2), 'x'), InputError);
    expect(error.message).toBe(
      'x[4] (batch row 1, neuron 1) is NaN; inputs must be finite numbers in float32 (|x| <= 3.4028234663852886e38)',
    );
    expect(() => prepareStepInput(Number.NaN, shape(1, 1), 'current')).toThrow('current is NaN');
  });
});

describe('prepareRunInput', () => {
  test('undefined is a zero scalar', () => {
    const input = prepareRunInput(undefined, 5, shape(2, 2));
    expect(input.layout).toBe('scalar');
    expect([...input.data]).toEqual([0]);
  });

  test('{ steps } picks the per-step layout from the length', () => {
    expect(prepareRunInput({ steps: [1, 2, 3] }, 3, shape(2, 2))).toMatchObject({
      layout: 'scalar',
      perStep: true,
    });
    expect(prepareRunInput({ steps: new Array(6).fill(1) }, 3, shape(2, 2))).toMatchObject({
      layout: 'neuron',
      perStep: true,
    });
    expect(prepareRunInput({ steps: new Array(12).fill(1) }, 3, shape(2, 2))).toMatchObject({
      layout: 'full',
      perStep: true,
    });
  });

  test('a callback gets a full-layout buffer and is checked after each fill', () => {
    const calls: number[] = [];
    const input = prepareRunInput(
      (step, buffer) => {
        calls.push(step);
        buffer.fill(step === 1 ? Number.POSITIVE_INFINITY : step);
      },
      3,
      shape(2, 2),
    );
    expect(input).toMatchObject({ layout: 'full', perStep: false });
    expect(input.data).toHaveLength(4);
    input.beforeStep!(0);
    expect([...input.data]).toEqual([0, 0, 0, 0]);
    expect(() => input.beforeStep!(1)).toThrow('input of step 1[0] (batch row 0, neuron 0) is Infinity');
    expect(calls).toEqual([0, 1]);
  });

  test('an object of another shape is refused', () => {
    expect(() => prepareRunInput({ value: 1 } as never, 1, shape(1, 1))).toThrow(
      'input must be a number, an array, { constant }, { steps } or a function (step, buffer) => void',
    );
  });

  test.each(['1', null])('%j is refused with an InputError', (input) => {
    expect(() => prepareRunInput(input as never, 1, shape(1, 1))).toThrow(InputError);
  });
});
