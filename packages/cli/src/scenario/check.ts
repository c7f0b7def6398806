import { closestName } from '@synapticflow/core';
import { ScenarioError } from '../errors.js';

/** Field-path checks for what the scenario schema cannot say; each names the field, the expectation and the value. */

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
  rejectUnknownFields(record, path, [...required, ...(fields.optional ?? [])]);
  for (const key of required) {
    if (record[key] === undefined) throw new ScenarioError(`${path}.${key}`, 'required field is missing');
  }
  return record;
}

/** Throws at the first field not in `known`, listing those and, where one is close, the one meant. */
export function rejectUnknownFields(record: object, path: string, known: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const expected = known.length > 0 ? `expected one of ${known.join(', ')}` : 'expected none here';
    const guess = closestName(key, known);
    const hint = guess === undefined ? '' : `; did you mean "${guess}"?`;
    throw new ScenarioError(`${path}.${key}`, `unknown field; ${expected}${hint}`);
  }
}

export function checkFiniteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
  return value;
}
