import type { BinaryOp, UnaryOp } from '@synapticflow/core/backend';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/** A tfjs kernel and whether its result is boolean. */
export interface KernelOp {
  kernel: string;
  bool: boolean;
}

const arithmetic = (kernel: string): KernelOp => ({ kernel, bool: false });
const logical = (kernel: string): KernelOp => ({ kernel, bool: true });

export const BINARY_OPS: Readonly<Record<BinaryOp, KernelOp>> = {
  '+': arithmetic('Add'),
  '-': arithmetic('Sub'),
  '*': arithmetic('Multiply'),
  '/': arithmetic('RealDiv'),
  '^': arithmetic('Pow'),
  '<': logical('Less'),
  '<=': logical('LessEqual'),
  '>': logical('Greater'),
  '>=': logical('GreaterEqual'),
  '==': logical('Equal'),
  '!=': logical('NotEqual'),
  and: logical('LogicalAnd'),
  or: logical('LogicalOr'),
};

export const UNARY_OPS: Readonly<Record<UnaryOp, KernelOp>> = {
  '-': arithmetic('Neg'),
  not: logical('LogicalNot'),
};

/** Expression functions; `float32` is absent because tfjs already rounds every result to float32. */
export const CALL_OPS: Readonly<Record<string, KernelOp>> = {
  exp: arithmetic('Exp'),
  log: arithmetic('Log'),
  sqrt: arithmetic('Sqrt'),
  abs: arithmetic('Abs'),
  tanh: arithmetic('Tanh'),
  min: arithmetic('Minimum'),
  max: arithmetic('Maximum'),
  pow: arithmetic('Pow'),
  ceil: arithmetic('Ceil'),
};

/** Computes one slot of a step from other slots. */
export type SlotExec = (slots: readonly (Tensor | undefined)[]) => Tensor;

/**
 * Runs a kernel through `engine().runKernel`, as tfjs's own ops do after their argument checks. The compiler
 * has already checked dtypes and made shapes match, so skipping the op wrappers (a scope per op, and for
 * `where` three broadcastTo/clone ops) roughly halves the per-op cost at small sizes.
 */
export function kernelExec(tf: TfjsNamespace, kernel: string, inputs: readonly number[]): SlotExec {
  const engine = tf.engine();
  const [i, j, k] = inputs as [number, number, number];
  switch (inputs.length) {
    case 1:
      return (s) => engine.runKernel(kernel, { x: s[i]! });
    case 2:
      return (s) => engine.runKernel(kernel, { a: s[i]!, b: s[j]! });
    case 3:
      return (s) => engine.runKernel(kernel, { condition: s[i]!, t: s[j]!, e: s[k]! });
    default:
      throw new Error(`tfjs backend: no kernel of ${inputs.length} inputs`);
  }
}
