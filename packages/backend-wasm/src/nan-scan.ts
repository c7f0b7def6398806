import { FunctionBuilder } from './encoder/function-builder.js';
import { ModuleBuilder } from './encoder/module-builder.js';
import { floatOp, type VectorShape } from './vector-shape.js';

/** `scan(start, end)`: the byte address of the first vector in [start, end) with a NaN lane, or -1. */
export type NaNScan = (start: number, end: number) => number;

/**
 * A module that scans memory a vector at a time, for `findNaN` and `findNonFinite`: `scan` finds NaN lanes
 * (x != x only for NaN), `scanNonFinite` NaN and ±Infinity lanes (x - x is NaN exactly for those).
 */
export function compileNaNScanModule(shape: VectorShape, sharedMemoryPages?: number): Uint8Array {
  const module = new ModuleBuilder().importMemory('env', 'memory', 0, sharedMemoryPages);
  module.addFunction(scanFunction(shape, false), 'scan');
  module.addFunction(scanFunction(shape, true), 'scanNonFinite');
  return module.bytes();
}

function scanFunction(shape: VectorShape, nonFinite: boolean): FunctionBuilder {
  const code = new FunctionBuilder(['i32', 'i32'], ['i32']);
  const [start, end] = [0, 1];
  const vector = code.local('v128');
  code.begin('block').begin('loop');
  code.get(start).get(end).op('i32.ge_u').brIf(1);
  code.get(start).simdMemory('v128.load', { offset: 0, align: 4 }).tee(vector);
  if (nonFinite) code.get(vector).simd(floatOp(shape, 'sub')).tee(vector);
  code.get(vector);
  code.simd(floatOp(shape, 'ne')).simd('v128.any_true');
  code.begin('if').get(start).op('return').op('end');
  code.get(start).i32Const(16).op('i32.add').set(start).br(0);
  code.op('end').op('end');
  code.i32Const(-1);
  return code;
}
