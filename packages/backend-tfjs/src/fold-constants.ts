import { type Expr, foldConstants as foldInDtype } from '@synapticflow/core/backend';

/**
 * Core's constant folding in float32, what tfjs computes in: every subtree without state, input or time
 * becomes its value with one rounding per operation, and exact identities drop out (`x/deltaT` with
 * deltaT = 1 costs no kernel). `x+0` stays: it turns -0 into +0.
 */
export function foldConstants(expr: Expr, constantOf: (name: string) => number | undefined): Expr {
  return foldInDtype(expr, { dtype: 'float32', constantOf });
}
