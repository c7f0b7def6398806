import type { Expr } from '@synapticflow/core/backend';
import type { VectorShape } from './vector-shape.js';

/** How the step's code reads a symbol: a v128 local, or a scalar parameter baked in as a constant. */
export type Resolved = { local: number } | { constant: number };

export interface ConstantContext {
  readonly shape: VectorShape;
  resolve(name: string): Resolved;
}

/** The value of a literal or of a scalar parameter, as the kernel's dtype rounds it; undefined otherwise. */
export function constantOf(expr: Expr, context: ConstantContext): number | undefined {
  let value: number | undefined;
  if (expr.kind === 'number') value = expr.value;
  else if (expr.kind === 'identifier') {
    const resolved = context.resolve(expr.name);
    if ('constant' in resolved) value = resolved.constant;
  }
  if (value === undefined) return undefined;
  return context.shape.dtype === 'float32' ? Math.fround(value) : value;
}
