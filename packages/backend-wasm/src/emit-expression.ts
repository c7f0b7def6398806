import { BackendError } from '@synapticflow/core';
import { type Expr, foldConstants } from '@synapticflow/core/backend';
import { type ConstantContext, constantOf } from './constant-folding.js';
import type { FunctionBuilder } from './encoder/function-builder.js';
import { emitExpF32x4 } from './exp-f32x4.js';
import { emitExpF64x2 } from './exp-f64x2.js';
import { emitFastExpF32x4 } from './fast-exp-f32x4.js';
import { emitLaneCall, LANE_FUNCTIONS, type LaneFunction } from './lane-calls.js';
import { floatOp, pushSplat } from './vector-shape.js';

export type { Resolved } from './constant-folding.js';

/** `exact`: bit-identical to backend-js; `fast`: float32 exp within 2 ulps (see fast-exp-f32x4.ts). */
export type Precision = 'exact' | 'fast';

export interface ExpressionContext extends ConstantContext {
  readonly code: FunctionBuilder;
  /** The function index of an imported Math function, imported on first use. */
  laneFunction(name: LaneFunction): number;
  /** Which exp a float32 kernel uses (default exact). */
  readonly precision?: Precision;
  /**
   * Relaxed SIMD, for the fast mode where the engine has it: `a*b + c` and `c - a*b` become one fused
   * multiply-add (one rounding instead of two, or two where the hardware has no FMA), and selects one lane
   * select (the same bits as bitselect, since every boolean is a whole-lane mask).
   */
  readonly relaxedSimd?: boolean;
}

const COMPARISONS = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const;
const ARITHMETIC = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const;

/**
 * Emits code that leaves the expression's value, one element per lane, on the stack. Numbers are float
 * lanes; booleans are lane masks (all bits set for true), so `select` is a `v128.bitselect` of both
 * computed sides: it picks bits, so an untaken side's Infinity or NaN never reaches the result.
 */
export function emitExpression(expr: Expr, context: ExpressionContext): void {
  // Core's folding pass, with scalar parameters as constants: constant subtrees become one splat, computed
  // as the kernel would compute them, and exact identities (x*1, x/-1, …) cost nothing.
  const constantOfName = (name: string): number | undefined => {
    const resolved = context.resolve(name);
    return 'constant' in resolved ? resolved.constant : undefined;
  };
  emitFolded(foldConstants(expr, { dtype: context.shape.dtype, constantOf: constantOfName }), context);
}

function emitFolded(expr: Expr, context: ExpressionContext): void {
  const { code, shape } = context;
  const emit = (e: Expr): void => emitFolded(e, context);
  switch (expr.kind) {
    case 'number':
      pushSplat(code, shape, expr.value);
      return;
    case 'boolean':
      code.i32x4Const(expr.value ? -1 : 0);
      return;
    case 'identifier': {
      const resolved = context.resolve(expr.name);
      if ('local' in resolved) code.get(resolved.local);
      else pushSplat(code, shape, resolved.constant);
      return;
    }
    case 'unary':
      emit(expr.operand);
      code.simd(expr.op === 'not' ? 'v128.not' : floatOp(shape, 'neg'));
      return;
    case 'select':
      emit(expr.whenTrue);
      emit(expr.whenFalse);
      emit(expr.cond);
      code.simd(context.relaxedSimd ? 'i32x4.relaxed_laneselect' : 'v128.bitselect');
      return;
    case 'binary':
      if (expr.op === '^') {
        emitPower(expr.left, expr.right, context);
        return;
      }
      if (context.relaxedSimd && emitFusedMultiplyAdd(expr, context)) return;
      if (expr.op === 'and' && emitAndNot(expr, context)) return;
      emit(expr.left);
      emit(expr.right);
      if (expr.op === 'and') code.simd('v128.and');
      else if (expr.op === 'or') code.simd('v128.or');
      else if (expr.op in COMPARISONS)
        code.simd(floatOp(shape, COMPARISONS[expr.op as keyof typeof COMPARISONS]));
      else code.simd(floatOp(shape, ARITHMETIC[expr.op as keyof typeof ARITHMETIC]));
      return;
    case 'call':
      emitCall(expr.fn, expr.args, context);
      return;
  }
}

/** `a and not b` (either order) as one v128.andnot, `a & ~b`; false, emitting nothing, for other `and`s. */
function emitAndNot(expr: Expr & { kind: 'binary' }, context: ExpressionContext): boolean {
  const isNot = (e: Expr): e is Expr & { kind: 'unary' } => e.kind === 'unary' && e.op === 'not';
  let kept: Expr;
  let negated: Expr;
  if (isNot(expr.right)) [kept, negated] = [expr.left, expr.right.operand];
  else if (isNot(expr.left)) [kept, negated] = [expr.right, expr.left.operand];
  else return false;
  emitFolded(kept, context);
  emitFolded(negated, context);
  context.code.simd('v128.andnot');
  return true;
}

/** `a*b + c`, `c + a*b` and `c - a*b` as one relaxed (n)madd; false, emitting nothing, for other sums. */
function emitFusedMultiplyAdd(expr: Expr & { kind: 'binary' }, context: ExpressionContext): boolean {
  const isProduct = (e: Expr): e is Expr & { kind: 'binary' } => e.kind === 'binary' && e.op === '*';
  let product: Expr & { kind: 'binary' };
  let addend: Expr;
  if (expr.op === '+' && isProduct(expr.left)) [product, addend] = [expr.left, expr.right];
  else if ((expr.op === '+' || expr.op === '-') && isProduct(expr.right))
    [product, addend] = [expr.right, expr.left];
  else return false;
  emitFolded(product.left, context);
  emitFolded(product.right, context);
  emitFolded(addend, context);
  const { code, shape } = context;
  code.simd(`${shape.prefix}.relaxed_${expr.op === '+' ? 'madd' : 'nmadd'}`);
  return true;
}

function emitCall(fn: string, args: readonly Expr[], context: ExpressionContext): void {
  const { code, shape } = context;
  const [x, y] = args;
  if (!x) throw new BackendError(`wasm backend: ${fn}() without arguments`);
  if (fn === 'pow') {
    emitPower(x, y!, context);
    return;
  }
  if (fn === 'min' || fn === 'max') {
    emitMinMax(fn, x, y!, context);
    return;
  }
  emitFolded(x, context);
  switch (fn) {
    case 'exp':
      if (shape.dtype === 'float32' && context.precision === 'fast')
        emitFastExpF32x4(code, context.relaxedSimd);
      else if (shape.dtype === 'float32') emitExpF32x4(code);
      else emitExpF64x2(code);
      return;
    case 'sqrt':
    case 'abs':
    case 'ceil':
      code.simd(floatOp(shape, fn));
      return;
    case 'float32':
      // Values already are float32 in a float32 kernel; float64 lanes round through f32 and back.
      if (shape.dtype === 'float64') code.simd('f32x4.demote_f64x2_zero').simd('f64x2.promote_low_f32x4');
      return;
    case 'log':
    case 'tanh':
      emitLaneCall(code, shape, context.laneFunction(fn), LANE_FUNCTIONS[fn].arity);
      return;
  }
  throw new BackendError(`wasm backend: unknown function ${fn}()`);
}

/** `x^2` is `x*x` (fdlibm's pow, behind Math.pow, returns exactly that); other powers call Math.pow per lane. */
function emitPower(base: Expr, exponent: Expr, context: ExpressionContext): void {
  const { code, shape } = context;
  emitFolded(base, context);
  if (constantOf(exponent, context) === 2) {
    const square = code.local('v128');
    code.tee(square).get(square).simd(floatOp(shape, 'mul'));
    return;
  }
  emitFolded(exponent, context);
  emitLaneCall(code, shape, context.laneFunction('pow'), 2);
}

/**
 * min/max as Math.min/Math.max: NaN if either side is NaN, and -0 below +0. The SIMD min/max do exactly that
 * but cost several machine instructions on x86; against a constant c (not NaN), the one-instruction
 * pmin/pmax (`c < x ? c : x`) agree except for signed zeros, which the two cases below repair or avoid.
 */
function emitMinMax(fn: 'min' | 'max', x: Expr, y: Expr, context: ExpressionContext): void {
  const { code, shape } = context;
  const cy = constantOf(y, context);
  const cx = constantOf(x, context);
  const [variable, constant] =
    cy !== undefined ? [x, cy] : cx !== undefined ? [y, cx] : [undefined, undefined];
  // min(+0, -0) must be -0, which pmin cannot give.
  const usable =
    constant !== undefined && !Number.isNaN(constant) && !(fn === 'min' && Object.is(constant, -0));
  if (variable && constant !== undefined && usable) {
    emitFolded(variable, context);
    pushSplat(code, shape, constant);
    code.simd(floatOp(shape, fn === 'min' ? 'pmin' : 'pmax'));
    // max(-0, +0) must be +0: pmax keeps -0, and adding +0 turns -0 (only) into +0. The fast mode lets a
    // zero's sign go, as its `x + 0` rewrite does.
    if (fn === 'max' && Object.is(constant, 0) && context.precision !== 'fast') {
      pushSplat(code, shape, 0);
      code.simd(floatOp(shape, 'add'));
    }
    return;
  }
  emitFolded(x, context);
  emitFolded(y, context);
  code.simd(floatOp(shape, fn));
}
