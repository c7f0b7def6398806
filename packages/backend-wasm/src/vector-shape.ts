import type { Dtype } from '@synapticflow/core/backend';
import type { FunctionBuilder } from './encoder/function-builder.js';
import type { SimdOp } from './encoder/opcodes.js';

/** How one dtype maps onto a 128-bit vector: f32x4 (4 lanes of 4 bytes) or f64x2 (2 lanes of 8 bytes). */
export interface VectorShape {
  readonly dtype: Dtype;
  readonly prefix: 'f32x4' | 'f64x2';
  readonly lanes: 4 | 2;
  /** Bytes per element, and its log2 (to turn element indices into byte offsets). */
  readonly bytes: 4 | 8;
  readonly log2Bytes: 2 | 3;
}

export const F32X4: VectorShape = { dtype: 'float32', prefix: 'f32x4', lanes: 4, bytes: 4, log2Bytes: 2 };
export const F64X2: VectorShape = { dtype: 'float64', prefix: 'f64x2', lanes: 2, bytes: 8, log2Bytes: 3 };

export function vectorShape(dtype: Dtype): VectorShape {
  return dtype === 'float32' ? F32X4 : F64X2;
}

type FloatOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'neg'
  | 'abs'
  | 'sqrt'
  | 'ceil'
  | 'min'
  | 'max'
  | 'pmin'
  | 'pmax'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge';

/** The float instruction of this shape, e.g. `f32x4.add`. */
export function floatOp(shape: VectorShape, op: FloatOp): SimdOp {
  return `${shape.prefix}.${op}`;
}

/** Pushes `value` in every lane, rounded to the dtype as the step program's literals are. */
export function pushSplat(code: FunctionBuilder, shape: VectorShape, value: number): void {
  if (shape.dtype === 'float32') code.f32x4Const(Math.fround(value));
  else code.f64x2Const(value);
}
