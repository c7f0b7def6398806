import type { Expr } from './ast.js';

/** A value an expression evaluates to. */
export type Scalar = number | boolean;

/** Arithmetic of one dtype: float64 rounds nothing, float32 rounds every operation's result as float32 hardware does. */
export interface Arithmetic {
  /** Rounds one operation's result to the dtype. */
  round(x: number): number;
}

/** float64 arithmetic: results stay as JavaScript computes them. */
export const FLOAT64_ARITHMETIC: Arithmetic = { round: (x) => x };
/** float32 arithmetic: every result rounded with `Math.fround`. */
export const FLOAT32_ARITHMETIC: Arithmetic = { round: Math.fround };

/**
 * Evaluates an expression by walking the tree. This is the reference semantics of the expression language:
 * core uses it for constants and initial values, and the conformance oracle for whole steps.
 */
export function evaluate(
  expr: Expr,
  lookup: (name: string) => Scalar,
  arithmetic: Arithmetic = FLOAT64_ARITHMETIC,
): Scalar {
  const r = arithmetic.round;
  const value = (e: Expr): Scalar => evaluate(e, lookup, arithmetic);
  const numeric = (e: Expr): number => value(e) as number;
  switch (expr.kind) {
    case 'number':
      return r(expr.value);
    case 'boolean':
      return expr.value;
    case 'identifier':
      return lookup(expr.name);
    case 'select':
      return value(expr.cond) ? value(expr.whenTrue) : value(expr.whenFalse);
    case 'unary':
      return expr.op === 'not' ? !value(expr.operand) : -numeric(expr.operand);
    case 'binary': {
      if (expr.op === 'and') return Boolean(value(expr.left)) && Boolean(value(expr.right));
      if (expr.op === 'or') return Boolean(value(expr.left)) || Boolean(value(expr.right));
      const a = numeric(expr.left);
      const b = numeric(expr.right);
      switch (expr.op) {
        case '+':
          return r(a + b);
        case '-':
          return r(a - b);
        case '*':
          return r(a * b);
        case '/':
          return r(a / b);
        case '^':
          return r(a ** b);
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
        case '==':
          return a === b;
        case '!=':
          return a !== b;
      }
      break;
    }
    case 'call': {
      const [x = 0, y = 0] = expr.args.map(numeric);
      switch (expr.fn) {
        case 'exp':
          return r(Math.exp(x));
        case 'log':
          return r(Math.log(x));
        case 'sqrt':
          return r(Math.sqrt(x));
        case 'abs':
          return Math.abs(x);
        case 'tanh':
          return r(Math.tanh(x));
        case 'min':
          return Math.min(x, y);
        case 'max':
          return Math.max(x, y);
        case 'pow':
          return r(x ** y);
        case 'float32':
          return Math.fround(x);
        case 'ceil':
          return Math.ceil(x);
      }
      throw new Error(`evaluate: unknown function ${expr.fn}`);
    }
  }
  throw new Error(`evaluate: unknown node ${(expr as Expr).kind}`);
}
