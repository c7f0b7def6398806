import {
  type Expr,
  evaluate,
  exactIdentity,
  FLOAT32_ARITHMETIC,
  FLOAT64_ARITHMETIC,
} from '@synapticflow/core';
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

/** Core's exact identities (x*1, x/-1, x^1, x-0, …) on this kernel's constants: the operand left, and its sign. */
export function withoutIdentity(
  expr: Expr,
  context: ConstantContext,
): { operand: Expr; negate: boolean } | undefined {
  if (expr.kind !== 'binary') return undefined;
  const identity = exactIdentity(expr.op, constantOf(expr.left, context), constantOf(expr.right, context));
  if (!identity) return undefined;
  return { operand: identity.keep === 'left' ? expr.left : expr.right, negate: identity.negate };
}
