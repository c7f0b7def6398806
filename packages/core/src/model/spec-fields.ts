import { ModelSpecError } from '../errors.js';

/** The fields each part of a model spec may have; anything else is a typo that would silently be ignored. */
export const SPEC_FIELDS = {
  model: [
    'name',
    'description',
    'inputUnit',
    'reference',
    'parameters',
    'state',
    'definitions',
    'equations',
    'threshold',
    'reset',
    'refractory',
    'bounds',
    'overflowGuard',
    'inputRange',
  ],
  parameter: ['default', 'unit', 'description', 'constraint', 'nullable', 'perNeuron'],
  state: ['initial', 'unit', 'description'],
  refractory: ['period', 'freeze'],
  bound: ['lower', 'upper'],
  inputRange: ['min', 'max'],
} as const;

/** Rejects fields a spec part does not have, naming the field and, where one is close, the one meant. */
export function checkFields(value: object, allowed: readonly string[], model: string, field: string): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = allowed.find((name) => closeEnough(key, name));
    const hint = guess ? `; did you mean "${guess}"?` : '';
    throw new ModelSpecError(
      { model, field: field ? `${field}.${key}` : key },
      `unknown field${hint} (expected one of ${allowed.join(', ')})`,
    );
  }
}

/** Same letters but one edit, or one a prefix of the other: "equation" for "equations", "constriant". */
function closeEnough(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const sorted = (s: string) => [...s].sort().join('');
  return sorted(a) === sorted(b);
}
