import type { Dtype, FloatArray, KernelInput } from '../backend.js';
import { InputError } from '../errors.js';
import { inputBlock } from '../kernel/run-driver.js';

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
  /** Inputs must be finite in this dtype (1e39 is Infinity in float32). */
  dtype: Dtype;
  makeArray(length: number): FloatArray;
}

type Layout = KernelInput['layout'];

/** Checks one step's input and says which layout it has; copies only when the array type differs from the dtype. */
export function prepareStepInput(x: StepInput, shape: InputShape, what = 'input'): KernelInput {
  if (typeof x === 'number') {
    if (!finiteIn(shape.dtype, x)) throw new InputError(`${what} is ${x}; ${FINITE[shape.dtype]}`);
    const data = shape.makeArray(1);
    data[0] = x;
    return { layout: 'scalar', perStep: false, data };
  }
  if (!isArrayLike(x))
    throw new InputError(`${what} must be a number or an array of numbers, got ${describe(x)}`);
  const layout = layoutOf(x.length, 1, shape, what);
  return { layout, perStep: false, data: finiteCopy(x, shape, what, layout, false) };
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
        assertFinite(data, `input of step ${step}`, shape, 'full', false);
      },
    };
  }
  if (typeof input === 'number' || isArrayLike(input)) return prepareStepInput(input, shape);
  if (typeof input !== 'object' || input === null) {
    throw new InputError(
      `input must be a number, an array, { constant }, { steps } or a function (step, buffer) => void; got ${describe(input)}`,
    );
  }
  if ('constant' in input) return prepareStepInput(input.constant, shape, 'input.constant');
  if ('steps' in input) {
    const data = input.steps;
    if (!isArrayLike(data)) throw new InputError('input.steps must be an array of numbers');
    const layout = layoutOf(data.length, steps, shape, 'input.steps');
    return { layout, perStep: true, data: finiteCopy(data, shape, 'input.steps', layout, true) };
  }
  throw new InputError(
    'input must be a number, an array, { constant }, { steps } or a function (step, buffer) => void',
  );
}

function layoutOf(length: number, steps: number, shape: InputShape, what: string): Layout {
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

function finiteCopy(
  x: ArrayLike<number>,
  shape: InputShape,
  what: string,
  layout: Layout,
  perStep: boolean,
): FloatArray {
  assertFinite(x, what, shape, layout, perStep);
  const probe = shape.makeArray(0);
  if (x.constructor === probe.constructor) return x as FloatArray;
  const data = shape.makeArray(x.length);
  for (let i = 0; i < x.length; i++) data[i] = x[i]!;
  return data;
}

function assertFinite(
  x: ArrayLike<number>,
  what: string,
  shape: InputShape,
  layout: Layout,
  perStep: boolean,
): void {
  for (let i = 0; i < x.length; i++) {
    const value = x[i]!;
    if (!finiteIn(shape.dtype, value)) {
      const where = locate(i, shape, layout, perStep);
      throw new InputError(`${what}[${i}]${where ? ` (${where})` : ''} is ${value}; ${FINITE[shape.dtype]}`);
    }
  }
}

/** "step k, batch row b, neuron j" for an index into an input of the given layout. */
function locate(index: number, { n, batchSize }: InputShape, layout: Layout, perStep: boolean): string {
  const block = inputBlock(layout, n, batchSize);
  const within = index % block;
  const parts = perStep ? [`step ${Math.floor(index / block)}`] : [];
  if (layout === 'full' && batchSize > 1) parts.push(`batch row ${Math.floor(within / n)}`);
  if (layout !== 'scalar' && n > 1) parts.push(`neuron ${within % n}`);
  return parts.join(', ');
}

/** Largest finite float32 value. */
export const FLOAT32_MAX = 3.4028234663852886e38;

const FINITE: Record<Dtype, string> = {
  float32: 'inputs must be finite numbers in float32 (|x| <= 3.4028234663852886e38)',
  float64: 'inputs must be finite numbers',
};

/** Whether `x` is a number that stays finite when stored in the dtype (inputs, initial state, state writes). */
export function finiteIn(dtype: Dtype, x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(dtype === 'float32' ? Math.fround(x) : x);
}

function isArrayLike(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  return typeof x;
}
