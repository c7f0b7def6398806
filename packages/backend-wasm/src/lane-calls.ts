import type { FunctionBuilder } from './encoder/function-builder.js';
import type { VectorShape } from './vector-shape.js';

/** Math functions without a SIMD instruction, called lane by lane from JavaScript (imported as f64 → f64). */
export const LANE_FUNCTIONS = {
  log: { arity: 1, implementation: Math.log },
  tanh: { arity: 1, implementation: Math.tanh },
  pow: { arity: 2, implementation: Math.pow },
} as const;
export type LaneFunction = keyof typeof LANE_FUNCTIONS;

/**
 * Emits a per-lane call of an imported function on the `arity` vectors on top of the stack. float32 lanes are
 * widened, passed to the double-precision Math function and rounded back, exactly as backend-js computes
 * `Math.fround(Math.log(x))`, so the results agree bit for bit.
 */
export function emitLaneCall(
  code: FunctionBuilder,
  shape: VectorShape,
  functionIndex: number,
  arity: 1 | 2,
): void {
  const args = Array.from({ length: arity }, () => code.local('v128'));
  for (let i = arity - 1; i >= 0; i--) code.set(args[i]!);
  const extract = shape.dtype === 'float32' ? 'f32x4.extract_lane' : 'f64x2.extract_lane';
  const replace = shape.dtype === 'float32' ? 'f32x4.replace_lane' : 'f64x2.replace_lane';
  code.get(args[0]!); // the vector whose lanes are replaced one by one
  for (let lane = 0; lane < shape.lanes; lane++) {
    for (const arg of args) {
      code.get(arg).simdLane(extract, lane);
      if (shape.dtype === 'float32') code.op('f64.promote_f32');
    }
    code.call(functionIndex);
    if (shape.dtype === 'float32') code.op('f32.demote_f64');
    code.simdLane(replace, lane);
  }
}
