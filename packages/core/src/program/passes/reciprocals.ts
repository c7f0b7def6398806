import type { Dtype } from '../../backend.js';
import { type Expr, mapChildren } from '../../expr/ast.js';
import type { Statement } from '../program.js';

/** Options of reciprocal hoisting. */
export interface ReciprocalOptions {
  /** The kernel's arithmetic: a literal's reciprocal is rounded to it. */
  dtype: Dtype;
  /** Whether a name is a per-neuron parameter (fixed for the kernel's life, one value per neuron). */
  isPerNeuronParameter(name: string): boolean;
}

/** Statements with divisions turned into multiplications, and the per-neuron reciprocals they now read. */
export interface HoistedReciprocals {
  statements: Statement[];
  /** Name of each new per-neuron parameter → the parameter it is the reciprocal of (`1 / that`, in the dtype). */
  reciprocals: Map<string, string>;
}

/** The name a per-neuron parameter's reciprocal takes: parentheses keep it apart from every model symbol. */
export function reciprocalName(parameter: string): string {
  return `reciprocal(${parameter})`;
}

/**
 * NOT bit-identical, so only for a kernel that opted out of exact arithmetic: `x / c` for a nonzero finite
 * literal c becomes `x * (1/c)`, and `x / p` for a per-neuron parameter p becomes `x * reciprocal(p)`, a new
 * per-neuron parameter the kernel computes once. Each rewrite adds one rounding (the reciprocal's), so
 * its result is within 2 units in the last place of the division's wherever the reciprocal is finite and
 * nonzero; a division costs several times a multiplication in every vector unit. Run it after constant folding, so scalar parameters are literals.
 */
export function hoistReciprocals(
  statements: readonly Statement[],
  options: ReciprocalOptions,
): HoistedReciprocals {
  const round = options.dtype === 'float32' ? Math.fround : (x: number) => x;
  const reciprocals = new Map<string, string>();
  const rewrite = (expr: Expr): Expr => {
    const rewritten = mapChildren(expr, rewrite);
    if (rewritten.kind !== 'binary' || rewritten.op !== '/') return rewritten;
    const { left, right } = rewritten;
    if (right.kind === 'number') {
      const inverse = round(1 / right.value);
      // 1/c overflows (c subnormal) or is 0 (c infinite), or c is 0: the division is not a product.
      if (!Number.isFinite(inverse) || inverse === 0) return rewritten;
      return { kind: 'binary', op: '*', left, right: { kind: 'number', value: inverse } };
    }
    if (right.kind === 'identifier' && options.isPerNeuronParameter(right.name)) {
      const name = reciprocalName(right.name);
      reciprocals.set(name, right.name);
      return { kind: 'binary', op: '*', left, right: { kind: 'identifier', name } };
    }
    return rewritten;
  };
  return { statements: statements.map((s) => ({ ...s, expr: rewrite(s.expr) })), reciprocals };
}
