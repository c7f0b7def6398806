import type { BinaryOp } from '../../expr/ast.js';

/** Which operand an operation by a constant reduces to, and whether negated. */
export interface ExactIdentity {
  keep: 'left' | 'right';
  negate: boolean;
}

/**
 * Operations by a constant that IEEE arithmetic defines as exact identities for every value of the other
 * operand (NaN, ±0 and ±Infinity included), in float32 and float64 alike: x*1, 1*x, x/1, x^1 and x-(+0)
 * are x; x*-1, -1*x and x/-1 are -x. Not x+0 (-0 + 0 is +0), nor x*0 (NaN and ±Infinity give NaN).
 * `left`/`right` are the operands' constant values, undefined where not constant.
 */
export function exactIdentity(
  op: BinaryOp,
  left: number | undefined,
  right: number | undefined,
): ExactIdentity | undefined {
  switch (op) {
    case '*':
      if (right === 1 || right === -1) return { keep: 'left', negate: right === -1 };
      if (left === 1 || left === -1) return { keep: 'right', negate: left === -1 };
      return undefined;
    case '/':
      if (right === 1 || right === -1) return { keep: 'left', negate: right === -1 };
      return undefined;
    case '^':
      return right === 1 ? { keep: 'left', negate: false } : undefined;
    case '-':
      return right !== undefined && Object.is(right, 0) ? { keep: 'left', negate: false } : undefined;
    default:
      return undefined;
  }
}
