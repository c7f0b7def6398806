import type { Expr } from './ast.js';

const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '==': 4,
  '!=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '^': 8,
};

const UNARY_MINUS = 7;

/** Renders an expression back to the expression language, with only the parentheses it needs. */
export function formatExpression(expr: Expr): string {
  return format(expr, 0);
}

function format(expr: Expr, outer: number): string {
  switch (expr.kind) {
    case 'number': {
      if (Number.isNaN(expr.value)) return '(0/0)';
      if (!Number.isFinite(expr.value)) return expr.value > 0 ? '(1/0)' : '(-1/0)';
      const text = Object.is(expr.value, -0) ? '-0' : String(expr.value);
      // A negative literal reads back as unary minus, so it needs the same parentheses.
      return text.startsWith('-') && UNARY_MINUS < outer ? `(${text})` : text;
    }
    case 'boolean':
      return String(expr.value);
    case 'identifier':
      return expr.name;
    case 'call':
      return `${expr.fn}(${expr.args.map((arg) => format(arg, 0)).join(', ')})`;
    case 'select':
      return `select(${format(expr.cond, 0)}, ${format(expr.whenTrue, 0)}, ${format(expr.whenFalse, 0)})`;
    case 'unary': {
      const own = expr.op === 'not' ? 3 : UNARY_MINUS;
      const text = expr.op === 'not' ? `not ${format(expr.operand, own)}` : `-${format(expr.operand, own)}`;
      return own < outer ? `(${text})` : text;
    }
    case 'binary': {
      const own = PRECEDENCE[expr.op]!;
      // Left-associative operators need parentheses on an equal-precedence right operand, `^` on its left;
      // comparisons do not chain, so they need them on both sides.
      const comparison = own === PRECEDENCE['<'];
      const leftOuter = expr.op === '^' || comparison ? own + 1 : own;
      const rightOuter = expr.op === '^' ? own - 1 : own + 1;
      const text = `${format(expr.left, leftOuter)} ${expr.op} ${format(expr.right, rightOuter)}`;
      return own < outer ? `(${text})` : text;
    }
  }
}
