import { type Expr, evaluate, FLOAT32_ARITHMETIC } from '@synapticflow/core/backend';

/**
 * Replaces every subtree without state, input or time by its value, computed once here in float32 with one
 * rounding per operation — what tfjs would compute on every step — and drops operations that cannot change
 * a float32 value (`x*1`, `1*x`, `x/1`, `x-0`, `x^1`, `float32(x)`, a select on a literal). Scalar
 * parameters are constants for a kernel's life, so `x/deltaT` with deltaT = 1 costs no kernel.
 * `x+0` stays: it turns -0 into +0.
 */
export function foldConstants(expr: Expr, constantOf: (name: string) => number | undefined): Expr {
  const fold = (e: Expr): Expr => foldConstants(e, constantOf);
  switch (expr.kind) {
    case 'number':
    case 'boolean':
      return expr;
    case 'identifier': {
      const value = constantOf(expr.name);
      return value === undefined ? expr : { kind: 'number', value: Math.fround(value) };
    }
    case 'unary':
      return evaluated({ ...expr, operand: fold(expr.operand) });
    case 'call': {
      const args = expr.args.map(fold);
      if (expr.fn === 'float32' && args[0] && !isLiteral(args[0])) return args[0];
      return evaluated({ ...expr, args });
    }
    case 'select': {
      const cond = fold(expr.cond);
      const whenTrue = fold(expr.whenTrue);
      const whenFalse = fold(expr.whenFalse);
      if (cond.kind === 'boolean') return cond.value ? whenTrue : whenFalse;
      return evaluated({ ...expr, cond, whenTrue, whenFalse });
    }
    case 'binary': {
      const left = fold(expr.left);
      const right = fold(expr.right);
      const identity = dropIdentity(expr.op, left, right);
      return identity ?? evaluated({ ...expr, left, right });
    }
  }
}

function dropIdentity(op: string, left: Expr, right: Expr): Expr | null {
  const is = (e: Expr, value: number) => e.kind === 'number' && Object.is(e.value, value);
  if (op === '*' && is(right, 1)) return left;
  if (op === '*' && is(left, 1)) return right;
  if ((op === '/' || op === '^') && is(right, 1)) return left;
  if (op === '-' && is(right, 0)) return left;
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
  return null;
}

/** The node's value as a literal when all its operands are literals, else the node. */
function evaluated(expr: Expr): Expr {
  if (!operands(expr).every(isLiteral)) return expr;
  const value = evaluate(
    expr,
    () => {
      throw new Error('unreachable: a literal subtree reads no symbol');
    },
    FLOAT32_ARITHMETIC,
  );
  return typeof value === 'boolean' ? { kind: 'boolean', value } : { kind: 'number', value };
}

function operands(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'call':
      return expr.args;
    case 'select':
      return [expr.cond, expr.whenTrue, expr.whenFalse];
    default:
      return [];
  }
}

function isLiteral(expr: Expr): boolean {
  return expr.kind === 'number' || expr.kind === 'boolean';
}
