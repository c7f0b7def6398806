import type { Dtype, ParameterValue } from '../backend.js';
import type { Expr } from '../expr/ast.js';
import { evaluate, type Scalar } from '../expr/evaluate.js';
import type { ValidatedModel } from '../model/validate.js';
import { FLOAT32_MAX } from './input.js';

/** Largest argument whose exp() is finite in each dtype. */
const LARGEST_EXP_ARGUMENT: Record<Dtype, number> = {
  float32: Math.log(FLOAT32_MAX),
  float64: Math.log(Number.MAX_VALUE),
};

/**
 * Warns where an exp() in the equations overflows the dtype before the variable reaches its threshold
 * (thresholds of the form `x >= expr` or `x > expr`), unless an overflow guard caps that variable. The model
 * then still spikes (Infinity is above the threshold and is reset at once), but its upswing is not resolved.
 */
export function overflowWarnings(
  model: ValidatedModel,
  values: ReadonlyMap<string, ParameterValue | null>,
  n: number,
  dtype: Dtype,
  dt: number,
): string[] {
  const threshold = model.threshold;
  if (threshold?.kind !== 'binary' || (threshold.op !== '>=' && threshold.op !== '>')) return [];
  if (threshold.left.kind !== 'identifier') return [];
  const variable = threshold.left.name;
  const guarded = model.overflowGuard.some((g) => g.target === variable && values.get(g.cap) !== null);
  if (guarded) return [];
  const initial = new Map(model.state.map((s) => [s.target, s.expr]));
  const warnings: string[] = [];
  // Only per-neuron parameters make neurons differ, so each distinct combination of their values is
  // evaluated once: with scalar parameters that is one evaluation however large n is.
  const perNeuron = [...values].filter(
    (entry): entry is [string, Float64Array] => entry[1] instanceof Float64Array,
  );
  const exceeds = (argument: Expr, j: number): boolean => {
    const param = (name: string): number => {
      const value = values.get(name);
      return typeof value === 'number' ? value : value ? value[j]! : Number.NaN;
    };
    const lookup = (name: string): Scalar => {
      if (name === 'I' || name === 't') return 0;
      if (name === 'dt') return dt;
      if (values.has(name)) return param(name);
      if (name === variable) return evaluate(threshold.right, lookup) as number;
      const start = initial.get(name);
      return start ? (evaluate(start, lookup) as number) : Number.NaN;
    };
    return (evaluate(argument, lookup) as number) > LARGEST_EXP_ARGUMENT[dtype];
  };
  for (const { target, expr } of model.equations) {
    for (const argument of expArguments(expr)) {
      let first = -1;
      let count = 0;
      if (perNeuron.length === 0) {
        if (exceeds(argument, 0)) [first, count] = [0, n];
      } else {
        const seen = new Map<string, boolean>();
        for (let j = 0; j < n; j++) {
          const key = perNeuron.map(([, v]) => v[j]).join(',');
          let over = seen.get(key);
          if (over === undefined) {
            over = exceeds(argument, j);
            seen.set(key, over);
          }
          if (over) {
            count++;
            if (first < 0) first = j;
          }
        }
      }
      if (count > 0) {
        warnings.push(
          `model "${model.name}", equation for ${target}: exp() overflows ${dtype} before ${variable} reaches its ` +
            `threshold (${count} of ${n} neurons, first neuron ${first}); ${variable} becomes Infinity on the way to ` +
            `each spike. Lower the threshold, use float64, or cap ${variable} inside exp() with an overflow guard` +
            `${model.overflowGuard.some((g) => g.target === variable) ? ` (set ${model.overflowGuard.find((g) => g.target === variable)!.cap})` : ''}.`,
        );
      }
    }
  }
  return warnings;
}

function expArguments(expr: Expr, into: Expr[] = []): Expr[] {
  switch (expr.kind) {
    case 'call':
      if (expr.fn === 'exp') into.push(expr.args[0]!);
      for (const arg of expr.args) expArguments(arg, into);
      break;
    case 'unary':
      expArguments(expr.operand, into);
      break;
    case 'binary':
      expArguments(expr.left, into);
      expArguments(expr.right, into);
      break;
    case 'select':
      expArguments(expr.cond, into);
      expArguments(expr.whenTrue, into);
      expArguments(expr.whenFalse, into);
      break;
  }
  return into;
}
