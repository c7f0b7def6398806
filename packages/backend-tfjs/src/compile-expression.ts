import { BackendError } from '@synapticflow/core';
import type { Expr } from '@synapticflow/core/backend';
import { BINARY_OPS, CALL_OPS, UNARY_OPS } from './kernel-ops.js';
import type { PlanBuilder, Value } from './plan-builder.js';

/**
 * Compiles one (constant-folded) expression to tfjs kernels: literals become cached scalars, identifiers
 * whatever `lookup` binds them to, operators and functions one kernel each, and `select` a `Select` kernel
 * (tf.where) over full-shape operands, so an untaken branch's Infinity never reaches the result.
 */
export function compileExpression(expr: Expr, lookup: (name: string) => Value, builder: PlanBuilder): Value {
  const compile = (e: Expr): Value => compileExpression(e, lookup, builder);
  switch (expr.kind) {
    case 'number':
      return builder.number(expr.value);
    case 'boolean':
      return builder.boolean(expr.value);
    case 'identifier':
      return lookup(expr.name);
    case 'unary': {
      const op = UNARY_OPS[expr.op];
      return builder.apply(op.kernel, [compile(expr.operand)], op.bool);
    }
    case 'binary': {
      const op = BINARY_OPS[expr.op];
      return builder.apply(op.kernel, [compile(expr.left), compile(expr.right)], op.bool);
    }
    case 'call': {
      const args = expr.args.map(compile);
      // tfjs computes in float32 already, so the program's explicit float32 rounding is the identity.
      if (expr.fn === 'float32') return args[0]!;
      const op = CALL_OPS[expr.fn];
      if (!op) throw new BackendError(`tfjs backend: no kernel for the function "${expr.fn}"`);
      return builder.apply(op.kernel, args, op.bool);
    }
    case 'select': {
      const cond = compile(expr.cond);
      const whenTrue = compile(expr.whenTrue);
      const whenFalse = compile(expr.whenFalse);
      if (whenTrue === whenFalse) return whenTrue;
      if (whenTrue.bool) {
        // tfjs-wasm's Select reads its branches as float32 (bool branches corrupt its memory): use logic.
        const taken = builder.apply('LogicalAnd', [cond, whenTrue], true);
        const notCond = builder.apply('LogicalNot', [cond], true);
        const other = builder.apply('LogicalAnd', [notCond, whenFalse], true);
        return builder.apply('LogicalOr', [taken, other], true);
      }
      // The Select kernel wants three equal shapes; tf.where would broadcast on every step instead.
      const operands = [cond, whenTrue, whenFalse].map((v) => builder.toFull(v));
      return builder.apply('Select', operands, false);
    }
  }
}
