import type { Dtype } from '@synapticflow/core/backend';
import { FunctionBuilder } from '../src/encoder/function-builder.js';
import { ModuleBuilder } from '../src/encoder/module-builder.js';
import { emitExpF32x4 } from '../src/exp-f32x4.js';
import { emitExpF64x2 } from '../src/exp-f64x2.js';
import { emitFastExpF32x4 } from '../src/fast-exp-f32x4.js';

/**
 * For tests: `exp` of a whole array through the kernel's vector exp, in a module of its own.
 * Returns a function that maps values (any length) to their exp in the dtype; `fast` takes the fast mode's exp,
 * `fused` its relaxed SIMD form (for engines that have it).
 */
export function vectorExp(
  dtype: Dtype,
  precision: 'exact' | 'fast' = 'exact',
  fused = false,
): (values: ArrayLike<number>) => Float32Array | Float64Array {
  const code = new FunctionBuilder(['i32'], []); // bytes to process from address 0, a multiple of 16
  const [end] = [0];
  const at = code.local('i32');
  code.begin('block').begin('loop');
  code.get(at).get(end).op('i32.ge_u').brIf(1);
  code.get(at).get(at).simdMemory('v128.load', { offset: 0, align: 4 });
  if (dtype === 'float32' && precision === 'fast') emitFastExpF32x4(code, fused);
  else if (dtype === 'float32') emitExpF32x4(code);
  else emitExpF64x2(code);
  code.simdMemory('v128.store', { offset: 0, align: 4 });
  code.get(at).i32Const(16).op('i32.add').set(at).br(0);
  code.op('end').op('end');
  const module = new ModuleBuilder().importMemory('env', 'memory', 0);
  module.addFunction(code, 'map');
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(module.bytes()), { env: { memory } });
  const map = instance.exports.map as (bytes: number) => void;
  const Type = dtype === 'float32' ? Float32Array : Float64Array;
  return (values) => {
    const bytes = Math.ceil((values.length * Type.BYTES_PER_ELEMENT) / 16) * 16;
    const pages = Math.ceil(bytes / 65536);
    const have = memory.buffer.byteLength / 65536;
    if (pages > have) memory.grow(pages - have);
    const view = new Type(memory.buffer, 0, values.length);
    view.set(values);
    map(bytes);
    return view.slice();
  };
}
