import type { Dtype, ParameterValue } from '../backend.js';
import { ParameterError } from '../errors.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from '../expr/evaluate.js';
import { closestName, shownName } from '../model/closest-name.js';
import type { ProgramState, StepProgram } from '../program/program.js';
import { FLOAT32_MAX, finiteIn } from './input.js';
import { evaluatePerNeuron } from './parameters.js';

/** Initial values for state variables: one value, n values (shared by batch rows) or batchSize*n values. */
export type InitialState = Readonly<Record<string, number | ArrayLike<number>>>;

/** A checked initial value: a number, n values or batchSize*n values (row-major, batch first). */
export type InitialValue = number | Float64Array;

/**
 * Checks the population option `init` against the program's state: known names, finite values in the dtype
 * (0 or 1 for boolean state) and 1, n or batchSize*n values.
 */
export function resolveInitialState(
  init: InitialState | undefined,
  program: StepProgram,
  n: number,
  batchSize: number,
  dtype: Dtype,
): Map<string, InitialValue> {
  const values = new Map<string, InitialValue>();
  if (init === undefined) return values;
  if (typeof init !== 'object' || init === null || Array.isArray(init)) {
    throw new ParameterError('init must be an object keyed by state name, e.g. { v: -65 }');
  }
  const names = program.state.map((s) => s.name);
  for (const [name, value] of Object.entries(init)) {
    const variable = program.state.find((s) => s.name === name);
    if (!variable) {
      const guess = closestName(name, names);
      const didYouMean = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      throw new ParameterError(
        `init names "${shownName(name)}", which is not a state variable${didYouMean} (state: ${names.join(', ')})`,
        { field: 'init', name },
      );
    }
    const boolean = variable.type === 'boolean';
    const check = (x: unknown, index?: number): number => {
      const valid = boolean ? x === 0 || x === 1 : finiteIn(dtype, x);
      if (!valid) {
        const expected = boolean
          ? '0 or 1'
          : `a finite number${dtype === 'float32' ? ` in float32 (|x| <= ${FLOAT32_MAX})` : ''}`;
        const at = index === undefined ? '' : `[${index}]`;
        throw new ParameterError(`init.${name}${at} is ${String(x)}; expected ${expected}`, {
          field: 'init',
          name,
          ...(index === undefined ? {} : { index }),
        });
      }
      return x as number;
    };
    if (typeof value === 'number') {
      values.set(name, check(value));
      continue;
    }
    if (typeof value !== 'object' || value === null || typeof value.length !== 'number') {
      throw new ParameterError(`init.${name} must be a number or an array of numbers, got ${typeof value}`, {
        field: 'init',
        name,
      });
    }
    if (value.length !== n && value.length !== n * batchSize) {
      throw new ParameterError(
        `init.${name} has ${value.length} values; expected one number, n = ${n} values (shared by the batch rows) ` +
          `or batchSize*n = ${n * batchSize} values (row-major, batch first)`,
        { field: 'init', name },
      );
    }
    const copy = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = check(value[i], i);
    values.set(name, copy);
  }
  return values;
}

/** Fills `out` (batchSize*n values) with an initial value of 1, n or batchSize*n values. */
export function broadcastInitial(value: InitialValue, n: number, out: Float64Array): void {
  if (typeof value === 'number') out.fill(value);
  else if (value.length === out.length) out.set(value);
  else for (let i = 0; i < out.length; i++) out[i] = value[i % n]!;
}

/** A state variable's initial value: the one chosen in `init`, else the model's expression of parameters. */
export function initialValueOf(
  variable: ProgramState,
  chosen: ReadonlyMap<string, InitialValue>,
  parameterValues: ReadonlyMap<string, ParameterValue | null>,
  n: number,
  dtype: Dtype,
): InitialValue {
  const given = chosen.get(variable.name);
  if (given !== undefined) return given;
  const arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
  return evaluatePerNeuron(
    (lookup) => Number(evaluate(variable.initial, lookup, arithmetic)),
    parameterValues,
    n,
  );
}
