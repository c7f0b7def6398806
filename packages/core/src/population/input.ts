import type { FloatArray, KernelInput } from '../backend.js';
import { InputError } from '../errors.js';

/** What `forward` and `run` accept as the input current of one step. */
export type StepInput = number | ArrayLike<number>;

/** Input for a multi-step run. */
export type RunInput =
  | StepInput
  | { constant: StepInput }
  /** `steps` blocks of 1, n or batchSize*n values back to back (T x ...), row-major. */
  | { steps: ArrayLike<number> }
  /** Fills `buffer` (batchSize*n values, row-major) with the input of step `step` of this run. */
  | ((step: number, buffer: FloatArray) => void);

export interface InputShape {
  n: number;
  batchSize: number;
  makeArray(length: number): FloatArray;
}

/** Checks one step's input and says which layout it has; copies only when the array type differs from the dtype. */
export function prepareStepInput(x: StepInput, shape: InputShape, what = 'input'): KernelInput {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new InputError(`${what} is ${x}; inputs must be finite numbers`);
    const data = shape.makeArray(1);
    data[0] = x;
    return { layout: 'scalar', perStep: false, data };
  }
  const layout = layoutOf(x.length, 1, shape, what);
  return { layout, perStep: false, data: finiteCopy(x, shape, what) };
}

/** Checks a run's input (for `steps` steps) and turns it into a kernel input. */
export function prepareRunInput(input: RunInput | undefined, steps: number, shape: InputShape): KernelInput {
  if (input === undefined) return prepareStepInput(0, shape);
  if (typeof input === 'function') {
    const data = shape.makeArray(shape.batchSize * shape.n);
    const fill = input;
    return {
      layout: 'full',
      perStep: false,
      data,
      beforeStep: (step) => {
        fill(step, data);
        assertFinite(data, `input of step ${step}`, shape);
      },
    };
  }
  if (typeof input === 'number' || isArrayLike(input)) return prepareStepInput(input, shape);
  if ('constant' in input) return prepareStepInput(input.constant, shape, 'input.constant');
  if ('steps' in input) {
    const data = input.steps;
    if (!isArrayLike(data)) throw new InputError('input.steps must be an array of numbers');
    const layout = layoutOf(data.length, steps, shape, 'input.steps');
    return { layout, perStep: true, data: finiteCopy(data, shape, 'input.steps') };
  }
  throw new InputError('input must be a number, an array, { constant }, { steps } or a function (step, buffer) => void');
}

function layoutOf(length: number, steps: number, shape: InputShape, what: string): KernelInput['layout'] {
  const { n, batchSize } = shape;
  if (length === steps) return 'scalar';
  if (length === steps * n) return 'neuron';
  if (length === steps * n * batchSize) return 'full';
  const per = steps === 1 ? '' : `${steps} steps x `;
  throw new InputError(
    `${what} has ${length} values; expected ${per}1 value, ${per}n = ${n} values (broadcast over the batch) ` +
      `or ${per}batchSize*n = ${batchSize * n} values (row-major, batch first)`,
  );
}

function finiteCopy(x: ArrayLike<number>, shape: InputShape, what: string): FloatArray {
  const probe = shape.makeArray(0);
  const data = x.constructor === probe.constructor ? (x as FloatArray) : shape.makeArray(x.length);
  if (data !== x) for (let i = 0; i < x.length; i++) data[i] = x[i]!;
  assertFinite(x, what, shape);
  return data;
}

function assertFinite(x: ArrayLike<number>, what: string, shape: InputShape): void {
  for (let i = 0; i < x.length; i++) {
    const value = x[i]!;
    if (!Number.isFinite(value)) {
      throw new InputError(`${what}[${i}]${locate(i, x.length, shape)} is ${value}; inputs must be finite numbers`);
    }
  }
}

function locate(index: number, length: number, { n, batchSize }: InputShape): string {
  if (length % (n * batchSize) === 0 && batchSize > 1) {
    const block = index % (n * batchSize);
    return ` (batch row ${Math.floor(block / n)}, neuron ${block % n})`;
  }
  return length % n === 0 && n > 1 ? ` (neuron ${index % n})` : '';
}

function isArrayLike(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}
