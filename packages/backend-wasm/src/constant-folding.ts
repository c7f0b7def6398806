import { type Expr, evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from '@synapticflow/core/backend';
import type { VectorShape } from './vector-shape.js';

/** How the step's code reads a symbol: a v128 local, or a scalar parameter baked in as a constant. */
export type Resolved = { local: number } | { constant: number };

export interface ConstantContext {
  readonly shape: VectorShape;
  resolve(name: string): Resolved;
}

/** The value of a literal or of a scalar parameter, as the kernel's dtype rounds it; undefined otherwise. */
export function constantOf(expr: Expr, context: ConstantContext): number | undefined {
  let value: number | undefined;
  if (expr.kind === 'number') value = expr.value;
  else if (expr.kind === 'identifier') {
    const resolved = context.resolve(expr.name);
    if ('constant' in resolved) value = resolved.constant;
  }
  if (value === undefined) return undefined;
  return context.shape.dtype === 'float32' ? Math.fround(value) : value;
}

/**
 * A number expression whose leaves are all literals and scalar parameters, evaluated once here exactly as the
 * step would (core's `evaluate`, rounding every operation in float32 kernels), e.g. `gL*deltaT`.
 */
export function foldConstant(expr: Expr, context: ConstantContext): number | undefined {
  if (expr.kind === 'number' || expr.kind === 'identifier') return undefined; // already a constant or not
  if (!isConstant(expr, context)) return undefined;
  const arithmetic = context.shape.dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
  const value = evaluate(expr, (name) => constantOf({ kind: 'identifier', name }, context)!, arithmetic);
  return typeof value === 'number' ? value : undefined;
}

function isConstant(expr: Expr, context: ConstantContext): boolean {
  switch (expr.kind) {
    case 'number':
    case 'identifier':
      return constantOf(expr, context) !== undefined;
    case 'unary':
      return expr.op === '-' && isConstant(expr.operand, context);
    case 'binary':
      return isConstant(expr.left, context) && isConstant(expr.right, context);
    case 'call':
      return expr.args.every((arg) => isConstant(arg, context));
    default:
      return false;
  }
}

/**
 * Operations by a constant that IEEE arithmetic defines as exact identities for every operand (NaN, ±0 and
 * ±Infinity included): x*1, 1*x, x/1, x-0 are x; x*-1, -1*x, x/-1 are -x. Model parameters are often 1
 * (ELIF's deltaT), and dropping these saves a division per element without changing a bit.
 */
export function withoutIdentity(
  expr: Expr,
  context: ConstantContext,
): { operand: Expr; negate: boolean } | undefined {
  if (expr.kind !== 'binary') return undefined;
  const left = constantOf(expr.left, context);
  const right = constantOf(expr.right, context);
  switch (expr.op) {
    case '*':
      if (right === 1 || right === -1) return { operand: expr.left, negate: right === -1 };
      if (left === 1 || left === -1) return { operand: expr.right, negate: left === -1 };
      return undefined;
    case '/':
      if (right === 1 || right === -1) return { operand: expr.left, negate: right === -1 };
      return undefined;
    case '-':
      // x - (+0) is x for every x; x + 0 is not (-0 + 0 is +0).
      return Object.is(right, 0) ? { operand: expr.left, negate: false } : undefined;
    default:
      return undefined;
  }
}
