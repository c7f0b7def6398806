import { binary, type Expr, identifiersOf, num, unary } from '../expr/ast.js';

/** `expr` as `constant + coefficient * variable`, neither part reading the variable. */
export interface LinearSplit {
  constant: Expr;
  coefficient: Expr;
}

const ZERO = num(0);
const isZero = (e: Expr) => e.kind === 'number' && e.value === 0;
const isOne = (e: Expr) => e.kind === 'number' && e.value === 1;
const add = (a: Expr, b: Expr) => (isZero(a) ? b : isZero(b) ? a : binary('+', a, b));
const sub = (a: Expr, b: Expr) => (isZero(b) ? a : isZero(a) ? unary('-', b) : binary('-', a, b));
const div = (a: Expr, b: Expr) => (isZero(a) ? ZERO : isOne(b) ? a : binary('/', a, b));
const mul = (a: Expr, b: Expr) =>
  isZero(a) || isZero(b) ? ZERO : isOne(a) ? b : isOne(b) ? a : binary('*', a, b);

/**
 * Splits an expression that is linear in `variable` (sums, differences, products and quotients by
 * expressions free of it), or returns null where it is not (a product of two terms reading it, a power,
 * a function of it, a condition on it).
 */
export function linearIn(expr: Expr, variable: string): LinearSplit | null {
  if (!identifiersOf(expr).has(variable)) return { constant: expr, coefficient: ZERO };
  switch (expr.kind) {
    case 'identifier':
      return { constant: ZERO, coefficient: num(1) };
    case 'unary': {
      if (expr.op !== '-') return null;
      const inner = linearIn(expr.operand, variable);
      return (
        inner && { constant: mul(num(-1), inner.constant), coefficient: mul(num(-1), inner.coefficient) }
      );
    }
    case 'binary': {
      const left = linearIn(expr.left, variable);
      const right = linearIn(expr.right, variable);
      if (!left || !right) return null;
      const leftFree = isZero(left.coefficient);
      const rightFree = isZero(right.coefficient);
      switch (expr.op) {
        case '+':
          return {
            constant: add(left.constant, right.constant),
            coefficient: add(left.coefficient, right.coefficient),
          };
        case '-':
          return {
            constant: sub(left.constant, right.constant),
            coefficient: sub(left.coefficient, right.coefficient),
          };
        case '*':
          if (leftFree)
            return {
              constant: mul(expr.left, right.constant),
              coefficient: mul(expr.left, right.coefficient),
            };
          if (rightFree)
            return {
              constant: mul(left.constant, expr.right),
              coefficient: mul(left.coefficient, expr.right),
            };
          return null;
        case '/':
          if (!rightFree) return null;
          return { constant: div(left.constant, expr.right), coefficient: div(left.coefficient, expr.right) };
        default:
          return null;
      }
    }
    default:
      return null;
  }
}
