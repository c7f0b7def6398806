import type { Dtype } from '../../backend.js';
import { type Expr, mapChildren } from '../../expr/ast.js';
import { formatExpression } from '../../expr/format.js';
import type { Statement } from '../program.js';

/** Smallest normal magnitude of each dtype: a folded constant below it would lose bits or vanish. */
const SMALLEST_NORMAL: Record<Dtype, number> = { float32: 2 ** -126, float64: 2 ** -1022 };

/** Options of the fast mode's arithmetic rewrites. */
export interface FastArithmeticOptions {
  dtype: Dtype;
  /** The values of a per-neuron parameter (one per neuron; a hoisted reciprocal too), else undefined. */
  perNeuronValues(name: string): ArrayLike<number> | undefined;
}

/** Rewritten statements, and the per-neuron constants they now read: name → one value per neuron. */
export interface FastArithmetic {
  statements: Statement[];
  derived: Map<string, Float64Array>;
}

/** A literal's value, or a per-neuron parameter's values. */
type Constant = number | ArrayLike<number>;

type Binary = Extract<Expr, { kind: 'binary' }>;

/**
 * NOT bit-identical, so only for a kernel that opted out of exact arithmetic (run after hoistReciprocals,
 * which leaves no division by a literal or a per-neuron parameter). Rewrites compilers make under -ffast-math,
 * each trading one rounding for another (so within 2 units in the last place of the original) or dropping
 * only a zero's sign:
 * - `(x * a) * b`, factors in any order, becomes `x * (a*b)`: an Euler step's `(f * (1/tau)) * dt` multiplies
 *   by dt/tau once;
 * - `x + x*c` and `x*c + x` become `x * (1 + c)`, `x - x*c` becomes `x * (1 - c)`: a decay `g + (g * -k) * dt`
 *   is one multiplication;
 * - `x + 0` and `0 + x` become `x` (IEEE arithmetic turns -0 into +0 there).
 * Constants are literals and per-neuron parameters alike, so a parameter given per neuron is rewritten as the
 * same parameter given as one number, and computes the same bits: a new constant is a literal where its
 * operands are, else a new per-neuron parameter (`derived`), each value rounded once to the dtype, and is made
 * only where every value is finite and normal.
 */
export function fastArithmetic(
  statements: readonly Statement[],
  options: FastArithmeticOptions,
): FastArithmetic {
  const { dtype } = options;
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const usable = (value: number) => Number.isFinite(value) && Math.abs(value) >= SMALLEST_NORMAL[dtype];
  const derived = new Map<string, Float64Array>();
  const constantOf = (e: Expr): Constant | undefined => {
    if (e.kind === 'number') return e.value;
    if (e.kind !== 'identifier') return undefined;
    return derived.get(e.name) ?? options.perNeuronValues(e.name);
  };
  /** The constant `combine(a, b)` as an expression, or undefined where a value is not usable. */
  const combined = (
    a: Expr,
    b: Expr,
    combine: (x: number, y: number) => number,
    name: () => string,
  ): Expr | undefined => {
    const x = constantOf(a)!;
    const y = constantOf(b)!;
    if (typeof x === 'number' && typeof y === 'number') {
      const value = round(combine(round(x), round(y)));
      return usable(value) ? { kind: 'number', value } : undefined;
    }
    const length = typeof x === 'number' ? (y as ArrayLike<number>).length : x.length;
    const values = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const value = round(
        combine(round(typeof x === 'number' ? x : x[i]!), round(typeof y === 'number' ? y : y[i]!)),
      );
      if (!usable(value)) return undefined;
      values[i] = value;
    }
    const key = name();
    derived.set(key, values);
    return { kind: 'identifier', name: key };
  };
  /** `rest * factor` or `factor * rest` for a constant factor. */
  const constantFactor = (e: Expr): { factor: Expr; rest: Expr } | undefined => {
    if (e.kind !== 'binary' || e.op !== '*') return undefined;
    if (constantOf(e.right) !== undefined) return { factor: e.right, rest: e.left };
    if (constantOf(e.left) !== undefined) return { factor: e.left, rest: e.right };
    return undefined;
  };
  const foldedProduct = ({ left, right }: Binary): Expr | undefined => {
    const [outer, inner] =
      constantOf(right) !== undefined ? [right, left] : constantOf(left) !== undefined ? [left, right] : [];
    const split = inner && constantFactor(inner);
    if (!outer || !split) return undefined;
    const factor = combined(
      split.factor,
      outer,
      (a, b) => a * b,
      () => `(${formatExpression(split.factor)} * ${formatExpression(outer)})`,
    );
    return factor && { kind: 'binary', op: '*', left: split.rest, right: factor };
  };
  const foldedSum = ({ op, left, right }: Binary): Expr | undefined => {
    if (op === '+' && isZero(right)) return left;
    if (op === '+' && isZero(left)) return right;
    for (const [x, scaled, sign] of [
      [left, right, op === '+' ? 1 : -1],
      [right, left, 1],
    ] as const) {
      if (op === '-' && scaled === left) continue; // x*c - x is x * (c - 1)
      const split = constantFactor(scaled);
      if (!split || !sameExpression(split.rest, x)) continue;
      const one: Expr = { kind: 'number', value: 1 };
      const multiplier = combined(
        one,
        split.factor,
        (a, c) => a + sign * c,
        () => `(1 ${sign > 0 ? '+' : '-'} ${formatExpression(split.factor)})`,
      );
      if (multiplier) return { kind: 'binary', op: '*', left: x, right: multiplier };
    }
    return undefined;
  };
  const rewrite = (expr: Expr): Expr => {
    const rewritten = mapChildren(expr, rewrite);
    if (rewritten.kind !== 'binary') return rewritten;
    if (rewritten.op === '*') return foldedProduct(rewritten) ?? rewritten;
    if (rewritten.op === '+' || rewritten.op === '-') return foldedSum(rewritten) ?? rewritten;
    return rewritten;
  };
  return { statements: statements.map((s) => ({ ...s, expr: rewrite(s.expr) })), derived };
}

function isZero(expr: Expr): boolean {
  return expr.kind === 'number' && expr.value === 0;
}

/** Structural equality of two pure expressions (their printed forms). */
function sameExpression(a: Expr, b: Expr): boolean {
  if (a.kind === 'identifier' && b.kind === 'identifier') return a.name === b.name;
  return formatExpression(a) === formatExpression(b);
}
