import { ModelSpecError, type SpecLocation } from '../errors.js';
import type { Expr } from '../expr/ast.js';
import { closestName, shownName } from './closest-name.js';

export type ValueType = 'number' | 'boolean';

export interface Scope {
  /** Type of each symbol the expression may read. */
  symbols: ReadonlyMap<string, ValueType>;
  /** Shown in the "unknown symbol" message, e.g. "parameters and state". */
  describe: string;
}

type Where = Omit<SpecLocation, 'offset'> & { source: string };

/** Infers an expression's type, rejecting unknown symbols and booleans where numbers belong (and back). */
export function typeOf(expr: Expr, scope: Scope, where: Where): ValueType {
  const fail = (node: Expr, detail: string): never => {
    throw new ModelSpecError({ ...where, offset: node.span?.start ?? 0 }, detail);
  };
  const expect = (node: Expr, wanted: ValueType, context: string): void => {
    const got = typeOf(node, scope, where);
    if (got !== wanted) fail(node, `${context} needs a ${wanted}, got a ${got}`);
  };
  switch (expr.kind) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'identifier': {
      const type = scope.symbols.get(expr.name);
      if (type) return type;
      const known = [...scope.symbols.keys()];
      const guess = closestName(expr.name, known);
      const hint = guess ? `; did you mean "${guess}"?` : '';
      const listed = known.map(shownName).join(', ');
      return fail(expr, `unknown symbol "${shownName(expr.name)}"${hint} (${scope.describe}: ${listed})`);
    }
    case 'unary':
      if (expr.op === 'not') {
        expect(expr.operand, 'boolean', '"not"');
        return 'boolean';
      }
      expect(expr.operand, 'number', 'unary "-"');
      return 'number';
    case 'binary':
      if (expr.op === 'and' || expr.op === 'or') {
        expect(expr.left, 'boolean', `"${expr.op}"`);
        expect(expr.right, 'boolean', `"${expr.op}"`);
        return 'boolean';
      }
      expect(expr.left, 'number', `"${expr.op}"`);
      expect(expr.right, 'number', `"${expr.op}"`);
      return ['+', '-', '*', '/', '^'].includes(expr.op) ? 'number' : 'boolean';
    case 'call':
      for (const arg of expr.args) expect(arg, 'number', `${expr.fn}()`);
      return 'number';
    case 'select': {
      expect(expr.cond, 'boolean', 'a condition');
      const whenTrue = typeOf(expr.whenTrue, scope, where);
      expect(expr.whenFalse, whenTrue, 'both branches of a select');
      return whenTrue;
    }
  }
}
