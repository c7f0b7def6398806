import type { Dtype } from '../../backend.js';
import { BackendError } from '../../errors.js';
import type { Expr } from '../../expr/ast.js';
import { checkedFunction, checkedIdentifier } from './safe-identifiers.js';

/**
 * Binds the Math functions emitted code calls. Put it inside the generated function, not its closure: V8
 * then knows these are the builtins and inlines them (bound in the closure, float32 loops ran ~25% slower).
 */
export const JS_MATH_PRELUDE =
  'const f = Math.fround, exp = Math.exp, log = Math.log, sqrt = Math.sqrt, abs = Math.abs, tanh = Math.tanh, min = Math.min, max = Math.max, pow = Math.pow, ceil = Math.ceil;';

const GENERATOR = 'JavaScript code generator';

/** How the generated code names each symbol an expression reads. */
export interface SymbolNames {
  /** The JavaScript expression that reads `name` in the generated code. */
  resolve(name: string): string;
}

/**
 * Emits one expression as JavaScript source, for backends that generate JS loops. In float32 every arithmetic result is rounded with `f` (Math.fround),
 * as float32 hardware rounds each operation; rounding only stored values would drift from the seed.
 */
export function emitJsExpression(expr: Expr, dtype: Dtype, names: SymbolNames): string {
  const round = (code: string): string => (dtype === 'float32' ? `f(${code})` : code);
  const emit = (e: Expr): string => emitJsExpression(e, dtype, names);
  switch (expr.kind) {
    case 'number':
      return jsNumberLiteral(dtype === 'float32' ? Math.fround(expr.value) : expr.value);
    case 'boolean':
      return String(expr.value);
    case 'identifier':
      return names.resolve(checkedIdentifier(expr.name, GENERATOR));
    case 'unary':
      return expr.op === 'not' ? `(!${emit(expr.operand)})` : `(-${emit(expr.operand)})`;
    case 'select':
      return `(${emit(expr.cond)} ? ${emit(expr.whenTrue)} : ${emit(expr.whenFalse)})`;
    case 'binary': {
      const a = emit(expr.left);
      const b = emit(expr.right);
      switch (expr.op) {
        case '+':
        case '-':
        case '*':
        case '/':
          return round(`(${a} ${expr.op} ${b})`);
        case '^':
          return round(`pow(${a}, ${b})`);
        case 'and':
          return `(${a} && ${b})`;
        case 'or':
          return `(${a} || ${b})`;
        case '==':
          return `(${a} === ${b})`;
        case '!=':
          return `(${a} !== ${b})`;
        case '<':
        case '<=':
        case '>':
        case '>=':
          return `(${a} ${expr.op} ${b})`;
        default:
          throw new BackendError(
            `${GENERATOR}: unknown operator ${JSON.stringify(String((expr as { op: unknown }).op))}`,
          );
      }
    }
    case 'call': {
      const args = expr.args.map(emit);
      switch (checkedFunction(expr.fn, GENERATOR)) {
        case 'abs':
        case 'min':
        case 'max':
        case 'ceil':
          return `${expr.fn}(${args.join(', ')})`;
        case 'float32':
          return `f(${args[0]})`;
        default:
          return round(`${expr.fn}(${args.join(', ')})`);
      }
    }
  }
}

/** A JavaScript literal that reads back as exactly `value`. */
export function jsNumberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '(-Infinity)';
  return value < 0 || Object.is(value, -0) ? `(${value === 0 ? '-0' : String(value)})` : String(value);
}
