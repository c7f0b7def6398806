import { ScenarioError } from '../errors.js';
import { closestName } from './closest-name.js';

/** Field-path checks that the scenario parser is built from; each names the field, the expectation and the value. */

/** How a value reads in an error message: strings quoted, arrays and objects by shape. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

export function fail(path: string, expected: string, value: unknown): never {
  throw new ScenarioError(path, `expected ${expected}, got ${describeValue(value)}`);
}

/** A plain object with only the given fields, the `required` ones present. */
export function checkObject(
  value: unknown,
  path: string,
  fields: { required?: readonly string[]; optional?: readonly string[] },
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  const record = value as Record<string, unknown>;
  const required = fields.required ?? [];
  const known = [...required, ...(fields.optional ?? [])];
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      const expected = known.length > 0 ? `expected one of ${known.join(', ')}` : 'expected none here';
      const guess = closestName(key, known);
      const hint = guess === undefined ? '' : `; did you mean "${guess}"?`;
      throw new ScenarioError(`${path}.${key}`, `unknown field; ${expected}${hint}`);
    }
  }
  for (const key of required) {
    if (record[key] === undefined) throw new ScenarioError(`${path}.${key}`, 'required field is missing');
  }
  return record;
}

export function checkFiniteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
  return value;
}

export function checkPositiveNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(path, 'a finite number > 0', value);
  return value;
}

export function checkPositiveInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    fail(path, 'a positive integer', value);
  return value;
}

export function checkBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'true or false', value);
  return value;
}

export function checkOneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !options.includes(value as T)) {
    fail(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value);
  }
  return value as T;
}

/** An array of exactly `length` items; `what` says what they are, e.g. "numbers (one per neuron, n = 8)". */
export function checkArray(value: unknown, path: string, length: number, what: string): unknown[] {
  if (!Array.isArray(value) || value.length !== length) fail(path, `an array of ${length} ${what}`, value);
  return value;
}

/** An array of `length` finite numbers. */
export function checkNumbers(value: unknown, path: string, length: number, what: string): number[] {
  return checkArray(value, path, length, what).map((x, i) => checkFiniteNumber(x, `${path}[${i}]`));
}
