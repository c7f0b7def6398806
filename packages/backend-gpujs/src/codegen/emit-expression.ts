import { BackendError } from '@synapticflow/core';
import { checkedIdentifier, type Expr } from '@synapticflow/core/backend';
import { finalOf } from './live-statements.js';

/** How kernel source names each symbol, and which symbols hold booleans (stored as 0/1 floats). */
export interface KernelSymbols {
  /** The kernel source expression that reads `name`. */
  resolve(name: string): string;
  /** Whether `name` holds a boolean, stored as a 0/1 float. */
  isBoolean(name: string): boolean;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);
const ARITHMETIC = new Set(['+', '-', '*', '/']);
const GENERATOR = 'gpujs backend';
/** Integer exponents up to this size become products: GLSL `pow` is undefined for a negative base. */
const MAX_PRODUCT_EXPONENT = 4;
const TANH_LIMIT = 10;

/** Whether an expression is boolean-valued (comparisons, logic, boolean symbols). */
export function isBooleanExpression(expr: Expr, symbols: KernelSymbols): boolean {
  switch (expr.kind) {
    case 'boolean':
      return true;
    case 'identifier':
      return symbols.isBoolean(expr.name);
    case 'unary':
      return expr.op === 'not';
    case 'binary':
      return COMPARISONS.has(expr.op) || expr.op === 'and' || expr.op === 'or';
    case 'select':
      return isBooleanExpression(expr.whenTrue, symbols);
    default:
      return false;
  }
}

/**
 * Emits a number-valued expression as gpu.js kernel JavaScript. Every arithmetic result is wrapped in
 * `Math.fround`: gpu.js makes it the identity on the GL and WebAssembly kernels (already float32) and keeps
 * it on the cpu kernel, which otherwise computes in double. Booleans become `1`/`0`, because gpu.js types
 * `a >= b` as a number and a boolean local then fails to compile in GLSL.
 */
export function emitValue(expr: Expr, symbols: KernelSymbols): string {
  if (isBooleanExpression(expr, symbols)) return `(${emitCondition(expr, symbols)} ? 1 : 0)`;
  const value = (e: Expr) => emitValue(e, symbols);
  switch (expr.kind) {
    case 'number':
      return numberLiteral(Math.fround(expr.value));
    case 'identifier':
      return symbols.resolve(checkedSymbol(expr.name));
    case 'unary':
      return `(-${value(expr.operand)})`;
    case 'select':
      return `(${emitCondition(expr.cond, symbols)} ? ${value(expr.whenTrue)} : ${value(expr.whenFalse)})`;
    case 'binary':
      if (expr.op === '^') return emitPower(expr.left, expr.right, symbols);
      if (!ARITHMETIC.has(expr.op)) break;
      return `Math.fround(${value(expr.left)} ${expr.op} ${value(expr.right)})`;
    case 'call':
      return emitCall(expr.fn, expr.args, symbols);
  }
  throw new BackendError(`gpujs backend: cannot emit a ${String(expr.kind)} expression as a number`);
}

/** Emits a boolean-valued expression as a JavaScript condition (for `?:`, `&&`, `||`, `!`). */
export function emitCondition(expr: Expr, symbols: KernelSymbols): string {
  const condition = (e: Expr) => emitCondition(e, symbols);
  switch (expr.kind) {
    case 'boolean':
      return String(expr.value);
    case 'identifier':
      return `(${symbols.resolve(checkedSymbol(expr.name))} > 0)`;
    case 'unary':
      return `(!${condition(expr.operand)})`;
    case 'select':
      return `(${condition(expr.cond)} ? ${condition(expr.whenTrue)} : ${condition(expr.whenFalse)})`;
    case 'binary':
      if (expr.op === 'and') return `(${condition(expr.left)} && ${condition(expr.right)})`;
      if (expr.op === 'or') return `(${condition(expr.left)} || ${condition(expr.right)})`;
      if (COMPARISONS.has(expr.op)) {
        return `(${emitValue(expr.left, symbols)} ${expr.op} ${emitValue(expr.right, symbols)})`;
      }
      break;
  }
  throw new BackendError('gpujs backend: expected a boolean expression');
}

function emitCall(fn: string, args: readonly Expr[], symbols: KernelSymbols): string {
  const code = args.map((arg) => emitValue(arg, symbols));
  switch (fn) {
    case 'abs':
    case 'min':
    case 'max':
      return `Math.${fn}(${code.join(', ')})`; // exact: no rounding needed
    case 'float32':
      return `Math.fround(${code[0]})`;
    case 'pow':
      return emitPower(args[0]!, args[1]!, symbols);
    case 'ceil':
      // gpu.js types Math.ceil as an integer; the outer fround keeps it a float in every kernel.
      return `Math.fround(Math.ceil(${code[0]}))`;
    case 'tanh':
      // GPU tanh overflows to NaN from |x| ≈ 44 (SwiftShader: exp(x)/exp(x) = Inf/Inf). In float32
      // tanh(x) is exactly ±1 from |x| ≈ 9.01, so clamping to ±TANH_LIMIT changes no result.
      return `Math.fround(Math.tanh(Math.min(Math.max(${code[0]}, -${TANH_LIMIT}), ${TANH_LIMIT})))`;
    case 'exp':
    case 'log':
    case 'sqrt':
      return `Math.fround(Math.${fn}(${code[0]}))`;
    default:
      throw new BackendError(`gpujs backend: unknown function "${fn}"`);
  }
}

/** `name` once it (or the state name inside a finalName) has passed the strict identifier check. */
function checkedSymbol(name: string): string {
  checkedIdentifier(finalOf(name) ?? name, GENERATOR);
  return name;
}

/** `x^k` for a small integer literal k as rounded products (defined for x < 0, unlike GLSL's pow). */
function emitPower(base: Expr, exponent: Expr, symbols: KernelSymbols): string {
  const x = emitValue(base, symbols);
  const k = literalValue(exponent);
  if (!Number.isInteger(k) || Math.abs(k) > MAX_PRODUCT_EXPONENT) {
    return `Math.fround(Math.pow(${x}, ${emitValue(exponent, symbols)}))`;
  }
  if (k === 0) return '1';
  let product = x;
  for (let i = 1; i < Math.abs(k); i++) product = `Math.fround(${product} * ${x})`;
  return k < 0 ? `Math.fround(1 / ${product})` : product;
}

/** The value of a number literal or a negated one (`-1` parses as unary minus of 1), else NaN. */
function literalValue(expr: Expr): number {
  if (expr.kind === 'number') return expr.value;
  if (expr.kind === 'unary' && expr.op === '-' && expr.operand.kind === 'number') return -expr.operand.value;
  return Number.NaN;
}

/** A JavaScript literal that reads back as exactly `value`. */
export function numberLiteral(value: number): string {
  if (Number.isNaN(value)) throw new BackendError('gpujs backend: NaN literal');
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '(-Infinity)';
  return value < 0 || Object.is(value, -0) ? `(${value === 0 ? '-0' : String(value)})` : String(value);
}
