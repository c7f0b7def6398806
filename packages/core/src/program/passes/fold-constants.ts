import type { Dtype } from '../../backend.js';
import { children, type Expr, mapChildren } from '../../expr/ast.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from '../../expr/evaluate.js';
import { exactIdentity } from './exact-identities.js';

/** Options of constant folding. */
export interface FoldOptions {
  /** The kernel's arithmetic: constants are computed exactly as it would compute them on every step. */
  dtype: Dtype;
  /** The value of a symbol fixed for the kernel's life (a scalar parameter), or undefined. */
  constantOf(name: string): number | undefined;
}

/**
 * Replaces every subtree without state, input or time by its value, computed once here in the kernel's
 * dtype with one rounding per operation (core's `evaluate`), and drops what cannot change a value: the
 * exact identities (`x*1`, `x/-1`, `x^1`, `x-0`, …) and a negation a literal factor or divisor can take
 * (`(-x) * c` is `x * -c`), a select or `and`/`or` on a literal, and in float32
 * `float32(x)`. Results stay bit-identical to the unfolded expression.
 */
export function foldConstants(expr: Expr, options: FoldOptions): Expr {
  const round = options.dtype === 'float32' ? Math.fround : (x: number) => x;
  const fold = (e: Expr): Expr => {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return e;
      case 'identifier': {
        const value = options.constantOf(e.name);
        return value === undefined ? e : { kind: 'number', value: round(value) };
      }
      case 'call': {
        const folded = mapChildren(e, fold) as typeof e;
        const [argument] = folded.args;
        // A float32 kernel's values are float32 already.
        if (options.dtype === 'float32' && e.fn === 'float32' && argument && !isLiteral(argument))
          return argument;
        return evaluated(folded, options.dtype);
      }
      case 'select': {
        const folded = mapChildren(e, fold) as typeof e;
        if (folded.cond.kind === 'boolean') return folded.cond.value ? folded.whenTrue : folded.whenFalse;
        return evaluated(folded, options.dtype);
      }
      case 'binary': {
        const folded = mapChildren(e, fold) as typeof e;
        return withoutIdentity(folded) ?? withNegatedLiteral(folded) ?? evaluated(folded, options.dtype);
      }
      case 'unary':
        return evaluated(mapChildren(e, fold), options.dtype);
    }
  };
  return fold(expr);
}

function withoutIdentity(expr: Extract<Expr, { kind: 'binary' }>): Expr | undefined {
  const { op, left, right } = expr;
  const literalValue = (e: Expr) => (e.kind === 'number' ? e.value : undefined);
  const identity = exactIdentity(op, literalValue(left), literalValue(right));
  if (identity) {
    const kept = identity.keep === 'left' ? left : right;
    return identity.negate ? evaluatedUnaryMinus(kept) : kept;
  }
  if (op === 'and' || op === 'or') {
    // Both sides are pure, so a literal decides or drops out: `false and x` is false, `true and x` is x.
    const absorbing = op === 'or';
    for (const [literal, other] of [
      [left, right],
      [right, left],
    ] as const) {
      if (literal.kind === 'boolean') return literal.value === absorbing ? literal : other;
    }
  }
  return undefined;
}

/**
 * `(-x) * c`, `c * (-x)`, `(-x) / c` and `c / (-x)` for a literal c: the negation moves onto the literal, one
 * operation fewer. Exact: a product's or quotient's magnitude does not depend on its operands' signs, and
 * its sign is theirs combined, for every value (zeros and infinities included).
 */
function withNegatedLiteral(expr: Extract<Expr, { kind: 'binary' }>): Expr | undefined {
  const { op, left, right } = expr;
  if (op !== '*' && op !== '/') return undefined;
  const negated = (e: Expr): Expr | undefined => (e.kind === 'unary' && e.op === '-' ? e.operand : undefined);
  const negatedLiteral = (e: Expr & { kind: 'number' }): Expr => ({ kind: 'number', value: -e.value });
  if (right.kind === 'number') {
    const operand = negated(left);
    if (operand) return { kind: 'binary', op, left: operand, right: negatedLiteral(right) };
  }
  if (left.kind === 'number') {
    const operand = negated(right);
    if (operand) return { kind: 'binary', op, left: negatedLiteral(left), right: operand };
  }
  return undefined;
}

function evaluatedUnaryMinus(operand: Expr): Expr {
  return operand.kind === 'number'
    ? { kind: 'number', value: -operand.value }
    : { kind: 'unary', op: '-', operand };
}

/** The node's value as a literal when all its operands are literals, else the node. */
function evaluated(expr: Expr, dtype: Dtype): Expr {
  const operands = children(expr);
  if (!operands.every(isLiteral)) return expr;
  const arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
  const value = evaluate(
    expr,
    () => {
      throw new Error('unreachable: a literal subtree reads no symbol');
    },
    arithmetic,
  );
  return typeof value === 'boolean' ? { kind: 'boolean', value } : { kind: 'number', value };
}

function isLiteral(expr: Expr): boolean {
  return expr.kind === 'number' || expr.kind === 'boolean';
}
