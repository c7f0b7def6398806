import type { ParameterSpec } from '@synapticflow/core';
import { checkFiniteNumber, checkObject, fail } from './check.js';
import type { ScenarioParameter } from './scenario.js';

/** `params`: only the model's parameters, each checked against its spec (nullable, per-neuron, constraint). */
export function parseParameters(
  value: unknown,
  path: string,
  specs: Readonly<Record<string, ParameterSpec>>,
  n: number,
): Record<string, ScenarioParameter> {
  const given = checkObject(value, path, { optional: Object.keys(specs) });
  const params: Record<string, ScenarioParameter> = {};
  for (const [name, raw] of Object.entries(given)) {
    params[name] = parseParameter(raw, `${path}.${name}`, specs[name]!, n);
  }
  return params;
}

/** One parameter value: a number, one number per neuron (length n), or null where the spec is nullable. */
export function parseParameter(
  value: unknown,
  path: string,
  spec: ParameterSpec,
  n: number,
): ScenarioParameter {
  const perNeuron = spec.perNeuron !== false;
  const expected = `${numberKind(spec)}${perNeuron ? ` or an array of ${n} (one per neuron)` : ''}${spec.nullable ? ' or null' : ''}`;
  if (value === null && spec.nullable) return null;
  if (typeof value === 'number') return checkConstraint(value, path, spec);
  if (Array.isArray(value) && perNeuron && value.length === n) {
    return value.map((x, i) => checkConstraint(checkFiniteNumber(x, `${path}[${i}]`), `${path}[${i}]`, spec));
  }
  return fail(path, expected, value);
}

function numberKind(spec: ParameterSpec): string {
  if (spec.constraint === 'positive') return 'a finite number > 0';
  if (spec.constraint === 'nonnegative') return 'a finite number >= 0';
  return 'a finite number';
}

function checkConstraint(value: number, path: string, spec: ParameterSpec): number {
  const ok =
    Number.isFinite(value) &&
    (spec.constraint !== 'positive' || value > 0) &&
    (spec.constraint !== 'nonnegative' || value >= 0);
  if (!ok) fail(path, numberKind(spec), value);
  return value;
}
